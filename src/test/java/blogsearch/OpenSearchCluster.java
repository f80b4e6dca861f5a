package blogsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenSearch cluster of three nodes on loopback, from the node Maven unpacks into target/ (see the pom),
 * started once for all the test classes of a run that carry {@code @ExtendWith(OpenSearchCluster.class)} and
 * stopped when the run ends. A {@link Prerequisite} named {@code opensearch}: where no node can start (no
 * unpacked node, no JDK 21+, no unprivileged user to run it as), those tests are skipped.
 *
 * <p>Each node runs in a JVM of its own with 512 MB of heap, as user {@code nobody} when the tests run as root
 * (OpenSearch refuses root), then on a copy of that node in the system's temporary folder; they are stopped by
 * their process ids.
 */
public final class OpenSearchCluster implements ExecutionCondition, AutoCloseable {
    public static final int NODES = 3;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            OpenSearchCluster.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** Set once, when the cluster of this test run has started. */
    private static volatile OpenSearchCluster running;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final Path root;
    /** The folder of the nodes' own copy of OpenSearch, deleted when they stop; null if they run the project's. */
    private final Path scratch;
    private final String name;
    private final int[] httpPorts;
    private final int[] transportPorts;
    private final Process[] processes;

    /** For JUnit, as an extension; the cluster itself is made by {@link #shared}. */
    public OpenSearchCluster() {
        this.home = null;
        this.root = null;
        this.scratch = null;
        this.name = null;
        this.httpPorts = new int[0];
        this.transportPorts = new int[0];
        this.processes = new Process[0];
    }

    private OpenSearchCluster(Path home, Path root, int nodes, Path scratch) {
        this.home = home;
        this.root = root;
        this.scratch = scratch;
        this.name = "blogsearch-test-" + ProcessHandle.current().pid();
        this.httpPorts = IntStream.range(0, nodes).map(i -> freePort()).toArray();
        this.transportPorts = IntStream.range(0, nodes).map(i -> freePort()).toArray();
        this.processes = new Process[nodes];
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Object state = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("cluster", k -> startShared());
        return Prerequisite.evaluate(context, "opensearch", state instanceof String why ? Optional.of(why)
                : Optional.empty());
    }

    /** The cluster the test classes of this run share; only valid in a class the extension let run. */
    public static OpenSearchCluster shared() {
        return Objects.requireNonNull(running, "no OpenSearch cluster was started");
    }

