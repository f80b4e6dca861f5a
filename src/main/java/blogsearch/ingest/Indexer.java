package blogsearch.ingest;

import blogsearch.engine.Engine;
import blogsearch.engine.FeedRecord;
import blogsearch.engine.IndexError;
import blogsearch.feed.FeedReader.FeedError;
import blogsearch.feed.FeedReader.FeedInfo;
import blogsearch.feed.FetchState;
import blogsearch.feed.Fetcher;
import blogsearch.feed.Fetcher.FetchError;
import blogsearch.feed.SiteCrawler;
import blogsearch.feed.SiteFolder;
import blogsearch.feed.Sources;
import blogsearch.ingest.FeedOutcome.Status;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An indexing run, where ingest starts: sources expanded into feeds, each fetched (conditionally), parsed as a
 * stream, cleaned and written to the engine, feed by feed.
 *
 * <p>Feeds are processed in parallel, one per worker thread. Commits happen only between whole feeds
 * (a commit waits until no feed is half-written), at most once per {@code commitInterval} and once at the
 * end; a feed's fetch state is committed together with its posts. So a crash or kill at any point leaves
 * the last commit intact, holding only whole feeds, and the next run picks up whatever was not committed.
 */
public final class Indexer {
    static final int MAX_OPML_DEPTH = 3;
    /**
     * A commit flushes everything buffered into new segments and syncs them to disk; committing often makes
     * many small segments to merge later, so bulk runs commit at most this often (and at the end).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(30);

    /**
     * Worker threads, the least time between commits, whether to ignore what the engine knows (read and write
     * everything again), whether to leave URLs alone (local files only), how sites are crawled, and where a built
     * site folder is published (its pages' URLs when they name no canonical one; may be empty).
     */
    public record Options(int threads, Duration commitInterval, boolean force, boolean offline,
            SiteCrawler.Options crawl, String baseUrl) {
        public Options(int threads, Duration commitInterval, boolean force, boolean offline) {
            this(threads, commitInterval, force, offline, SiteCrawler.Options.defaults(), "");
        }

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), DEFAULT_COMMIT_INTERVAL, false, false);
        }

        public Options withForce(boolean f) {
            return new Options(threads, commitInterval, f, offline, crawl, baseUrl);
        }

        public Options withOffline(boolean o) {
            return new Options(threads, commitInterval, force, o, crawl, baseUrl);
        }

        /** These options with sites crawled at most this often, this deep, and a built site published there. */
        public Options withSites(Duration crawlDelay, int maxFeedPages, int maxPosts, String siteUrl) {
            return new Options(threads, commitInterval, force, offline,
                    new SiteCrawler.Options(crawlDelay, crawl.parallel(), maxFeedPages, maxPosts), siteUrl);
        }
    }

    /** Told of progress, from worker threads. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void feedsQueued(int total) {}

        default void feedDone(FeedOutcome outcome, int done, int total, long posts) {}

        /** A site's pages: found in its sitemaps, fetched, skipped, and still to do. */
        default void sitePages(String site, int found, int fetched, int skipped, int left) {}
    }

    private final Engine engine;
    private final Options options;
    private final Listener listener;

    // The state of one run, reset when a run starts (what it writes is its FeedWriter).
    private final Set<URI> queued = ConcurrentHashMap.newKeySet();
    private final List<FeedOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile Fetcher fetcher;
    private ExecutorService pool;
    /** Feeds from http(s) URLs, downloaded here and then parsed in a turn of {@link #indexing}. */
    private ExecutorService downloads;
    /** Feeds parsed and written at once: {@code threads}, whichever pool they came from. */
    private Semaphore indexing;
    private Pending pending;
    private Engine.Snapshot snapshot;
    private FeedWriter writer;

    public Indexer(Engine engine, Options options, Listener listener) {
        this.engine = engine;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Indexes every feed the sources name. Throws only if the engine fails to write; feed faults are outcomes.
     * An indexer may run again (a server following feeds does); runs do not overlap.
     */
    public synchronized Summary run(List<String> sources) {
        long start = System.nanoTime();
        reset();
        Sources.Expansion expansion = Sources.expand(sources);
        for (Sources.Problem p : expansion.problems()) {
            FeedOutcome failed = new FeedOutcome(p.source(), "", Status.FAILED, 0, 0, 0, 0, p.reason(), List.of(),
                    List.of());
            outcomes.add(failed);
            listener.feedDone(failed, done.incrementAndGet(), total.incrementAndGet(), 0);
        }
        int threads = Math.max(1, options.threads());
        indexing = new Semaphore(threads, true);
        downloads = Executors.newFixedThreadPool(Downloads.AT_ONCE, daemons("download"));
        pool = Executors.newFixedThreadPool(threads, daemons("indexer"));
        pending = new Pending();
        // Commits also come on a clock, so feeds done while a slow download goes on are not held back.
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemons("indexer-commit"));
        Fetcher.Options fetch = options.offline() ? Fetcher.Options.defaults().offline() : Fetcher.Options.defaults();
        try (Fetcher f = new Fetcher(fetch); Engine.Snapshot snap = engine.snapshot()) {
            fetcher = f;
            snapshot = snap;
            writer = new FeedWriter(engine, snap, options.force(), options.commitInterval());
            if (!options.commitInterval().isZero()) {
                long every = options.commitInterval().toMillis();
                clock.scheduleWithFixedDelay(writer::maybeCommit, every, every, TimeUnit.MILLISECONDS);
            }
            enqueue(expansion.feeds(), 0);
            pending.awaitNone();
            clock.shutdown(); // never interrupt a commit: an interrupted write closes the index's files
            if (writer.failure() == null) {
                writer.commitNow();
            }
        } finally {
            clock.shutdown();
            pool.shutdownNow();
            downloads.shutdownNow();
        }
        IndexError fatal = writer.failure();
        if (fatal != null) {
            throw new IndexError("indexing stopped: " + fatal.getMessage() + "; the index keeps its last commit",
                    fatal);
        }
        long[] posts = writer.counts();
        return Summary.of(List.copyOf(outcomes), posts[0], posts[1], posts[2], posts[3], expansion.skippedFiles(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Stops the run early: downloads in flight are abandoned, feeds being indexed are finished and committed, the
     * rest are left for next time.
     */
    public void cancel() {
        cancelled = true;
        Fetcher f = fetcher;
        if (f != null) {
            f.abort();
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        return Thread.ofPlatform().name(name).daemon().factory();
    }

    private void reset() {
        queued.clear();
        outcomes.clear();
        total.set(0);
        done.set(0);
    }

    private void enqueue(List<URI> locations, int depth) {
        int fresh = 0;
        for (URI location : Downloads.alternatingHosts(locations)) {
            if (queued.add(location)) {
                fresh++;
                pending.add();
                (Downloads.remote(location) ? downloads : pool).execute(() -> {
                    try {
                        process(location, depth);
                    } finally {
                        pending.done();
                    }
                });
            }
        }
        listener.feedsQueued(total.addAndGet(fresh));
    }

    private void process(URI location, int depth) {
        if (writer.failure() != null || cancelled) {
            return;
        }
        FeedOutcome outcome;
        FeedCounts counts = new FeedCounts();
        try {
            outcome = indexFeed(location, depth, counts);
        } catch (Fetcher.Offline e) {
            outcome = counts.outcome(location, "", Status.SKIPPED, e.getMessage());
        } catch (FetchError | FeedError e) {
            outcome = counts.outcome(location, "", Status.FAILED, e.getMessage());
        } catch (IndexError e) {
            writer.fail(e);
            outcome = counts.outcome(location, "", Status.FAILED, "index write failed: "
                    + writer.failure().getMessage());
        } catch (RuntimeException e) {
            outcome = counts.outcome(location, "", Status.FAILED, "unexpected error: " + e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Caused by one feed, and undone once unwound: its buffers are garbage, its stack is gone. Uncaught,
            // they ended the worker with a stack trace, and the feed was missing from the summary (exit code 0).
            outcome = counts.outcome(location, "", Status.FAILED, e instanceof OutOfMemoryError
                    ? "ran out of memory reading it (the feed is too large for this heap; see -Xmx)"
                    : "nested too deeply to read");
        }
        outcomes.add(outcome);
        listener.feedDone(outcome, done.incrementAndGet(), total.get(), writer.written());
        writer.maybeCommit();
    }

    @SuppressWarnings("try") // the turn is held for the whole block, not used in it
    private FeedOutcome indexFeed(URI location, int depth, FeedCounts counts) {
        String key = location.toString();
        if ("file".equalsIgnoreCase(location.getScheme()) && Files.isDirectory(Path.of(location))) {
            return indexSite(location, counts);
        }
        if (!options.force() && snapshot.feed(SiteCrawler.siteKey(location)).isPresent()) {
            return indexSite(location, counts); // a site: its feed and sitemaps are checked, not only its home page
        }
        FetchState previous = options.force() ? FetchState.NONE
                : snapshot.feed(key).map(FeedWriter::state).orElse(FetchState.NONE);
        Fetcher.Result result = fetcher.fetch(location, previous);
        if (result instanceof Fetcher.NotModified) {
            String title = snapshot.feed(key).map(FeedRecord::title).orElse("");
            return counts.outcome(location, title, Status.UNCHANGED, null);
        }
        try (Fetcher.Body body = (Fetcher.Body) result; BufferedInputStream in = Downloads.whole(body);
                Turn t = indexingTurn()) {
            String root = Sources.rootElement(in);
            if (root.equals("html") && "file".equalsIgnoreCase(location.getScheme())) {
                throw new FetchError("an HTML page, not a feed");
            }
            if (root.equals("html")) {
                t.close();
                return indexSite(location, counts); // a blog's address: its feeds and sitemaps are found from it
            }
            if (root.equals("opml")) {
                if (depth >= MAX_OPML_DEPTH) {
                    throw new FetchError("OPML lists nested more than " + MAX_OPML_DEPTH + " deep");
                }
                // Lists are small and always read again, so their feeds are always checked.
                enqueue(Sources.outlines(in, body.uri()), depth + 1);
                return counts.outcome(location, "", Status.LIST, null);
            }
            FeedInfo info = writer.feed(key, body, in, counts);
            return counts.outcome(location, info.title(), Status.INDEXED, null);
        } catch (IOException e) {
            throw new FetchError(cancelled ? "download abandoned: stopping" : "cannot read: " + e.getMessage());
        }
    }

    /**
     * Indexes a blog from its address (see {@link SiteCrawler}) or its built folder (see {@link SiteFolder}). Posts and
     * what each page was are written a few dozen at a time, each time in a turn and under the commit lock, so a long
     * polite crawl holds back neither the other feeds nor commits.
     */
    private FeedOutcome indexSite(URI location, FeedCounts counts) {
        SiteSink sink = new SiteSink(Sources.display(location), listener,
                () -> cancelled || writer.failure() != null, items -> writeSite(items, counts));
        SiteCrawler.Memory memory = key -> snapshot.feed(key)
                .map(r -> new SiteCrawler.Memo(r.title(), FeedWriter.state(r)));
        String title;
        int posts;
        try {
            if ("file".equalsIgnoreCase(location.getScheme())) {
                SiteFolder.Report r = SiteFolder.read(Path.of(location), options.baseUrl(), memory, sink,
                        options.force());
                title = r.title();
                posts = r.posts();
                counts.notes = r.notes();
            } else {
                SiteCrawler.Report r = new SiteCrawler(fetcher, options.crawl()).crawl(location, memory, sink,
                        options.force());
                title = r.title();
                posts = r.posts() + r.pagesFetched();
                counts.notes = r.notes();
            }
        } finally {
            sink.flush();
        }
        return counts.outcome(location, title, posts == 0 && counts.added + counts.updated == 0 ? Status.UNCHANGED
                : Status.INDEXED, null);
    }

    /** Some of a site's posts and records, in a turn of their own: a long crawl holds none while it waits. */
    private void writeSite(List<Object> items, FeedCounts counts) {
        if (writer.failure() != null) {
            return;
        }
        try (Turn t = indexingTurn()) {
            writer.site(items, counts);
        } catch (IndexError e) {
            writer.fail(e);
        }
        writer.maybeCommit();
    }

    /** A worker's turn to parse and write, given back when closed. */
    private interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for one of the {@code threads} turns to parse and write: the download is done by then. */
    private Turn indexingTurn() {
        indexing.acquireUninterruptibly();
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.getAndSet(false)) { // given back early by a site, which takes turns of its own
                indexing.release();
            }
        };
    }
}
