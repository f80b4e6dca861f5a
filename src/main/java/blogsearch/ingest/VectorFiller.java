package blogsearch.ingest;

import blogsearch.embed.Embedder;
import blogsearch.engine.Engine;
import blogsearch.engine.PostRecord;
import blogsearch.engine.VectorRecord;
import blogsearch.post.Post;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Gives posts their vectors after they were written: the posts the engine marks as lacking one are embedded
 * on a pool of threads (one model run per thread at a time) and rewritten with it, a batch at a time, each
 * batch committed. Posts are searchable by their words meanwhile.
 */
public final class VectorFiller implements AutoCloseable {
    /** The most passage pieces embedded per post: its title and the start of its text (one passage). */
    static final int WINDOW = 256;
    static final int BATCH = 64;

    private final Engine engine;
    private final Embedder embedder;
    private final Runnable commit;
    private final ExecutorService pool;
    private volatile boolean stopping;

    /** Fills {@code engine}'s posts with {@code embedder}'s vectors on {@code threads} threads, committing each batch. */
    public VectorFiller(Engine engine, Embedder embedder, int threads) {
        this(engine, embedder, threads, engine::commit);
    }

    /**
     * @param commit run after each batch of vectors is written: a commit, or nothing while another writer is in
     *     the middle of a feed (its own commit then takes the vectors too; a vector lost in a crash is made again)
     */
    public VectorFiller(Engine engine, Embedder embedder, int threads, Runnable commit) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.engine = engine;
        this.embedder = embedder;
        this.commit = commit;
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("embed-", 1).factory());
    }

    /** The vector of a post: its title and the start of its text. */
    public float[] vector(Post post) {
        return embedder.embed(embedder.passages(post.title(), post.text(), WINDOW, 1))[0];
    }

    /**
     * Embeds every post that lacks a vector, until none does (posts written meanwhile included) or {@link #stop} is
     * called, then drops the copies the vectors replaced.
     *
     * @param progress told how many posts got their vector so far
     * @return how many posts got their vector
     */
    public long fill(LongConsumer progress) throws InterruptedException {
        long done = 0;
        for (List<PostRecord> batch = engine.lackingVectors(BATCH); !batch.isEmpty() && !stopping;
                batch = engine.lackingVectors(BATCH)) {
            List<Future<VectorRecord>> made = new ArrayList<>();
            for (PostRecord p : batch) {
                made.add(pool.submit(() -> new VectorRecord(p.post().id(), p.hash(), vector(p.post()))));
            }
            List<VectorRecord> vectors = new ArrayList<>();
            for (Future<VectorRecord> f : made) {
                try {
                    vectors.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
            int written = engine.putVectors(vectors);
            commit.run();
            if (written == 0) {
                break; // every post of the batch changed meanwhile: a later fill embeds the new versions
            }
            done += written;
            progress.accept(done);
        }
        if (done > 0) {
            engine.dropReplaced();
            commit.run();
        }
        return done;
    }

    /** Ends a fill in progress after its current batch, which is written; for a server that stops. */
    public void stop() {
        stopping = true;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
