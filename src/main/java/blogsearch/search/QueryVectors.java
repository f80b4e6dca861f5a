package blogsearch.search;

import blogsearch.embed.Embedder;
import blogsearch.embed.Model;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The query side of search by meaning: the model the index's vectors were made with, loaded once, by the first
 * search that needs it or earlier when asked (a server pays for it before its first visitor), and never for an
 * index without vectors. Thread-safe.
 */
final class QueryVectors implements AutoCloseable {
    /** Threads that make query vectors, as many as searches wait for them; an idle one ends after a minute. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("query-vector-", 1).factory());

    private final Model model;
    /** Whether this holder loads the model, and so closes it. */
    private final boolean owned;
    private final boolean installed;
    private volatile Embedder embedder;

    private QueryVectors(Model model, Embedder embedder, boolean owned) {
        this.model = model;
        this.embedder = embedder;
        this.owned = owned;
        this.installed = embedder != null || model.installed();
    }

    /** The model of the index's vectors, loaded when first needed. */
    static QueryVectors loading() {
        return new QueryVectors(Model.INDEXED, null, true);
    }

    /** Queries embedded with {@code embedder}, which its owner closes. */
    static QueryVectors of(Embedder embedder) {
        return new QueryVectors(embedder.model(), embedder, false);
    }

    /** Whether queries can be embedded: the model is loaded, or its jar is on the class path. */
    boolean available() {
        return installed;
    }

    Model model() {
        return model;
    }

    /** The model, loading it if it is not yet. */
    Embedder embedder() {
        Embedder e = embedder;
        if (e == null) {
            synchronized (this) {
                e = embedder;
                if (e == null) {
                    e = Embedder.open(model);
                    embedder = e;
                }
            }
        }
        return e;
    }

    /** The unit vector of a query's text. */
    float[] vector(String text) {
        return embedder().query(text);
    }

    /**
     * What {@code then} makes of the unit vector of a query's text, on a thread of its own while the caller searches
     * by words (on a server with idle cores the time is then mostly hidden).
     */
    <T> CompletableFuture<T> soon(String text, Function<float[], T> then) {
        return CompletableFuture.supplyAsync(() -> then.apply(vector(text)), THREADS);
    }

    @Override
    public synchronized void close() {
        if (owned && embedder != null) {
            embedder.close();
            embedder = null;
        }
    }
}
