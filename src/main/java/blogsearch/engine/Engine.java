package blogsearch.engine;

import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.post.Post;
import java.util.List;
import java.util.Optional;

/**
 * Everything blogsearch can do with the posts it holds, whichever engine holds them: the one seam between
 * the product (ingest, the server, the CLI) and the engine (today the embedded Lucene index). Posts,
 * requests and results cross it as the records of this package. Implementations are thread-safe; bad input
 * is a {@link BadRequest} naming the parameter.
 */
public interface Engine extends AutoCloseable {
    /** One page of results: hits with highlighted snippets, facet counts, and spelling help. */
    SearchResult search(SearchRequest request);

    /** The post with this id or URL. */
    Optional<Post> post(String idOrUrl);

    /** The whole post with every match of {@code query} marked in its title and text. */
    Optional<HighlightedPost> highlighted(String idOrUrl, String query);

    /** Up to {@code size} posts like the one with this id or URL, never the post itself. */
    Optional<Related> related(String idOrUrl, int size);

    /** Up to {@code size} as-you-type completions of {@code prefix}: tags, then post titles. */
    List<Suggestion> suggest(String prefix, int size);

    /** The {@code limit} most used tags with their number of posts, most used first. */
    List<FacetValue> tags(int limit);

    /** Posts, feeds, top tags, date range and size of what the engine holds. */
    Stats stats();

    /** Changes whenever what searches see changes: for cache validators. */
    long version();

    /** How many searches were answered from recent results, and how many were run: {hits, misses}. */
    long[] cacheCounts();

    /** Makes the latest changes visible to searches. */
    void refresh();

    /** Lets go of the engine without making anything durable that was not committed. */
    @Override
    void close();
}
