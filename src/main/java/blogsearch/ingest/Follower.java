package blogsearch.ingest;

import blogsearch.engine.Engine;
import blogsearch.engine.IndexError;
import blogsearch.post.Printable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the followed sources on a schedule (conditional GET, so unchanged feeds cost one request) and
 * on demand. New and edited posts reach searches through the near-real-time refresh, without a restart.
 */
public final class Follower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

    private final Engine engine;
    private final List<String> sources;
    private final Duration every;
    private final Indexer.Options indexing;
    private final ReentrantLock running = new ReentrantLock();
    private final ScheduledExecutorService schedule;
    private volatile Indexer current;
    private volatile boolean closed;
    private volatile String failure;

    /** Follows {@code sources} into {@code engine}, every {@code every}, running the indexer with {@code indexing}. */
    public Follower(Engine engine, List<String> sources, Duration every, Indexer.Options indexing) {
        this.engine = engine;
        this.sources = List.copyOf(sources);
        this.every = every;
        this.indexing = indexing;
        this.schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("follower").daemon()
                .factory());
    }

    public List<String> sources() {
        return sources;
    }

    /** Why the last run could not write the index (a full disk, say), until a run succeeds. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Starts following: a first run now, then one every {@code every} after the previous ends. */
    public void start() {
        schedule.scheduleWithFixedDelay(() -> {
            try {
                runNow();
            } catch (RuntimeException e) {
                LOG.error("following failed: {}", e.getMessage());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the sources now (after any run in progress) and returns what happened. */
    public Summary runNow() {
        running.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the server is shutting down");
            }
            try {
                engine.reopenIfFailed(); // after a full disk, say: writing goes on from the last commit
                Indexer indexer = new Indexer(engine, indexing, Indexer.Listener.NONE);
                current = indexer;
                Summary s = indexer.run(sources);
                failure = null;
                engine.refresh();
                LOG.info("fetched {} sources: {} feeds changed, {} unchanged, {} failed; posts {} added, {} updated",
                        sources.size(), s.feedsIndexed(), s.feedsUnchanged(), s.feedsFailed(), s.added(), s.updated());
                for (FeedOutcome f : s.failures()) {
                    LOG.warn("feed failed: {}: {}", Printable.of(f.source()), Printable.of(f.error()));
                }
                for (FeedOutcome f : s.repaired()) {
                    LOG.info("feed repaired: {}: {}", Printable.of(f.source()),
                            Printable.of(String.join("; ", f.repairs())));
                }
                for (FeedOutcome f : s.sources()) {
                    // An unchanged site's notes only repeat that it is unchanged, every few minutes.
                    if (f.status() == FeedOutcome.Status.INDEXED && !f.notes().isEmpty()) {
                        LOG.info("site {}: {}", Printable.of(f.source()), Printable.of(String.join("; ", f.notes())));
                    }
                }
                return s;
            } catch (IndexError e) {
                failure = e.getMessage();
                throw e;
            } finally {
                current = null;
            }
        } finally {
            running.unlock();
        }
    }

    /**
     * Commits what other writers put (posts' vectors), unless a run is writing: a commit now could hold part of a
     * feed, and the run's own commits take what was put anyway.
     */
    public void commitIfIdle() {
        if (running.tryLock()) {
            try {
                if (!closed) {
                    engine.commit();
                }
            } finally {
                running.unlock();
            }
        }
    }

    /** Stops the schedule; a run in progress finishes the feeds it is reading and commits them. */
    @Override
    public void close() {
        closed = true;
        // Not shutdownNow: interrupting a thread that is writing the index would close the index's files.
        schedule.shutdown();
        Indexer i = current;
        if (i != null) {
            i.cancel();
        }
        running.lock(); // wait for the run to end
        running.unlock();
    }
}
