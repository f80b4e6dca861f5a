package blogsearch.ingest;

import blogsearch.embed.Embedder;
import blogsearch.engine.Engine;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a served index's posts embedded: every few seconds the posts that lack a vector (new or edited ones, or
 * those an interrupted run left) get theirs, on a background thread, while searches and fetches go on. A post is
 * searchable by its words meanwhile.
 */
public final class BackgroundVectors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundVectors.class);

    private final VectorFiller filler;
    private final Duration every;
    private final ScheduledExecutorService schedule;

    /**
     * @param threads how many posts are embedded at once (fewer than the cores, to leave searches theirs)
     * @param commit run after each batch of vectors (see {@link VectorFiller})
     */
    public BackgroundVectors(Engine engine, Embedder embedder, int threads, Runnable commit, Duration every) {
        this.filler = new VectorFiller(engine, embedder, threads, commit);
        this.every = every;
        this.schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("vectors").daemon()
                .factory());
    }

    /** Starts: a first fill now, then one every {@code every} after the previous ends. */
    public void start() {
        schedule.scheduleWithFixedDelay(this::fill, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fill() {
        long start = System.nanoTime();
        try {
            long done = filler.fill(n -> {});
            if (done > 0) {
                LOG.info("embedded {} for search by meaning in {} ms", done == 1 ? "1 post" : done + " posts",
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A full disk, say: the posts keep lacking their vectors and the next fill tries again.
            LOG.warn("embedding posts failed: {}", e.getMessage());
        }
    }

    /** Stops after the batch being embedded, which is written; the caller commits. */
    @Override
    public void close() {
        filler.stop();
        // Not shutdownNow: interrupting a thread that is writing the index would close the index's files.
        schedule.shutdown();
        try {
            if (!schedule.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("embedding did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        filler.close();
    }
}
