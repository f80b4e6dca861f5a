package blogsearch.search;

import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent results by request, for one index version at a time: a search box sees the same popular queries
 * again and again, and a visitor going back a page asks again what was just answered. Any change to the
 * index (a new version) empties it, so an answer is never stale.
 */
final class ResultCache {
    static final int MAX_ENTRIES = 1_000;

    private final Map<SearchRequest, SearchResult> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SearchRequest, SearchResult> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private long version = -1;
    private long hits;
    private long misses;

    synchronized SearchResult get(long indexVersion, SearchRequest request) {
        if (indexVersion != version) {
            entries.clear();
            version = indexVersion;
        }
        SearchResult r = entries.get(request);
        if (r == null) {
            misses++;
        } else {
            hits++;
        }
        return r;
    }

    synchronized void put(long indexVersion, SearchRequest request, SearchResult result) {
        if (indexVersion == version) {
            entries.put(request, result);
        }
    }

    /** Hits and misses so far, for the benchmark's report. */
    synchronized long[] counts() {
        return new long[] {hits, misses};
    }
}
