package blogsearch.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of results, as the CLI's --json and the HTTP API return it.
 *
 * @param total every matching post, not just this page (in hybrid mode, the lexical matches and the posts found by
 *     meaning alone)
 * @param mode how posts were matched: "hybrid", "lexical" or "semantic" (lexical when the mode asked for needs
 *     vectors the index lacks, the query has no words, or results are sorted by date)
 * @param didYouMean a respelled query when the query found little, else empty
 * @param corrected true when the hits are for {@code didYouMean} because the query itself found nothing
 * @param relaxed true when no post had every word, so posts with most of them are shown
 * @param facets counts per facet, by {@link Dimension#label}; a facet with selections counts as if it had none
 * @param warnings parts of the query that were ignored, and why
 */
public record SearchResult(
        String query,
        long total,
        long tookMs,
        int page,
        int size,
        String sort,
        String mode,
        List<Hit> hits,
        Map<String, List<FacetValue>> facets,
        Optional<String> didYouMean,
        boolean corrected,
        boolean relaxed,
        List<String> warnings) {

    /** The values counted for {@code dimension}, the most frequent first (years newest first). */
    public List<FacetValue> facet(Dimension dimension) {
        return facets.getOrDefault(dimension.label(), List.of());
    }

    /** The same result, timed anew (for an answer reused from the cache). */
    public SearchResult withTookMs(long ms) {
        return new SearchResult(query, total, ms, page, size, sort, mode, hits, facets, didYouMean, corrected, relaxed,
                warnings);
    }

    /**
     * A matching post. {@code titleHtml} and {@code snippet} are HTML, escaped, with matches in {@code <mark>};
     * every other string is plain text. An untitled post's title is made from its first words or its date
     * ({@link blogsearch.post.Post#displayTitle}), so that every client shows the same line. {@code score} is the
     * ranking's own: a text score by words, a similarity by meaning, the fused score (0 to 1) in hybrid mode.
     */
    public record Hit(
            String id,
            String url,
            String title,
            String titleHtml,
            String author,
            String feed,
            Optional<Instant> published,
            List<String> tags,
            String snippet,
            float score) {}

    /** A facet value and how many matching posts have it. */
    public record FacetValue(String value, long count, boolean selected) {}
}
