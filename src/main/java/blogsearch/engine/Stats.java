package blogsearch.engine;

import blogsearch.engine.SearchResult.FacetValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an index holds: posts, feeds, the most used tags, the date range, and its size on disk; the synonyms
 * file queries are expanded with, if any; the posts in each language, most first; and how many posts still lack a
 * vector (all of them when the index was built without search by meaning).
 */
public record Stats(long posts, long feeds, List<FacetValue> tags, Optional<Instant> oldest,
        Optional<Instant> newest, long indexBytes, Optional<SynonymFile> synonyms, List<FacetValue> languages,
        long withoutVector) {
    /** Which synonym rules are in force: the file's name and how many rules it holds. */
    public record SynonymFile(String file, int rules) {}
}
