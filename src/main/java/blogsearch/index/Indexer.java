package blogsearch.index;

import blogsearch.feed.FeedEntry;
import blogsearch.feed.FeedReader;
import blogsearch.feed.FeedReader.FeedError;
import blogsearch.feed.FeedReader.FeedInfo;
import blogsearch.feed.FetchState;
import blogsearch.feed.Fetcher;
import blogsearch.feed.Fetcher.FetchError;
import blogsearch.feed.SiteCrawler;
import blogsearch.feed.SiteFolder;
import blogsearch.feed.Sources;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The indexing pipeline: sources, fetched (conditionally), parsed as a stream, cleaned and written.
 *
 * <p>Feeds are processed in parallel, one per worker thread. Commits happen only between whole feeds
 * (a commit waits until no feed is half-written), at most once per {@code commitInterval} and once at the
 * end; a feed's fetch state is committed together with its posts. So a crash or kill at any point leaves
 * the last commit intact, holding only whole feeds, and the next run picks up whatever was not committed.
 */
public final class Indexer {
    static final int MAX_OPML_DEPTH = 3;
    /**
     * Feeds from http(s) URLs downloaded at once, on threads of their own: a download mostly waits on a server,
     * and two slow or stalled servers held every indexing thread for two minutes while a good feed waited.
     */
    static final int DOWNLOADS = 16;
    /**
     * A commit flushes everything buffered into new segments and syncs them to disk; committing often makes
     * many small segments to merge later, so bulk runs commit at most this often (and at the end).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(30);

    /**
     * Worker threads, the least time between commits, whether to ignore what the index knows, how sites are crawled,
     * and where a built site folder is published (its pages' URLs when they name no canonical one; may be empty).
     */
    public record Options(int threads, Duration commitInterval, boolean force, SiteCrawler.Options crawl,
            String baseUrl) {
        public Options(int threads, Duration commitInterval, boolean force) {
            this(threads, commitInterval, force, SiteCrawler.Options.defaults(), "");
        }

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), DEFAULT_COMMIT_INTERVAL, false);
        }

        public Options withForce(boolean f) {
            return new Options(threads, commitInterval, f, crawl, baseUrl);
        }
    }

    public enum Status { INDEXED, UNCHANGED, LIST, FAILED, SKIPPED }

    /**
     * What happened to one feed, OPML list or unusable source. {@code duplicates} counts the feed's entries
     * skipped because a post with the same id came earlier in this run (in this feed or another); {@code repairs}
     * says what was wrong with a feed that was read all the same; {@code notes} say what a site crawl did (the feed
     * chosen, where its pages stopped, pages skipped and why).
     */
    public record FeedOutcome(String source, String title, Status status, int added, int updated, int unchanged,
            int duplicates, String error, List<String> repairs, List<String> notes) {}

    /** Told of progress, from worker threads. */
    public interface Listener {
        default void feedsQueued(int total) {}

        default void feedDone(FeedOutcome outcome, int done, int total, long posts) {}

        /** A site's pages: found in its sitemaps, fetched, skipped, and still to do. */
        default void sitePages(String site, int found, int fetched, int skipped, int left) {}
    }

    /** The outcome of a run; {@code repaired} are the feeds read in spite of faults, {@code sources} every one. */
    public record Summary(int feedsIndexed, int feedsUnchanged, int feedsFailed, long added, long updated,
            long unchanged, long duplicates, int skippedFiles, Duration took, List<FeedOutcome> failures,
            List<FeedOutcome> repaired, List<FeedOutcome> sources) {
        public boolean ok() {
            return feedsFailed == 0;
        }

        /** The URLs an offline fetcher left alone. */
        public List<FeedOutcome> skipped() {
            return sources.stream().filter(o -> o.status() == Status.SKIPPED).toList();
        }
    }

    private final PostIndex index;
    private final Fetcher fetcher;
    private final Options options;
    private final Listener listener;

    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock(true);
    // The state of one run, reset when a run starts.
    private final Set<URI> queued = ConcurrentHashMap.newKeySet();
    private LongSet seen = new LongSet();
    private final List<FeedOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile long lastCommit = System.nanoTime();
    private volatile RuntimeException fatal;
    private volatile boolean cancelled;
    private ExecutorService pool;
    /** Feeds from http(s) URLs, downloaded here and then parsed in a turn of {@link #indexing}. */
    private ExecutorService downloads;
    /** Feeds parsed and written at once: {@code threads}, whichever pool they came from. */
    private Semaphore indexing;
    private Pending pending;
    private PostIndex.Snapshot snapshot;

    public Indexer(PostIndex index, Fetcher fetcher, Options options, Listener listener) {
        this.index = index;
        this.fetcher = fetcher;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Indexes every feed the sources name. Throws only if the index itself fails; feed faults are outcomes.
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
        indexing = new Semaphore(Math.max(1, options.threads()), true);
        downloads = Executors.newFixedThreadPool(DOWNLOADS, r -> {
            Thread t = new Thread(r, "download");
            t.setDaemon(true);
            return t;
        });
        pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(r, "indexer");
            t.setDaemon(true);
            return t;
        });
        pending = new Pending();
        // Commits also come on a clock, so feeds done while a slow download goes on are not held back.
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "indexer-commit");
            t.setDaemon(true);
            return t;
        });
        try (PostIndex.Snapshot snap = index.snapshot()) {
            snapshot = snap;
            if (!options.commitInterval().isZero()) {
                long every = options.commitInterval().toMillis();
                clock.scheduleWithFixedDelay(this::maybeCommit, every, every, TimeUnit.MILLISECONDS);
            }
            enqueue(expansion.feeds(), 0);
            pending.awaitNone();
            clock.shutdown(); // never interrupt a commit: an interrupted write closes the index's files
            if (fatal == null) {
                commitNow();
            }
        } finally {
            clock.shutdown();
            pool.shutdownNow();
            downloads.shutdownNow();
        }
        if (fatal != null) {
            throw new PostIndex.IndexError("indexing stopped: " + fatal.getMessage()
                    + "; the index keeps its last commit", fatal);
        }
        return summarize(expansion.skippedFiles(), Duration.ofNanos(System.nanoTime() - start));
    }

    private void reset() {
        queued.clear();
        seen = new LongSet();
        outcomes.clear();
        for (AtomicInteger n : List.of(total, done)) {
            n.set(0);
        }
        for (AtomicLong n : List.of(added, updated, unchanged, duplicates)) {
            n.set(0);
        }
        lastCommit = System.nanoTime();
        fatal = null;
    }

    private void enqueue(List<URI> locations, int depth) {
        int fresh = 0;
        for (URI location : alternatingHosts(locations)) {
            if (queued.add(location)) {
                fresh++;
                pending.add();
                String scheme = String.valueOf(location.getScheme()).toLowerCase(Locale.ROOT);
                boolean remote = scheme.equals("http") || scheme.equals("https");
                (remote ? downloads : pool).execute(() -> {
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

    /**
     * Feeds in an order that alternates their hosts, so that the downloads going on at once are from as many
     * hosts as there are: one slow host's feeds do not take every download in turn.
     */
    static List<URI> alternatingHosts(List<URI> locations) {
        Map<String, ArrayDeque<URI>> byHost = new LinkedHashMap<>();
        for (URI u : locations) {
            byHost.computeIfAbsent(String.valueOf(u.getHost()), h -> new ArrayDeque<>()).add(u);
        }
        List<URI> out = new ArrayList<>(locations.size());
        while (!byHost.isEmpty()) {
            for (Iterator<ArrayDeque<URI>> it = byHost.values().iterator(); it.hasNext(); ) {
                ArrayDeque<URI> q = it.next();
                out.add(q.poll());
                if (q.isEmpty()) {
                    it.remove();
                }
            }
        }
        return out;
    }

    /**
     * Stops the run early: downloads in flight are abandoned, feeds being indexed are finished and committed, the
     * rest are left for next time.
     */
    public void cancel() {
        cancelled = true;
        fetcher.abort();
    }

    private void process(URI location, int depth) {
        if (fatal != null || cancelled) {
            return;
        }
        FeedOutcome outcome;
        Counts counts = new Counts();
        try {
            outcome = indexFeed(location, depth, counts);
        } catch (Fetcher.Offline e) {
            outcome = counts.outcome(location, "", Status.SKIPPED, e.getMessage());
        } catch (FetchError | FeedError e) {
            outcome = counts.outcome(location, "", Status.FAILED, e.getMessage());
        } catch (UncheckedIOException | AlreadyClosedException e) {
            fail(e);
            outcome = counts.outcome(location, "", Status.FAILED, "index write failed: " + fatal.getMessage());
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
        listener.feedDone(outcome, done.incrementAndGet(), total.get(), added.get() + updated.get());
        maybeCommit();
    }

    @SuppressWarnings("try") // the turn is held for the whole block, not used in it
    private FeedOutcome indexFeed(URI location, int depth, Counts counts) {
        String key = location.toString();
        if ("file".equalsIgnoreCase(location.getScheme()) && Files.isDirectory(Path.of(location))) {
            return indexSite(location, counts);
        }
        if (!options.force() && snapshot.feed(SiteCrawler.siteKey(location)).isPresent()) {
            return indexSite(location, counts); // a site: its feed and sitemaps are checked, not only its home page
        }
        FetchState previous = options.force() ? FetchState.NONE
                : snapshot.feed(key).map(FeedRecord::state).orElse(FetchState.NONE);
        Fetcher.Result result = fetcher.fetch(location, previous);
        if (result instanceof Fetcher.NotModified) {
            String title = snapshot.feed(key).map(FeedRecord::title).orElse("");
            return counts.outcome(location, title, Status.UNCHANGED, null);
        }
        try (Fetcher.Body body = (Fetcher.Body) result; BufferedInputStream in = whole(body); Turn t = indexingTurn()) {
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
            // A commit waits for this lock, so it never holds part of a feed.
            commitLock.readLock().lock();
            try {
                Batch batch = new Batch();
                FeedInfo info;
                try {
                    info = FeedReader.read(in, body.contentType(), body.uri(), entry -> accept(entry, counts, batch));
                } finally {
                    batch.write(); // a feed broken halfway keeps the posts before the break
                }
                index.putFeed(new FeedRecord(key, info.title(), body.state(), Instant.now()));
                counts.repairs = info.repairs();
                return counts.outcome(location, info.title(), Status.INDEXED, null);
            } finally {
                commitLock.readLock().unlock();
            }
        } catch (IOException e) {
            throw new FetchError(cancelled ? "download abandoned: stopping" : "cannot read: " + e.getMessage());
        }
    }

    /**
     * Indexes a blog from its address (see {@link SiteCrawler}) or its built folder (see {@link SiteFolder}). Posts and
     * what each page was are written a few dozen at a time, each time in a turn and under the commit lock, so a long
     * polite crawl holds back neither the other feeds nor commits.
     */
    private FeedOutcome indexSite(URI location, Counts counts) {
        SiteSink sink = new SiteSink(location, counts);
        SiteCrawler.Memory memory = key -> snapshot.feed(key)
                .map(r -> new SiteCrawler.Memo(r.title(), r.state()));
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

    /** Posts and memos of a site, written in batches in the order they came. */
    private final class SiteSink implements SiteCrawler.Sink {
        private final String site;
        private final Counts counts;
        private final List<Object> pending = new ArrayList<>();

        SiteSink(URI site, Counts counts) {
            this.site = Sources.display(site);
            this.counts = counts;
        }

        @Override
        public synchronized void post(FeedEntry entry) {
            pending.add(entry);
            if (pending.size() >= Batch.SIZE) {
                flush();
            }
        }

        @Override
        public synchronized void remember(String key, SiteCrawler.Memo memo) {
            pending.add(new FeedRecord(key, memo.note(), memo.state(), Instant.now()));
        }

        @Override
        public void progress(int found, int fetched, int skipped, int left) {
            listener.sitePages(site, found, fetched, skipped, left);
        }

        @Override
        public boolean stopping() {
            return cancelled || fatal != null;
        }

        synchronized void flush() {
            if (pending.isEmpty() || fatal != null) {
                return;
            }
            try (Turn t = indexingTurn()) {
                commitLock.readLock().lock();
                try {
                    Batch batch = new Batch();
                    for (Object o : pending) {
                        if (o instanceof FeedEntry e) {
                            accept(e, counts, batch);
                        } else {
                            batch.write();
                            index.putFeed((FeedRecord) o);
                        }
                    }
                    batch.write();
                } finally {
                    commitLock.readLock().unlock();
                }
            } catch (UncheckedIOException | AlreadyClosedException e) {
                fail(e);
            } finally {
                pending.clear();
            }
            maybeCommit();
        }
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

    /** Downloads up to this size are kept in memory; larger ones go to a temporary file. */
    static final int IN_MEMORY_DOWNLOAD = 1 << 20;

    /**
     * The body, downloaded in full first unless it is a local file: a feed is parsed while the commit lock is
     * held, and a slow server must not hold back every other feed's commit (and, the lock being fair, every
     * other worker). The fetcher bounds the size and the time of a download; a large one is spooled to a
     * temporary file (deleted when read), so no feed sits in memory whole.
     */
    private static BufferedInputStream whole(Fetcher.Body body) throws IOException {
        if ("file".equalsIgnoreCase(body.uri().getScheme())) {
            return (BufferedInputStream) body.in();
        }
        byte[] head = body.in().readNBytes(IN_MEMORY_DOWNLOAD);
        if (head.length < IN_MEMORY_DOWNLOAD) {
            return new BufferedInputStream(new ByteArrayInputStream(head));
        }
        Path spool = Files.createTempFile("blogsearch-feed-", ".xml");
        try (OutputStream out = Files.newOutputStream(spool)) {
            out.write(head);
            body.in().transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        return new BufferedInputStream(Files.newInputStream(spool, StandardOpenOption.DELETE_ON_CLOSE), 1 << 16);
    }

    private void accept(FeedEntry entry, Counts counts, Batch batch) {
        if (!seen.add(PostId.bits(entry.id()))) {
            counts.duplicates++; // the same post twice in this run: the first one stands
            duplicates.incrementAndGet();
            return;
        }
        long hash = entry.hash();
        OptionalLong old = snapshot.hash(entry.id());
        boolean same = old.isPresent() && old.getAsLong() == hash;
        if (same && !options.force()) {
            counts.unchanged++;
            unchanged.incrementAndGet();
            return;
        }
        batch.add(entry.toPost(), hash);
        if (same) {
            // --force rewrites it (the cleaning may have changed), but the post itself did not change.
            counts.unchanged++;
            unchanged.incrementAndGet();
        } else if (old.isPresent()) {
            counts.updated++;
            updated.incrementAndGet();
        } else {
            counts.added++;
            added.incrementAndGet();
        }
    }

    private void maybeCommit() {
        if (System.nanoTime() - lastCommit >= options.commitInterval().toNanos() && fatal == null) {
            commitNow();
        }
    }

    /** The first index failure is the one to report: after it, the writer only says it is closed. */
    private void fail(RuntimeException e) {
        synchronized (commitLock) { // not on this: run() holds that while it waits for the workers
            if (fatal == null) {
                fatal = new PostIndex.IndexError(index.failure(e), e);
            }
        }
    }

    /**
     * Waits until no feed is half-written, then commits. A writer that a failed write closed refuses with an
     * IllegalStateException (AlreadyClosedException is one): the failure that closed it is the one reported.
     */
    private void commitNow() {
        try {
            // The buffered posts are written out first, while feeds go on being read: done under the lock,
            // that held every worker back for seconds per commit.
            if (fatal == null) {
                index.flush();
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            fail(e);
        }
        commitLock.writeLock().lock();
        try {
            if (fatal == null) {
                index.commit();
            }
            lastCommit = System.nanoTime();
        } catch (UncheckedIOException | IllegalStateException e) {
            fail(e);
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    private Summary summarize(int skippedFiles, Duration took) {
        int ok = 0;
        int same = 0;
        List<FeedOutcome> failures = new ArrayList<>();
        List<FeedOutcome> repaired = new ArrayList<>();
        synchronized (outcomes) {
            for (FeedOutcome o : outcomes) {
                if (!o.repairs().isEmpty()) {
                    repaired.add(o);
                }
                switch (o.status()) {
                    case INDEXED -> ok++;
                    case UNCHANGED -> same++;
                    case FAILED -> failures.add(o);
                    case LIST, SKIPPED -> { }
                }
            }
        }
        List<FeedOutcome> all;
        synchronized (outcomes) {
            all = List.copyOf(outcomes);
        }
        return new Summary(ok, same, failures.size(), added.get(), updated.get(), unchanged.get(), duplicates.get(),
                skippedFiles, took, List.copyOf(failures), List.copyOf(repaired), all);
    }

    /**
     * Feeds queued and not yet done. A Phaser would do, but it holds at most 65,535 parties, and a folder
     * or OPML list may name more feeds than that.
     */
    private static final class Pending {
        private long count;

        synchronized void add() {
            count++;
        }

        synchronized void done() {
            if (--count == 0) {
                notifyAll();
            }
        }

        /** Waits until every feed queued so far, and every feed they queued, is done. */
        synchronized void awaitNone() {
            boolean interrupted = false;
            while (count > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the workers write to the index: let them finish, then pass it on
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Posts cleaned and waiting to be written, a few dozen at a time: cleaning HTML between every two posts
     * pushed the writer's term tables out of the processor's caches, and writing a post cost a fifth more
     * than in a run of posts. The rest is written before the feed's record, under the same commit lock.
     */
    final class Batch {
        static final int SIZE = 64;
        /** Long posts go in fewer at a time: a server following feeds has a small heap. */
        static final int MAX_CHARS = 1_000_000;
        private record Pending(Post post, long hash) {}

        private final List<Pending> posts = new ArrayList<>(SIZE);
        private long chars;

        void add(Post post, long hash) {
            posts.add(new Pending(post, hash));
            chars += post.text().length();
            if (posts.size() == SIZE || chars >= MAX_CHARS) {
                write();
            }
        }

        void write() {
            for (Pending p : posts) {
                index.put(p.post(), p.hash());
            }
            posts.clear();
            chars = 0;
        }
    }

    /** Per-feed counters; each feed is handled by one thread. */
    private static final class Counts {
        int added;
        int updated;
        int unchanged;
        int duplicates;
        List<String> repairs = List.of();
        List<String> notes = List.of();

        FeedOutcome outcome(URI location, String title, Status status, String error) {
            return new FeedOutcome(Sources.display(location), title, status, added, updated, unchanged, duplicates,
                    error, repairs, notes);
        }
    }
}
