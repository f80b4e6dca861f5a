package blogsearch.bench;

import blogsearch.engine.Engine;
import blogsearch.engine.SearchRequest;
import blogsearch.index.PostIndex;
import blogsearch.index.PostSchema;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.post.Post;
import blogsearch.search.LuceneEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Indexing benchmark: a synthetic corpus of N posts as RSS and Atom feeds goes through the real pipeline
 * (fetch, XML, HTML cleaning, analysis, facets); then the same posts, as already-clean text, go straight
 * into Lucene with the same schema and analysis, for the ratio; then the same sources again (nothing
 * changed); then the query mix through SearchService.
 */
public final class IndexBench {
    /** @param other a second engine, empty, to index the same corpus into and query beside the embedded one */
    public record Options(Path dir, int posts, int threads, double ramBufferMb, int postsPerFeed, boolean skipBaseline,
            boolean queriesOnly, Optional<Other> other) {
        public Options(Path dir, int posts, int threads, double ramBufferMb, int postsPerFeed, boolean skipBaseline) {
            this(dir, posts, threads, ramBufferMb, postsPerFeed, skipBaseline, false, Optional.empty());
        }
    }

    /** Another engine: what it is called in the report, and how to open it for writing. */
    public record Other(String name, Supplier<Engine> open) {}

    private IndexBench() {}

    public static void run(Options o, PrintWriter out) {
        Corpus corpus = new Corpus(42, o.postsPerFeed());
        Path work = o.dir().resolve("corpus-" + o.posts());
        out.printf("blogsearch index benchmark: %,d posts in %,d feeds; %d threads; %d cores; max heap %s; Java %s%n",
                o.posts(), corpus.feeds(o.posts()), o.threads(), Runtime.getRuntime().availableProcessors(),
                mb(Runtime.getRuntime().maxMemory()), Runtime.version());
        long t0 = System.nanoTime();
        corpus.write(work, o.posts());
        out.printf("corpus: %s (%.1f s to generate, or reused)%n", work.resolve("feeds"), seconds(t0));
        out.flush();

        Path indexDir = work.resolve("index");
        if (o.queriesOnly() && Files.isDirectory(indexDir)) {
            queries(corpus, indexDir, out);
            o.other().ifPresent(other -> {
                try (Engine engine = other.open().get()) {
                    queries(corpus, engine, other.name(), out);
                }
            });
            return;
        }
        if (!o.skipBaseline()) {
            warmUp(work, o, out);
        }
        delete(indexDir);
        double pipelineRate;
        try (Memory memory = new Memory()) {
            long start = System.nanoTime();
            Summary s = pipeline(indexDir, o, List.of(work.resolve("feeds").toString()));
            double secs = seconds(start);
            pipelineRate = s.added() / secs;
            out.printf("pipeline: %,d posts in %.1f s = %,.0f posts/s; heap peak %s, RSS peak %s; %d feeds failed%n",
                    s.added(), secs, pipelineRate, mb(memory.heapPeak()), mb(memory.rssPeak()), s.feedsFailed());
        }
        long bytes = size(indexDir);
        out.printf("index: %s on disk, %,d bytes per post%n", mb(bytes), bytes / Math.max(1, o.posts()));
        out.flush();

        long again = System.nanoTime();
        Summary rerun = pipeline(indexDir, o, List.of(work.resolve("feeds").toString()));
        double rerunSecs = seconds(again);
        out.printf("re-run, nothing changed: %.2f s (%d feeds unchanged, %,d posts written) = %.1f%% of the first "
                + "run%n", rerunSecs, rerun.feedsUnchanged(), rerun.added() + rerun.updated(),
                100 * rerunSecs * pipelineRate / o.posts());

        if (!o.skipBaseline()) {
            double rawRate = baseline(work, o, Long.MAX_VALUE);
            out.printf("raw Lucene, clean text, same schema and analysis: %,.0f posts/s%n", rawRate);
            out.printf("pipeline / raw Lucene: %.0f%%%n", 100 * pipelineRate / rawRate);
        }
        out.flush();

        queries(corpus, indexDir, out);
        o.other().ifPresent(other -> other(corpus, work, o, other, pipelineRate, out));
    }

    /** The same feeds through the same pipeline into the other engine, and the same query mix on it. */
    private static void other(Corpus corpus, Path work, Options o, Other other, double embeddedRate, PrintWriter out) {
        try (Engine engine = other.open().get()) {
            if (engine.stats().posts() > 0) {
                throw new IllegalArgumentException(other.name() + " already holds posts: give the benchmark an empty "
                        + "index");
            }
            long start = System.nanoTime();
            Summary s = new Indexer(engine, new Indexer.Options(o.threads(), Indexer.Options.defaults()
                    .commitInterval(), false, true), Indexer.Listener.NONE).run(List.of(work.resolve("feeds")
                    .toString()));
            double secs = seconds(start);
            out.printf("%s pipeline: %,d posts in %.1f s = %,.0f posts/s (embedded: %,.0f); %d feeds failed; %s%n",
                    other.name(), s.added(), secs, s.added() / secs, embeddedRate, s.feedsFailed(),
                    engine.stats().indexBytes() > 0 ? mb(engine.stats().indexBytes()) + " of primaries" : "");
            out.flush();
            queries(corpus, engine, other.name(), out);
        }
    }

