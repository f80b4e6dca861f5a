package blogsearch.ingest;

import blogsearch.feed.FeedEntry;
import blogsearch.feed.SiteCrawler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A site's posts and what each of its pages was, as a crawl finds them, handed on to be written a few dozen at a
 * time, in the order they came.
 */
final class SiteSink implements SiteCrawler.Sink {
    private final String site;
    private final Indexer.Listener listener;
    private final BooleanSupplier stopping;
    private final Consumer<List<Object>> write;
    private final List<Object> pending = new ArrayList<>();

    /** A sink for {@code site} that tells {@code listener} of progress and hands each batch to {@code write}. */
    SiteSink(String site, Indexer.Listener listener, BooleanSupplier stopping, Consumer<List<Object>> write) {
        this.site = site;
        this.listener = listener;
        this.stopping = stopping;
        this.write = write;
    }

    @Override
    public synchronized void post(FeedEntry entry) {
        pending.add(entry);
        if (pending.size() >= PostBatch.SIZE) {
            flush();
        }
    }

    @Override
    public synchronized void remember(String key, SiteCrawler.Memo memo) {
        pending.add(FeedWriter.record(key, memo.note(), memo.state()));
    }

    @Override
    public void progress(int found, int fetched, int skipped, int left) {
        listener.sitePages(site, found, fetched, skipped, left);
    }

    @Override
    public boolean stopping() {
        return stopping.getAsBoolean();
    }

    /** Hands on what is pending. */
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            write.accept(List.copyOf(pending));
        } finally {
            pending.clear();
        }
    }
}
