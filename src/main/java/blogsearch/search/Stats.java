package blogsearch.search;

import blogsearch.search.SearchResult.FacetValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an index holds: posts, feeds, the most used tags, the date range, and its size on disk; and the
 * synonyms file queries are expanded with, if any.
 */
public record Stats(long posts, long feeds, List<FacetValue> tags, Optional<Instant> oldest,
        Optional<Instant> newest, long indexBytes, Optional<Synonyms.Info> synonyms) {}
