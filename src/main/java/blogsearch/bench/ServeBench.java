package blogsearch.bench;

import blogsearch.engine.Dimension;
import blogsearch.index.PostIndex;
import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

/**
 * Server benchmark: the same query mix against raw Lucene in this process (classic query parser over the
 * body, top 10 with highlighting; then the same with an exact total and the four facets counted by Lucene's
 * facet module) and against a `blogsearch serve` process over HTTP on loopback (with snippets and facets),
 * each for the same time with the same number of threads. Also the server's resident memory and how long
 * it takes to answer its first request.
 */
public final class ServeBench {
    /**
     * @param segments merge the index into at most this many segments first (0: as indexing left it)
     * @param other another engine's name and the options that make {@code blogsearch serve} use it (holding the
     *     same corpus, as {@code bench index} leaves it), to load a second server over it the same way
     */
    public record Options(Path dir, int posts, int seconds, int connections, String serverHeap, int segments,
            Optional<Map.Entry<String, List<String>>> other) {}

    private ServeBench() {}

    public static void run(Options o, PrintWriter out) throws Exception {
        Corpus corpus = new Corpus(42, 200);
        Path index = o.dir().resolve("corpus-" + o.posts()).resolve("index");
        if (!Files.isDirectory(index)) {
            out.println("no index for " + o.posts() + " posts yet: running the index benchmark first");
            IndexBench.run(new IndexBench.Options(o.dir(), o.posts(), Runtime.getRuntime().availableProcessors(), 128,
                    200, true), out);
        }
        merge(index, o.segments(), out);
        List<String> all = corpus.queries(60_200);
        List<String> queries = all.subList(0, 200);
        // Each asked once, so never answered from the server's cache: the cost of every search done afresh.
        // (The generated list repeats its commonest queries: there are only so many common words.)
        List<String> fresh = new ArrayList<>(new LinkedHashSet<>(all.subList(200, 50_200)));
        // Both sides warm up on other queries, so that what is measured runs compiled, and none of it twice.
        List<String> warm = all.subList(50_200, 60_200);
        out.printf("serve benchmark: %,d posts, %d connections, %d s per run, %d cores%n", o.posts(), o.connections(),
                o.seconds(), Runtime.getRuntime().availableProcessors());
        out.flush();

        double[] rates = raw(index, corpus, warm, List.of(queries, fresh), o, false);
        double raw = rates[0];
        double rawFresh = rates[1];
        out.printf("raw Lucene in-process (parse, top 10, highlight): %,.0f queries/s on the 200-query mix, "
                + "%,.0f on distinct queries%n", raw, rawFresh);
        out.flush();
        double[] faceted = raw(index, corpus, warm, List.of(queries, fresh), o, true);
        out.printf("raw Lucene in-process with facets (the same, plus the exact total and the four facets counted by "
                + "Lucene's facet module): %,.0f queries/s on the mix, %,.0f on distinct queries%n", faceted[0],
                faceted[1]);
        out.flush();

        server(o, "embedded", List.of("--index", index.toString()), warm, queries, fresh, raw, rawFresh, faceted[1],
                out);
        out.flush();
        if (o.other().isPresent()) {
            server(o, o.other().get().getKey(), o.other().get().getValue(), warm, queries, fresh, raw, rawFresh,
                    faceted[1], out);
            out.flush();
        }
    }

    /** Merges the index into at most {@code segments} segments first, as 'blogsearch optimize' does (0: as it is). */
    private static void merge(Path index, int segments, PrintWriter out) {
        try (PostIndex idx = PostIndex.open(index)) {
            if (segments > 0 && idx.segmentCount() > segments) {
                long start = System.nanoTime();
                int before = idx.segmentCount();
                idx.forceMerge(segments);
                out.printf("merged the index's %d segments into %d (as 'blogsearch optimize' does) in %.1f s%n", before,
                        idx.segmentCount(), IndexBench.seconds(start));
            }
            int now = idx.segmentCount();
            out.printf("index: %s, %d segment%s%n", index, now, now == 1 ? "" : "s");
        }
    }

