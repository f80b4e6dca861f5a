package blogsearch.ingest;

import blogsearch.engine.Engine;
import blogsearch.engine.FeedRecord;
import blogsearch.engine.IndexError;
import blogsearch.feed.FeedEntry;
import blogsearch.feed.FeedReader;
import blogsearch.feed.FeedReader.FeedInfo;
import blogsearch.feed.FetchState;
import blogsearch.feed.Fetcher;
import blogsearch.post.PostId;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What one indexing run writes, and when it commits: a feed's new and changed posts (against what the engine
 * held when the run began), then its record; commits at most once per interval and never while a feed is
 * half-written; and the first write failure, which stops the run.
 */
final class FeedWriter {
    private final Engine engine;
    private final Engine.Snapshot snapshot;
    private final boolean force;
    private final long commitNanos;
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock(true);
    private final LongSet seen = new LongSet();
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile long lastCommit = System.nanoTime();
    private volatile IndexError fatal;

    /** A writer to {@code engine} of what differs from {@code snapshot} (everything when {@code force}). */
    FeedWriter(Engine engine, Engine.Snapshot snapshot, boolean force, Duration commitInterval) {
        this.engine = engine;
        this.snapshot = snapshot;
        this.force = force;
        this.commitNanos = commitInterval.toNanos();
    }

    /** Reads the feed's entries and writes its new and changed posts, then its record, all under the lock. */
    FeedInfo feed(String key, Fetcher.Body body, BufferedInputStream in, FeedCounts counts) throws IOException {
        // A commit waits for this lock, so it never holds part of a feed.
        commitLock.readLock().lock();
        try {
            PostBatch batch = new PostBatch(engine);
            FeedInfo info;
            try {
                info = FeedReader.read(in, body.contentType(), body.uri(), entry -> accept(entry, counts, batch));
            } finally {
                batch.write(); // a feed broken halfway keeps the posts before the break
            }
            engine.putFeed(record(key, info.title(), body.state()));
            counts.repairs = info.repairs();
            return info;
        } finally {
            commitLock.readLock().unlock();
        }
    }

    /** Some of a site's posts ({@link FeedEntry}) and page records ({@link FeedRecord}), in order, under the lock. */
    void site(List<Object> items, FeedCounts counts) {
        commitLock.readLock().lock();
        try {
            PostBatch batch = new PostBatch(engine);
            for (Object o : items) {
                if (o instanceof FeedEntry e) {
                    accept(e, counts, batch);
                } else {
                    batch.write();
                    engine.putFeed((FeedRecord) o);
                }
            }
            batch.write();
        } finally {
            commitLock.readLock().unlock();
        }
    }

    /** What the feed's source said of the version last read in full. */
    static FetchState state(FeedRecord r) {
        return new FetchState(r.etag(), r.lastModified(), r.size(), r.modifiedMillis());
    }

    /** The record of a feed or a site's page, with what its source said of the version read. */
    static FeedRecord record(String key, String title, FetchState state) {
        return new FeedRecord(key, title, state.etag(), state.lastModified(), state.size(), state.modifiedMillis(),
                Instant.now());
    }

    private void accept(FeedEntry entry, FeedCounts counts, PostBatch batch) {
        if (!seen.add(PostId.bits(entry.id()))) {
            counts.duplicates++; // the same post twice in this run: the first one stands
            duplicates.incrementAndGet();
            return;
        }
        long hash = entry.hash();
        OptionalLong old = snapshot.hash(entry.id());
        boolean same = old.isPresent() && old.getAsLong() == hash;
        if (same && !force) {
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

    /** Commits if the interval has passed since the last commit. */
    void maybeCommit() {
        if (System.nanoTime() - lastCommit >= commitNanos && fatal == null) {
            commitNow();
        }
    }

    /** The first write failure is the one to report: the engine says what failed, not what failed after. */
    void fail(IndexError e) {
        synchronized (commitLock) {
            if (fatal == null) {
                fatal = e;
            }
        }
    }

    /** The write failure that stopped the run, or null. */
    IndexError failure() {
        return fatal;
    }

    /** Waits until no feed is half-written, then commits. */
    void commitNow() {
        try {
            // The buffered posts are written out first, while feeds go on being read: done under the lock,
            // that held every worker back for seconds per commit.
            if (fatal == null) {
                engine.flush();
            }
        } catch (IndexError e) {
            fail(e);
        }
        commitLock.writeLock().lock();
        try {
            if (fatal == null) {
                engine.commit();
            }
            lastCommit = System.nanoTime();
        } catch (IndexError e) {
            fail(e);
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    /** The run's posts so far: added, updated, unchanged, and skipped as duplicates. */
    long[] counts() {
        return new long[] {added.get(), updated.get(), unchanged.get(), duplicates.get()};
    }

    /** Posts written so far: added or updated. */
    long written() {
        return added.get() + updated.get();
    }
}
