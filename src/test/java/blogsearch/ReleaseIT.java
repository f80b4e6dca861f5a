package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blogsearch.cli.BlogSearch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: unpacked into an empty folder and run with only a JDK, with no Maven
 * and no java on the PATH, it prints its version, serves the bundled sample blog and searches it.
 */
class ReleaseIT {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final String NAME = "blogsearch-" + BlogSearch.VERSION;
    private static final Pattern URL = Pattern.compile("serving http://localhost:(\\d+)/");

    @TempDir
    Path dir;

    /** Every command of /usr/bin except java and mvn. */
    private Path bin;

    @BeforeEach
    void pathWithoutJavaOrMaven() throws IOException {
        String home = System.getProperty("java.home");
        assumeTrue(Stream.of("/usr/lib/jvm/", "/usr/java/", "/opt/java/", "/opt/jdk").anyMatch(home::startsWith),
                "the JDK running the tests (" + home + ") is not in a folder the launcher searches");
        bin = Files.createTempDirectory("blogsearch-release-bin-");
        try (Stream<Path> commands = Files.list(Path.of("/usr/bin"))) {
            for (Path c : commands.toList()) {
                String name = c.getFileName().toString();
                if (!name.equals("java") && !name.equals("mvn")) {
                    Files.createSymbolicLink(bin.resolve(name), c);
                }
            }
        }
    }

    /** Removed here rather than by JUnit, which warns about every link that points outside the folder. */
    @AfterEach
    void removeBin() throws IOException {
        if (bin != null) {
            try (Stream<Path> links = Files.list(bin)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
            Files.delete(bin);
        }
    }

    @Test
    void bothArchivesHoldTheSameFilesAndTheLauncherIsExecutable() throws Exception {
        Path release = unpack();

        Set<String> tarFiles = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(release)) {
            walk.filter(Files::isRegularFile).forEach(p -> tarFiles.add(release.relativize(p).toString()));
        }
        Set<String> zipFiles = new TreeSet<>();
        try (ZipFile zip = new ZipFile(PROJECT.resolve("target/" + NAME + ".zip").toFile())) {
            zip.stream().filter(e -> !e.isDirectory())
                    .forEach(e -> zipFiles.add(e.getName().substring(NAME.length() + 1)));
        }

        assertThat(tarFiles).isEqualTo(zipFiles).contains("blogsearch", "blogsearch.jar", "README.md", "LICENSE",
                "NOTICE", "web/index.html", "web/widget.js", "index-data/feeds/fewbar.xml",
                "lib/lucene-core-" + org.apache.lucene.util.Version.LATEST + ".jar");
        assertThat(tarFiles).noneMatch(f -> f.startsWith("src/") || f.startsWith("target/") || f.endsWith(".jsa"));
        assertThat(Files.isExecutable(release.resolve("blogsearch"))).isTrue();
    }

    @Test
    void unpackedItPrintsItsVersionServesTheSampleAndSearchesWithoutMaven() throws Exception {
        Path release = unpack();

        Run version = run(release, "--version");
        assertThat(version.code()).as("%s", version).isZero();
        assertThat(version.out().lines().toList()).hasSize(3).first().isEqualTo("blogsearch " + BlogSearch.VERSION);
        assertThat(version.out()).contains("Lucene " + org.apache.lucene.util.Version.LATEST).contains("Java ");
        assertThat(version.err()).doesNotContain("Building", "Maven");

        serveOnce(release);

        Run search = run(release, "search", "--json", "openstack");
        assertThat(search.code()).as("%s", search).isZero();
        JsonNode result = new ObjectMapper().readTree(search.out());
        assertThat(result.get("total").asInt()).isEqualTo(6);
        assertThat(release.resolve("target")).as("nothing was built").doesNotExist();
        assertThat(release.resolve("index-data/index")).as("the default index, beside the launcher").isDirectory();
    }

    /** Starts the server on a free port, checks the page and the API, and stops it with SIGTERM. */
    private void serveOnce(Path release) throws Exception {
        ProcessBuilder pb = command(release, "serve", "--port", "0").redirectErrorStream(true);
        Path log = dir.resolve("serve.log");
        Process p = pb.redirectOutput(log.toFile()).start();
        try {
            int port = -1;
            long deadline = System.currentTimeMillis() + 60_000;
            while (port < 0 && p.isAlive() && System.currentTimeMillis() < deadline) {
                Matcher m = URL.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
                Thread.sleep(100);
            }
            String started = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(port).as(started).isPositive();
            assertThat(started).contains("first run: indexing the sample feeds").contains("6 posts from 1 feed")
                    .doesNotContain("Building");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<!doctype html");
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/search?q=nova")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(api.body()).get("total").asInt()).isPositive();

            assertThat(p.toHandle().destroy()).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("the index is committed and closed");
        } finally {
            p.destroyForcibly();
        }
    }

    private Path unpack() throws Exception {
        Path archive = PROJECT.resolve("target/" + NAME + ".tar.gz");
        assertThat(archive).as("the archive from the package phase").isRegularFile();
        Path into = dir.resolve("unpacked");
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        return into.resolve(NAME);
    }

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private Run run(Path release, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = command(release, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The launcher run from an unrelated folder, with no JAVA_HOME, and no java or mvn on the PATH. */
    private ProcessBuilder command(Path release, String... args) {
        List<String> cmd = new ArrayList<>(List.of(release.resolve("blogsearch").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("BLOGSEARCH_INDEX");
        pb.environment().remove("MAVEN_HOME");
        pb.environment().put("PATH", bin.toString());
        return pb;
    }
}
