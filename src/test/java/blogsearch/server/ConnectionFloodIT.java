package blogsearch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import blogsearch.ChildJvm;
import blogsearch.RawHttp;
import blogsearch.TestFeed;
import blogsearch.bench.ServeBench;
import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.search.LuceneEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of idle keep-alive connections against `blogsearch serve` in a JVM with the launcher's options
 * (its small heap included), while a user searches: the server must hold them in bounded memory, and the
 * user's searches must keep answering within 2 s, during the flood and right after it.
 */
class ConnectionFloodIT {
    /** 1,500 such connections once filled the heap for good; the limit of open connections is 4,000. */
    static final int CONNECTIONS = 3_000;
    static final long PROBE_LIMIT_MILLIS = 2_000;
    static final long CONNECTING_LIMIT_MILLIS = 10_000;
    static final long MAX_RSS_BYTES = 512L << 20;
    private static final Pattern URL = Pattern.compile("serving http://localhost:(\\d+)/");
    private static final List<String> WORDS = List.of("kernel", "garden", "compiler", "bread", "river", "lantern",
            "protocol", "harvest", "engine", "meadow", "cipher", "orchard", "signal", "pepper", "turbine", "violin");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void idleKeepAliveConnectionsCostBoundedMemoryAndSearchesKeepAnswering() throws Exception {
        int flood = Math.min(CONNECTIONS, (int) (fileDescriptorLimit() - 500));
        assumeTrue(flood >= 2_000, "this test needs room for 2,500 open files; the limit is " + fileDescriptorLimit());
        assertThat(launcherServeOptions()).as("the test runs the server as the launcher does")
                .containsAll(ServeBench.serverJvm(ServeBench.SERVER_HEAP));
        Path index = index(dir.resolve("feeds"), dir.resolve("index"));

        ChildJvm server = ChildJvm.start(dir.resolve("logs"), ServeBench.serverJvm(ServeBench.SERVER_HEAP), "serve",
                "--index", index.toString(), "--port", "0");
        try {
            int port = port(server);
            Probe probe = new Probe(port);
            AtomicLong rssPeak = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    rssPeak.accumulateAndGet(rss(server.process().pid()), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            warmUp(port);
            probe.start();
            Thread.sleep(1_000);

            // Each connection makes two requests (the second is what made Jetty build its header cache), then idles.
            ConcurrentLinkedQueue<RawHttp> open = new ConcurrentLinkedQueue<>();
            AtomicInteger answered = new AtomicInteger();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < flood; i++) {
                    clients.execute(() -> {
                        try {
                            RawHttp c = RawHttp.connect(port, 60_000);
                            open.add(c);
                            for (int r = 0; r < 2; r++) {
                                if (c.get("/health", "User-Agent: flood").status() == 200) {
                                    answered.incrementAndGet();
                                }
                            }
                        } catch (IOException e) {
                            failures.add(e.toString());
                        }
                    });
                }
            }
            probe.phase("held");
            Thread.sleep(5_000); // idle, all of them
            long held = open.stream().filter(c -> {
                try {
                    return !c.closedByServer(1);
                } catch (IOException e) {
                    return false;
                }
            }).count();
            probe.phase("after");
            for (RawHttp c : open) {
                c.close();
            }
            Thread.sleep(3_000);
            probe.stop();
            sampler.interrupt();

            String report = String.format("%d connections, %d held open, %d of %d requests answered, failures %s; "
                    + "server RSS peak %d MB; probe %s", flood, held, answered.get(), 2 * flood,
                    failures.stream().limit(3).toList(), rssPeak.get() >> 20, probe);
            System.out.println(report);
            assertThat(answered.get()).as(report).isEqualTo(2 * flood);
            assertThat(held).as(report).isEqualTo(flood);
            assertThat(probe.failures).as(report).isEmpty();
            // While thousands of connections make their first requests, the probe waits its turn among them.
            assertThat(probe.slowest("connecting")).as(report).isLessThan(CONNECTING_LIMIT_MILLIS);
            assertThat(probe.sorted("held").length).as(report).isGreaterThanOrEqualTo(10);
            assertThat(probe.slowest("held")).as(report).isLessThan(PROBE_LIMIT_MILLIS);
            assertThat(probe.sorted("after").length).as(report).isGreaterThanOrEqualTo(5);
            assertThat(probe.slowest("after")).as(report).isLessThan(PROBE_LIMIT_MILLIS);
            assertThat(rssPeak.get()).as(report).isLessThan(MAX_RSS_BYTES);

            assertThat(server.process().toHandle().destroy()).isTrue(); // SIGTERM
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM\n%s", server).isTrue();
            assertThat(server.stderr()).contains("stopped; the index is committed and closed");
        } finally {
            server.process().destroyForcibly();
        }
    }

    /** A user searching every 200 ms on a new connection, each time for other words, timed by phase of the flood. */
    private static final class Probe {
        private final int port;
        private final Map<String, List<Long>> millis = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private volatile String phase = "connecting";
        private volatile boolean running = true;
        private Thread thread;

        Probe(int port) {
            this.port = port;
        }

        void start() {
            thread = Thread.ofPlatform().name("probe").start(() -> {
                Random random = new Random(7);
                while (running) {
                    String p = phase;
                    String q = WORDS.get(random.nextInt(WORDS.size())) + "+" + WORDS.get(random.nextInt(WORDS.size()));
                    long start = System.nanoTime();
                    try (RawHttp c = RawHttp.connect(port, 30_000)) {
                        RawHttp.Response r = c.get("/api/search?q=" + q, "Connection: close");
                        if (r.status() != 200) {
                            failures.add(p + ": " + q + " gave " + r.status());
                        }
                        millis.computeIfAbsent(p, k -> Collections.synchronizedList(new ArrayList<>()))
                                .add((System.nanoTime() - start) / 1_000_000);
                    } catch (IOException e) {
                        failures.add(p + ": " + q + " failed after " + (System.nanoTime() - start) / 1_000_000 + " ms: "
                                + e);
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void phase(String p) {
            phase = p;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(60_000);
        }

        /** The times of the searches made in phase {@code p}, in milliseconds, fastest first. */
        long[] sorted(String p) {
            List<Long> m = millis.getOrDefault(p, List.of());
            synchronized (m) {
                return m.stream().mapToLong(Long::longValue).sorted().toArray();
            }
        }

        long slowest(String p) {
            long[] t = sorted(p);
            return t.length == 0 ? 0 : t[t.length - 1];
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (String p : List.of("connecting", "held", "after")) {
                long[] t = sorted(p);
                b.append(String.format("%s: %d searches, median %d ms, slowest %d ms; ", p, t.length,
                        t.length == 0 ? -1 : t[t.length / 2], t.length == 0 ? -1 : t[t.length - 1]));
            }
            return b.append("failures ").append(failures.stream().limit(3).toList()).toString();
        }
    }

    /** A server that has been up a while has compiled its code: a fresh one takes a second for its first search. */
    private static void warmUp(int port) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                int seed = t;
                clients.execute(() -> {
                    Random random = new Random(seed);
                    try (RawHttp c = RawHttp.connect(port, 30_000)) {
                        for (int i = 0; i < 250; i++) {
                            c.get(i % 2 == 0 ? "/health" : "/api/search?q=" + WORDS.get(random.nextInt(WORDS.size()))
                                    + "+" + WORDS.get(random.nextInt(WORDS.size())));
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** Indexes 300 posts made of {@link #WORDS} into {@code index}. */
    private static Path index(Path feeds, Path index) {
        Random random = new Random(42);
        for (int f = 0; f < 10; f++) {
            TestFeed feed = TestFeed.rss("Flood feed " + f, "https://flood" + f + ".example");
            for (int p = 0; p < 30; p++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 300; w++) {
                    text.append(WORDS.get(random.nextInt(WORDS.size()))).append(w % 15 == 14 ? ". " : " ");
                }
                feed.item("p" + p, "Post " + p + " about " + WORDS.get(random.nextInt(WORDS.size())),
                        Instant.parse("2022-01-01T00:00:00Z").plus(Duration.ofDays(f * 30 + p)), text.toString(),
                        "t" + p % 5);
            }
            feed.write(feeds.resolve("f" + f + ".xml"));
        }
        try (PostIndex idx = PostIndex.open(index)) {
            Summary s = new Indexer(new LuceneEngine(idx), Indexer.Options.defaults().withOffline(true),
                    Indexer.Listener.NONE)
                    .run(List.of(feeds.toString()));
            assertThat(s.added()).isEqualTo(300);
        }
        return index;
    }

    private static int port(ChildJvm server) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(server.process().isAlive()).as("the server exited\n%s", server).isTrue();
            Matcher m = URL.matcher(server.stderr() + server.stdout());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start\n" + server);
    }

    /** The options the launcher script gives `blogsearch serve`. */
    static List<String> launcherServeOptions() throws IOException {
        Path project = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        String script = Files.readString(project.resolve("blogsearch"));
        Matcher m = Pattern.compile("\\n\\s*serve\\) opts=\\(([^)]*)\\)").matcher(script);
        assertThat(m.find()).as("the launcher's serve options").isTrue();
        return List.of(m.group(1).strip().split("\\s+"));
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return 0;
    }

    private static long fileDescriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
                ? u.getMaxFileDescriptorCount() : 0;
    }
}
