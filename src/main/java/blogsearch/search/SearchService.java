package blogsearch.search;

import blogsearch.embed.Embedder;
import blogsearch.engine.HighlightedPost;
import blogsearch.engine.Related;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.Stats;
import blogsearch.engine.Suggestion;
import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * Everything blogsearch reads from a Lucene index: search by words, by meaning or both, with facets,
 * highlighting and spelling help; single posts, whole or highlighted; related posts; as-you-type suggestions;
 * tags; statistics. Each is one class's work, given a searcher and what is kept for its generation. Thread-safe;
 * results are plain records.
 */
public final class SearchService implements AutoCloseable {
    private final PostIndex index;
    private final Synonyms synonyms;
    private final QueryVectors vectors;
    private final ResultCache cache = new ResultCache();
    private volatile Generation generation;

    public SearchService(PostIndex index) {
        this(index, Synonyms.NONE);
    }

    /**
     * A service whose queries also find what {@code synonyms} declares alike; the model for search by meaning is
     * loaded when a search first needs it.
     */
    public SearchService(PostIndex index, Synonyms synonyms) {
        this(index, synonyms, QueryVectors.loading());
    }

    /** As {@link #SearchService(PostIndex, Synonyms)}, queries placed by {@code embedder}, which its owner closes. */
    public SearchService(PostIndex index, Synonyms synonyms, Embedder embedder) {
        this(index, synonyms, QueryVectors.of(embedder));
    }

    private SearchService(PostIndex index, Synonyms synonyms, QueryVectors vectors) {
        this.index = index;
        this.synonyms = synonyms;
        this.vectors = vectors;
    }

    /** One page of results: hits with highlighted snippets, facet counts, and spelling help. */
    public SearchResult search(SearchRequest request) {
        long start = System.nanoTime();
        return withGeneration((s, g) -> {
            SearchResult result = cache.get(version(s), request);
            if (result != null) {
                return result.withTookMs((System.nanoTime() - start) / 1_000_000);
            }
            result = SearchRun.run(s, g, synonyms, vectors, request, start);
            cache.put(version(s), request, result);
            return result;
        });
    }

    /** The post with this id or URL. */
    public Optional<Post> post(String idOrUrl) {
        return withSearcher(s -> StoredPosts.find(s, idOrUrl).map(doc -> StoredPosts.whole(s, doc)));
    }

    /** The whole post with every match of {@code query} marked in its title and text. */
    public Optional<HighlightedPost> highlighted(String idOrUrl, String query) {
        return withGeneration((s, g) -> StoredPosts.highlighted(s, g, synonyms, idOrUrl, query));
    }

    /** Posts like the one with this id or URL (by meaning, else by title, text and tags), never the post itself. */
    public Optional<Related> related(String idOrUrl, int size) {
        return withGeneration((s, g) -> RelatedPosts.related(s, g, idOrUrl, size));
    }

    /** As-you-type completions: tags that start with what was typed, then post titles. */
    public List<Suggestion> suggest(String prefix, int size) {
        return withGeneration((s, g) -> Suggestions.suggest(s, g, prefix, size));
    }

    /** Every tag with its number of posts, most used first. */
    public List<FacetValue> tags(int limit) {
        return withGeneration((s, g) -> g.tags().subList(0, Math.min(limit, g.tags().size())));
    }

    /** Posts, feeds, top tags, date range and size of the index; the synonyms in force. */
    public Stats stats() {
        return withGeneration((s, g) -> IndexStats.of(s, g, index.sizeInBytes(), synonyms.info()));
    }

    /** The model of search by meaning, loaded now if it is not yet; empty if it is not installed. */
    public Optional<Embedder> model() {
        return vectors.available() ? Optional.of(vectors.embedder()) : Optional.empty();
    }

    /** Makes the latest index changes visible to searches. */
    public void refresh() {
        index.refresh();
    }

    /** Changes whenever what searches see changes: for cache validators. */
    public long version() {
        return withSearcher(SearchService::version);
    }

    /** How many searches were answered from recent results, and how many were run. */
    public long[] cacheCounts() {
        return cache.counts();
    }

    /** Lets go of the model, if this service loaded it. */
    @Override
    public void close() {
        vectors.close();
    }

    private static long version(IndexSearcher s) {
        return ((DirectoryReader) s.getIndexReader()).getVersion();
    }

    private <T> T withSearcher(Function<IndexSearcher, T> work) {
        IndexSearcher s = index.acquire();
        try {
            return work.apply(s);
        } finally {
            index.release(s);
        }
    }

    /** As {@link #withSearcher}, with what is kept for the searcher's generation. */
    private <T> T withGeneration(BiFunction<IndexSearcher, Generation, T> work) {
        return withSearcher(s -> work.apply(s, generation(s)));
    }

    /** The generation of {@code s}: the current one, or a new one that takes over from it. */
    private Generation generation(IndexSearcher s) {
        Generation g = generation;
        if (g != null && g.reader == s.getIndexReader()) {
            return g;
        }
        synchronized (this) {
            g = generation;
            if (g == null || g.reader != s.getIndexReader()) {
                g = new Generation(s, g);
                generation = g;
            }
            return g;
        }
    }
}