    /**
     * A {@code blogsearch serve} process on the index, warmed up, then loaded with the 200-query mix and with the
     * distinct queries in turn; its throughput against raw Lucene's, and its memory.
     */
    private static void server(Options o, String engine, List<String> engineOptions, List<String> warm,
            List<String> queries, List<String> fresh, double raw, double rawFresh, double rawFaceted, PrintWriter out)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(serverJvm(o.serverHeap()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "blogsearch.Main", "serve"));
        cmd.addAll(engineOptions);
        cmd.addAll(List.of("--port", String.valueOf(port)));
        long start = System.nanoTime();
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(o.dir().resolve("serve-bench.log").toFile()).start();
        try {
            double startup = waitForHealth(port, start, server);
            out.printf("%s server start-up to first answer: %.2f s (log: %s)%n", engine, startup,
                    o.dir().resolve("serve-bench.log"));
            load(port, queries, o.connections(), 5, null);
            load(port, warm, o.connections(), WARM_UP_SECONDS, null);
            Latencies latencies = new Latencies();
            AtomicLong errors = new AtomicLong();
            double qps = load(port, queries, o.connections(), o.seconds(), latencies, errors);
            out.printf("%s server over HTTP (snippets, facets), the 200-query mix: %,.0f queries/s; %s; %d errors%n",
                    engine, qps, latencies.summary(), errors.get());
            out.printf("  server / raw Lucene: %.0f%% (answers repeat, so most come from the server's result cache)%n",
                    100 * qps / raw);
            Latencies freshLatencies = new Latencies();
            AtomicLong freshErrors = new AtomicLong();
            double freshQps = load(port, fresh, o.connections(), o.seconds(), freshLatencies, freshErrors);
            out.printf("%s server over HTTP, %,d distinct queries (none cached): %,.0f queries/s; %s; %d errors%n",
                    engine, fresh.size(), freshQps, freshLatencies.summary(), freshErrors.get());
            out.printf("  server / raw Lucene: %.0f%%; server / raw Lucene with facets: %.0f%%%n",
                    100 * freshQps / rawFresh, 100 * freshQps / rawFaceted);
            // Where posts have vectors the default is hybrid: the same queries by words alone give what it adds.
            Latencies lexical = new Latencies();
            AtomicLong lexicalErrors = new AtomicLong();
            double lexicalQps = load(port, fresh, "&mode=lexical", o.connections(), o.seconds(), lexical,
                    lexicalErrors);
            out.printf("%s server over HTTP, the same distinct queries with mode=lexical: %,.0f queries/s; %s; %d "
                    + "errors%n", engine, lexicalQps, lexical.summary(), lexicalErrors.get());
            out.printf("server memory: RSS %s now (%s anonymous, %s mapped index files), peak %s (heap limit %s)%n",
                    IndexBench.mb(Memory.rss(server.pid(), "VmRSS")), IndexBench.mb(Memory.rss(server.pid(), "RssAnon")),
                    IndexBench.mb(Memory.rss(server.pid(), "RssFile")), IndexBench.mb(Memory.rss(server.pid(), "VmHWM")),
                    o.serverHeap());
        } finally {
            server.toHandle().destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The launcher's heap limit for {@code blogsearch serve}. */
    public static final String SERVER_HEAP = "176m";

    /** The JVM options the launcher gives {@code blogsearch serve} (see there why), with this heap limit. */
    public static List<String> serverJvm(String heap) {
        return List.of("-Xmx" + heap, "-XX:NewRatio=1", "-XX:+UseParallelGC", "-XX:+IgnoreUnrecognizedVMOptions",
                "-XX:TrimNativeHeapInterval=2000", "-XX:+ExitOnOutOfMemoryError", "--add-modules",
                "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");
    }

    /**
     * A fresh JVM compiles the search code during its first half minute or so of searching: throughput climbs
     * until then.
     */
    private static final int WARM_UP_SECONDS = 30;

    /**
     * Raw Lucene's queries per second on each list of queries, after one warm-up on {@code warm}. Every fourth
     * query is narrowed by a tag, as the server is asked (see {@link #tag}). With {@code facets}, each search
     * also counts every match and the four facets over them, the way Lucene's facet module does it.
     */
    private static double[] raw(Path index, Corpus corpus, List<String> warm, List<List<String>> runs, Options o,
            boolean facets) throws Exception {
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(PostSchema.similarity());
            UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, PostSchema.analyzer()).build();
            SortedSetDocValuesReaderState state = facets
                    ? new DefaultSortedSetDocValuesReaderState(reader, PostSchema.facets()) : null;
            List<Query> warmUp = parse(warm, corpus);
            runThreads(o.connections(), WARM_UP_SECONDS,
                    i -> rawQuery(searcher, highlighter, state, warmUp.get(i % warmUp.size())));
            double[] rates = new double[runs.size()];
            for (int r = 0; r < rates.length; r++) {
                List<Query> parsed = parse(runs.get(r), corpus);
                AtomicLong done = runThreads(o.connections(), o.seconds(),
                        i -> rawQuery(searcher, highlighter, state, parsed.get(i % parsed.size())));
                rates[r] = done.get() / (double) o.seconds();
            }
            return rates;
        }
    }

    private static List<Query> parse(List<String> queries, Corpus corpus) throws ParseException {
        List<Query> parsed = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            QueryParser parser = new QueryParser(PostSchema.BODY, PostSchema.analyzer());
            String lucene = q.replace("tag:", PostSchema.TAGS + ":");
            Query query;
            try {
                query = parser.parse(lucene);
            } catch (ParseException e) {
                query = parser.parse(QueryParser.escape(q));
            }
            String tag = tag(corpus, i);
            if (tag != null) {
                // The facet module's drill-down term as a plain filter clause: a DrillDownQuery around the same
                // query took a third longer per search in this benchmark.
                String dim = Dimension.TAG.label();
                String field = PostSchema.facets().getDimConfig(dim).indexFieldName;
                query = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                        .add(new TermQuery(DrillDownQuery.term(field, dim, tag)), BooleanClause.Occur.FILTER)
                        .build();
            }
            parsed.add(query);
        }
        return parsed;
    }

    /** The tag query {@code i} of a list is narrowed by (on the server: {@code &tag=}), or null. */
    private static String tag(Corpus corpus, int i) {
        return i % 4 == 3 ? corpus.tag(i % 10) : null;
    }

    private static void rawQuery(IndexSearcher searcher, UnifiedHighlighter highlighter,
            SortedSetDocValuesReaderState facets, Query q) throws IOException {
        TopDocs top;
        if (facets == null) {
            top = searcher.search(q, 10);
        } else {
            FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(searcher, q, 10,
                    new FacetsCollectorManager());
            top = result.topDocs();
            SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(facets, result.facetsCollector());
            for (Dimension dim : Dimension.values()) {
                counts.getTopChildren(20, dim.label());
            }
        }
        highlighter.highlight(PostSchema.BODY, q, top);
    }

    private static double load(int port, List<String> queries, int connections, int seconds, Latencies latencies)
            throws Exception {
        return load(port, queries, connections, seconds, latencies, new AtomicLong());
    }

    private static double load(int port, List<String> queries, int connections, int seconds, Latencies latencies,
            AtomicLong errors) throws Exception {
        return load(port, queries, "", connections, seconds, latencies, errors);
    }

    /** @param params added to each search's query string, like {@code &mode=lexical} */
    private static double load(int port, List<String> queries, String params, int connections, int seconds,
            Latencies latencies, AtomicLong errors) throws Exception {
        List<String> paths = new ArrayList<>();
        Corpus corpus = new Corpus(42, 200);
        for (int i = 0; i < queries.size(); i++) {
            String p = "/api/search?q=" + URLEncoder.encode(queries.get(i), StandardCharsets.UTF_8);
            String tag = tag(corpus, i);
            if (tag != null) {
                p += "&tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8); // drill sideways
            }
            paths.add(p + params);
        }
        List<Latencies> perThread = new ArrayList<>();
        AtomicLong done = runThreads(connections, seconds, new Work() {
            final ThreadLocal<HttpLoad> client = ThreadLocal.withInitial(() -> new HttpLoad("127.0.0.1", port));
            final ThreadLocal<Latencies> mine = ThreadLocal.withInitial(() -> {
                Latencies l = new Latencies();
                synchronized (perThread) {
                    perThread.add(l);
                }
                return l;
            });

            @Override
            public void run(int i) throws IOException {
                long s = System.nanoTime();
                int status;
                try {
                    status = client.get().get(paths.get(i % paths.size()));
                } catch (IOException e) {
                    client.get().close();
                    status = -1;
                }
                mine.get().add(System.nanoTime() - s);
                if (status != 200) {
                    errors.incrementAndGet();
                }
            }
        });
        if (latencies != null) {
            perThread.forEach(latencies::addAll);
        }
        return done.get() / (double) seconds;
    }

    interface Work {
        void run(int i) throws IOException;
    }

    /** Runs {@code work} on {@code threads} threads for {@code seconds}; returns how many calls finished. */
    private static AtomicLong runThreads(int threads, int seconds, Work work) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread th = new Thread(() -> {
                // Thread t takes items t, t + threads, t + 2 * threads...: no item twice until all are used.
                for (int i = first; System.nanoTime() < end; i += threads) {
                    try {
                        work.run(i);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    done.incrementAndGet();
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        return done;
    }

    private static double waitForHealth(int port, long start, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited: see serve-bench.log");
            }
            try (HttpLoad c = new HttpLoad("127.0.0.1", port)) {
                if (c.get("/health") == 200) {
                    return IndexBench.seconds(start);
                }
            } catch (IOException e) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("the server did not answer within 120 s");
    }
}
