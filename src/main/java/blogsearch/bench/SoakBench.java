package blogsearch.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak test: a `blogsearch serve` process follows an OPML list of feeds served on loopback that keep
 * gaining and editing posts, while two clients search without pause. Reports throughput, latency,
 * errors, how far the index grew, and resident memory over time (it should level off, not climb).
 */
public final class SoakBench {
    public record Options(Path dir, int minutes, int connections, int feeds) {}

    private static final DateTimeFormatter RFC822 =
            DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).withZone(ZoneOffset.UTC);

    private SoakBench() {}

    public static void run(Options o, PrintWriter out) throws Exception {
        Corpus corpus = new Corpus(7, 200);
        Path work = Files.createDirectories(o.dir().resolve("soak"));
        Path index = work.resolve("index");
        IndexBench.delete(index);
        Feeds feeds = new Feeds(corpus, o.feeds());
        HttpServer feedServer = serveFeeds(feeds);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String list = "http://127.0.0.1:" + feedServer.getAddress().getPort() + "/blogroll.opml";
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(ServeBench.serverJvm(ServeBench.SERVER_HEAP));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "blogsearch.Main", "serve", "--create",
                "--index", index.toString(), "--port", String.valueOf(port), "--follow", list, "--every", "5s",
                "--commit-every", "5s"));
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve("serve.log").toFile()).start();
        out.printf("soak: %d minutes, %d connections, %d feeds gaining a post every second; log %s%n", o.minutes(),
                o.connections(), o.feeds(), work.resolve("serve.log"));
        out.flush();
        try {
            waitFor(port, server);
            Thread writer = Thread.ofPlatform().name("feed-writer").daemon().start(() -> {
                // New posts at one a second, and now and then an edit of an old one.
                for (int tick = 0; !Thread.currentThread().isInterrupted(); tick++) {
                    feeds.grow(tick);
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread.sleep(15_000); // the first fetch and warm-up
            soak(o, port, server, corpus.queries(400), out);
            writer.interrupt();
        } finally {
            server.toHandle().destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            feedServer.stop(0);
        }
        out.flush();
    }

    /** The feeds and their OPML list on loopback, answering conditional GETs as a real server would. */
    private static HttpServer serveFeeds(Feeds feeds) throws IOException {
        HttpServer feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feedServer.createContext("/", ex -> {
            byte[] body;
            String etag;
            String path = ex.getRequestURI().getPath();
            if (path.equals("/blogroll.opml")) {
                body = feeds.opml(feedServer.getAddress().getPort()).getBytes(StandardCharsets.UTF_8);
                etag = "\"opml\"";
            } else {
                int feed = Integer.parseInt(path.replaceAll("\\D", ""));
                String[] current = feeds.rss(feed);
                etag = current[0];
                body = current[1].getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().add("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.getResponseHeaders().add("Content-Type", "application/xml; charset=utf-8");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        feedServer.start();
        return feedServer;
    }

    /** The clients' load for the whole soak, the server's memory sampled meanwhile, and the report. */
    private static void soak(Options o, int port, Process server, List<String> queries, PrintWriter out)
            throws Exception {
        long postsAtStart = posts(port);
        long rssStart = Memory.rss(server.pid(), "VmRSS");
        List<long[]> samples = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        List<Latencies> perThread = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(o.minutes());
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < o.connections(); t++) {
            Latencies mine = new Latencies();
            perThread.add(mine);
            int first = t;
            clients.add(Thread.ofPlatform().start(() -> client(port, queries, first, o.connections(), end, mine, done,
                    errors)));
        }
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(30_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            samples.add(new long[] {TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                    Memory.rss(server.pid(), "VmRSS")});
        }
        for (Thread c : clients) {
            c.join();
        }
        Latencies all = new Latencies();
        perThread.forEach(all::addAll);
        long postsAtEnd = posts(port);
        out.printf("requests: %,d in %d min = %,.0f per second; %s%n", done.get(), o.minutes(),
                done.get() / (o.minutes() * 60.0), all.summary());
        out.printf("errors: %,d (anything but 200)%n", errors.get());
        out.printf("posts searchable: %,d at the start, %,d at the end (followed while serving)%n", postsAtStart,
                postsAtEnd);
        StringBuilder rss = new StringBuilder();
        for (long[] sample : samples) {
            rss.append(String.format(" %ds:%s", sample[0], IndexBench.mb(sample[1]).replace(" MB", "")));
        }
        out.printf("resident memory (MB): start %s, end %s; every 30 s:%s%n", IndexBench.mb(rssStart),
                IndexBench.mb(Memory.rss(server.pid(), "VmRSS")), rss);
    }

    /** One client until {@code end}: searches by relevance and by date, and suggestions, one after another. */
    private static void client(int port, List<String> queries, int first, int step, long end, Latencies mine,
            AtomicLong done, AtomicLong errors) {
        try (HttpLoad http = new HttpLoad("127.0.0.1", port)) {
            for (int i = first; System.nanoTime() < end; i += step) {
                String q = queries.get(i % queries.size());
                String path = switch (i % 7) {
                    case 5 -> "/api/suggest?q=" + enc(q.substring(0, Math.min(3, q.length())));
                    case 6 -> "/api/search?sort=newest&q=" + enc(q);
                    default -> "/api/search?q=" + enc(q) + "&page=" + (1 + i % 3);
                };
                long s = System.nanoTime();
                int status;
                try {
                    status = http.get(path);
                } catch (IOException e) {
                    http.close();
                    status = -1;
                }
                mine.add(System.nanoTime() - s);
                done.incrementAndGet();
                if (status != 200) {
                    errors.incrementAndGet();
                }
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long posts(int port) throws IOException {
        try (HttpLoad http = new HttpLoad("127.0.0.1", port)) {
            String body = http.getBody("/api/stats");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"posts\"\\s*:\\s*(\\d+)").matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    private static void waitFor(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited: see soak/serve.log");
            }
            try (HttpLoad c = new HttpLoad("127.0.0.1", port)) {
                if (c.get("/health") == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the server did not answer within 120 s");
    }

    /** Feeds that grow: feed f holds posts 0..count[f]-1 of the corpus; edits bump a version. */
    private static final class Feeds {
        private final Corpus corpus;
        private final int feeds;
        private final AtomicInteger[] counts;
        private final AtomicInteger[] edits;
        private final ConcurrentHashMap<Integer, String[]> rendered = new ConcurrentHashMap<>();

        Feeds(Corpus corpus, int feeds) {
            this.corpus = corpus;
            this.feeds = feeds;
            counts = new AtomicInteger[feeds];
            edits = new AtomicInteger[feeds];
            for (int f = 0; f < feeds; f++) {
                counts[f] = new AtomicInteger(20);
                edits[f] = new AtomicInteger();
            }
        }

        void grow(int tick) {
            int f = tick % feeds;
            counts[f].incrementAndGet();
            if (tick % 5 == 0) {
                edits[(tick / 5) % feeds].incrementAndGet();
            }
            rendered.clear();
        }

        String opml(int port) {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Soak</title>"
                    + "</head><body>");
            for (int f = 0; f < feeds; f++) {
                b.append("<outline text=\"f").append(f).append("\" type=\"rss\" xmlUrl=\"http://127.0.0.1:").append(port)
                        .append("/feed-").append(f).append(".xml\"/>");
            }
            return b.append("</body></opml>").toString();
        }

        /** {etag, body} of feed f now: the newest 50 posts, as a real feed would carry. */
        String[] rss(int f) {
            return rendered.computeIfAbsent(f, k -> {
                int count = counts[f].get();
                int edit = edits[f].get();
                StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                        + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Soak feed " + f
                        + "</title><link>https://soak" + f + ".example/</link>");
                for (int n = count - 1; n >= Math.max(0, count - 50); n--) {
                    Corpus.Generated g = corpus.post(f, n);
                    String html = g.html() + (n == count - 1 && edit > 0 ? "<p>Edited " + edit + " times.</p>" : "");
                    b.append("<item><title>").append(g.post().title()).append("</title><link>").append(g.post().url())
                            .append("</link><guid>").append(g.post().url()).append("</guid><pubDate>")
                            .append(RFC822.format(g.post().published().orElseThrow())).append("</pubDate>");
                    for (String t : g.post().tags()) {
                        b.append("<category>").append(t).append("</category>");
                    }
                    b.append("<content:encoded><![CDATA[").append(html).append("]]></content:encoded></item>");
                }
                b.append("</channel></rss>");
                return new String[] {"\"" + f + "-" + count + "-" + edit + "\"", b.toString()};
            });
        }
    }
}