    /** The cluster or why it could not start, computed once per run. */
    private static Object startShared() {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            return missing.get();
        }
        OpenSearchCluster cluster = null;
        Path scratch = null;
        try {
            Path home = home();
            Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target")
                    .resolve("opensearch-nodes").resolve(Long.toString(ProcessHandle.current().pid()));
            if (isRoot()) {
                // User nobody may not pass through the folders above the project (a checkout in a folder that only
                // root enters, as mktemp -d makes): the nodes get a copy of OpenSearch in a folder anyone can enter.
                scratch = Files.createTempDirectory("blogsearch-opensearch-");
                Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
                home = TestFiles.copyTree(home, scratch.resolve(home.getFileName().toString()));
                root = scratch.resolve("nodes");
            }
            cluster = new OpenSearchCluster(home, root, NODES, scratch);
            cluster.startAll();
            OpenSearchCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            running = cluster;
            return cluster;
        } catch (RuntimeException | IOException e) {
            if (cluster != null) {
                cluster.close();
            } else if (scratch != null) {
                deleteQuietly(scratch);
            }
            return "the OpenSearch nodes did not start: " + e.getMessage();
        }
    }


    private static void deleteQuietly(Path scratch) {
        try {
            TestFiles.delete(scratch);
        } catch (IOException e) {
            System.err.println("could not delete " + scratch + ": " + e.getMessage());
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("opensearch.home", "target/opensearch/opensearch-3.3.0"));
    }

    private static Optional<String> missing() {
        if (!Files.isExecutable(home().resolve("bin").resolve("opensearch"))) {
            return Optional.of("no OpenSearch node unpacked at " + home() + " (mvn verify unpacks it)");
        }
        if (javaHome().isEmpty()) {
            return Optional.of("no JDK 21+ to run OpenSearch (java.home is " + System.getProperty("java.home") + ")");
        }
        if (isRoot() && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return Optional.of("running as root and no setpriv to run OpenSearch as an unprivileged user");
        }
        return Optional.empty();
    }

    /** The JDK the tests run on is 21+ (Lucene 10 needs it), so the nodes run on it too. */
    private static Optional<String> javaHome() {
        return Runtime.version().feature() >= 21 ? Optional.of(System.getProperty("java.home")) : Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return Files.getOwner(Path.of("/proc/self")).getName().equals("root");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The HTTP address of node {@code node}. */
    public String url(int node) {
        return "http://127.0.0.1:" + httpPorts[node];
    }

    /** The HTTP address of the first node, which tests never stop. */
    public String url() {
        return url(0);
    }

    private void startAll() throws IOException {
        for (int i = 0; i < processes.length; i++) {
            start(i);
        }
        awaitHealth("green", processes.length);
    }

    /** Starts node {@code node} (again, with the data it had) without waiting for it. */
    public void start(int node) {
        try {
            Path dir = nodeDir(node);
            List<String> command = new ArrayList<>();
            if (isRoot()) {
                command.addAll(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
            }
            command.add(home.resolve("bin").resolve("opensearch").toString());
            String seeds = IntStream.of(transportPorts).mapToObj(p -> "127.0.0.1:" + p)
                    .collect(Collectors.joining(","));
            String managers = IntStream.range(0, processes.length).mapToObj(i -> "node-" + i)
                    .collect(Collectors.joining(","));
            command.addAll(List.of("-Ecluster.name=" + name, "-Enode.name=node-" + node,
                    "-Enetwork.host=127.0.0.1", "-Ehttp.port=" + httpPorts[node],
                    "-Etransport.port=" + transportPorts[node], "-Epath.data=" + dir.resolve("data"),
                    "-Epath.logs=" + dir.resolve("logs"), "-Ediscovery.seed_hosts=" + seeds,
                    "-Ecluster.initial_cluster_manager_nodes=" + managers,
                    // A busy shared disk must not make the cluster refuse shards.
                    "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
            pb.environment().put("OPENSEARCH_JAVA_HOME", javaHome().orElseThrow());
            pb.environment().put("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m");
            pb.environment().put("OPENSEARCH_PATH_CONF", dir.resolve("config").toString());
            pb.environment().put("OPENSEARCH_TMPDIR", dir.resolve("tmp").toString());
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            processes[node] = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start OpenSearch node " + node + ": " + e.getMessage(), e);
        }
    }

    /**
     * The node's own folder, made on first use: its configuration, data, logs and temporary files (else the node
     * leaves a folder of its own in the system's), owned by the node's user.
     */
    private Path nodeDir(int node) throws IOException {
        Path dir = root.resolve("node-" + node);
        if (!Files.isDirectory(dir.resolve("config"))) {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("tmp"));
            TestFiles.copyTree(home.resolve("config"), dir.resolve("config"));
            // The node runs in its home, which its user cannot write to: the GC log goes to the node's folder.
            Path jvmOptions = dir.resolve("config").resolve("jvm.options");
            Files.writeString(jvmOptions, Files.readString(jvmOptions)
                    .replace("file=logs/gc.log", "file=" + dir.resolve("logs").resolve("gc.log")));
            if (isRoot()) {
                chownToNobody(root);
            }
        }
        return dir;
    }

    private static void chownToNobody(Path top) throws IOException {
        UserPrincipalLookupService users = top.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = users.lookupPrincipalByName("nobody");
        GroupPrincipal nogroup = users.lookupPrincipalByGroupName("nogroup");
        try (Stream<Path> files = Files.walk(top)) {
            for (Path f : files.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(f, PosixFileAttributeView.class);
                view.setOwner(nobody);
                view.setGroup(nogroup);
            }
        }
    }

    /** Kills node {@code node} at once (SIGKILL), as a machine that dies. */
    public void kill(int node) {
        stop(node, true);
    }

    /** Stops every node the orderly way, then starts them all again on their data, and waits for green. */
    public void restart() throws IOException {
        for (int i = 0; i < processes.length; i++) {
            stop(i, false);
        }
        startAll();
    }

    private void stop(int node, boolean kill) {
        Process p = processes[node];
        if (p == null || !p.isAlive()) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        processes[node] = null;
    }

    /** Waits until the cluster has {@code nodes} nodes and is at least {@code status} (green, or yellow). */
    public void awaitHealth(String status, int nodes) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            for (int i = 0; i < processes.length; i++) {
                if (processes[i] != null && !processes[i].isAlive()) {
                    throw new IllegalStateException("node " + i + " exited with " + processes[i].exitValue()
                            + "; see " + root.resolve("node-" + i).resolve("console.log"));
                }
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status="
                        + status + "&wait_for_nodes=" + nodes + "&timeout=5s")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the cluster", e);
            }
        }
        throw new IllegalStateException("the cluster was not " + status + " with " + nodes + " nodes within "
                + START_TIMEOUT.toSeconds() + " s: " + last);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every node; the run's data stays in target/ for a look after a failure. */
    @Override
    public synchronized void close() {
        for (int i = 0; i < processes.length; i++) {
            stop(i, false);
        }
        if (scratch != null) {
            deleteQuietly(scratch);
        }
    }
}