    /** The query mix on the embedded index in {@code indexDir}. */
    static void queries(Corpus corpus, Path indexDir, PrintWriter out) {
        try (Engine engine = new LuceneEngine(PostIndex.openReadOnly(indexDir))) {
            queries(corpus, engine, "embedded", out);
        }
    }

    /**
     * The query mix through SearchService, one thread: warmed up on 200 queries, then timed on 600 others
     * never asked before (so none comes from the result cache), then on the first 200 again (all cached).
     */
    static void queries(Corpus corpus, Engine search, String name, PrintWriter out) {
        List<String> all = corpus.queries(800);
        for (String q : all.subList(0, 200)) {
            search.search(SearchRequest.of(q));
        }
        Latencies fresh = new Latencies();
        for (String q : all.subList(200, 800)) {
            long s = System.nanoTime();
            search.search(SearchRequest.of(q));
            fresh.add(System.nanoTime() - s);
        }
        Latencies cached = new Latencies();
        for (String q : all.subList(0, 200)) {
            long s = System.nanoTime();
            search.search(SearchRequest.of(q));
            cached.add(System.nanoTime() - s);
        }
        out.printf("%s queries (snippets and facets, one thread), never asked before: %s%n", name,
                fresh.summary());
        out.printf("%s queries asked again (result cache, if any): %s%n", name, cached.summary());
        out.flush();
    }

    /** The real indexing pipeline, as `blogsearch index` runs it, over {@code sources} into {@code indexDir}. */
    private static Summary pipeline(Path indexDir, Options o, List<String> sources) {
        try (Engine engine = LuceneEngine.open(indexDir, o.ramBufferMb())) {
            return new Indexer(engine, new Indexer.Options(o.threads(), Indexer.Options.defaults().commitInterval(),
                    false, true), Indexer.Listener.NONE).run(sources);
        }
    }

    /**
     * Runs both sides once over the first 10,000 posts of the corpus (all of a smaller one), so that both
     * are then measured with their code compiled. Measured cold, the pipeline paid for the JIT compiling Lucene's
     * indexing chain (with XML and HTML code), and the baseline, run after it, got that for free.
     */
    private static void warmUp(Path work, Options o, PrintWriter out) {
        long posts = Math.min(10_000, o.posts());
        long start = System.nanoTime();
        List<String> feeds;
        try (Stream<Path> files = Files.list(work.resolve("feeds"))) {
            long count = (posts + o.postsPerFeed() - 1) / o.postsPerFeed();
            feeds = files.sorted().limit(count).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path scratch = work.resolve("warm-up");
        delete(scratch);
        try {
            pipeline(scratch, o, feeds);
        } finally {
            delete(scratch);
        }
        baseline(work, o, posts);
        out.printf("warm-up: both sides once over the first %,d posts (%.1f s)%n", posts, seconds(start));
        out.flush();
    }

    /**
     * The same posts (the first {@code limit}), already clean, straight into a Lucene writer with the same
     * schema, analysis and threads.
     */
    private static double baseline(Path work, Options o, long limit) {
        Path dir = work.resolve("baseline");
        delete(dir);
        Post end = new Post("AAAAAAAAAAAAAAAA", "", "", "", java.util.Optional.empty(), java.util.Optional.empty(),
                List.of(), "", "", "", "", "");
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(PostSchema.analyzer())
                        .setSimilarity(PostSchema.similarity()).setRAMBufferSizeMB(o.ramBufferMb()));
                CleanPosts.Reader reader = new CleanPosts.Reader(work.resolve("clean.bin"))) {
            BlockingQueue<Post> queue = new ArrayBlockingQueue<>(1024);
            long start = System.nanoTime();
            Thread[] workers = new Thread[o.threads()];
            long[] count = new long[1];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Thread(() -> {
                    try {
                        for (Post p = queue.take(); p != end; p = queue.take()) {
                            writer.updateDocument(PostSchema.idTerm(p.id()), PostSchema.toDocument(p, 0));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                workers[i].start();
            }
            for (Post p = reader.next(); p != null && count[0] < limit; p = reader.next()) {
                queue.put(p);
                count[0]++;
            }
            for (Thread w : workers) {
                queue.put(end);
            }
            for (Thread w : workers) {
                w.join();
            }
            writer.commit();
            return count[0] / seconds(start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            delete(dir);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,.0f MB", bytes / (1024.0 * 1024));
    }

    static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
