package blogsearch.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user asks for: query text, filters by facet value (several values of one dimension mean any of
 * them; different dimensions combine with AND), a date range, a sort, a page, and how posts are matched.
 *
 * @param query of any length: a long question is searched for the words that carry it
 * @param filters the values each dimension is narrowed to; a dimension without values does not narrow
 * @param since first instant included, if any
 * @param until first instant excluded, if any
 * @param respell whether misspelled words may be corrected ("did you mean"); off to search the words as typed
 * @param mode by words, by meaning, or both (see {@link Mode})
 */
public record SearchRequest(
        String query,
        Map<Dimension, List<String>> filters,
        Optional<Instant> since,
        Optional<Instant> until,
        Sort sort,
        int page,
        int size,
        boolean respell,
        Mode mode) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 10;
    /** Deeper pages cost more than they are worth to anyone: page * size stays within this. */
    public static final int MAX_DEPTH = 10_000;
    public static final int MAX_FILTER_VALUES = 50;

    public enum Sort {
        RELEVANCE, NEWEST;

        /** Parses "relevance" or "newest", naming the bad value otherwise. */
        public static Sort parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "relevance", "score", "" -> RELEVANCE;
                case "newest", "date", "recent" -> NEWEST;
                default -> throw new BadRequest("sort", "unknown sort '" + s + "': use relevance or newest");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How posts are matched and ranked. Hybrid and semantic need posts with vectors; without them, sorted by date,
     * or with no words to search for, a search is lexical (the result says which mode ran).
     */
    public enum Mode {
        /** Both lists fused: each side's best hundred, scores scaled to [0, 1], half of each added. */
        HYBRID,
        /** By words alone (BM25F, proximity, the all-words bonus). */
        LEXICAL,
        /** By meaning alone: the hundred posts nearest the query's vector. */
        SEMANTIC;

        /** Parses "hybrid", "lexical" or "semantic" (blank is hybrid), naming the bad value otherwise. */
        public static Mode parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "hybrid", "" -> HYBRID;
                case "lexical" -> LEXICAL;
                case "semantic" -> SEMANTIC;
                default -> throw new BadRequest("mode", "unknown mode '" + s
                        + "': use hybrid, lexical or semantic");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        filters = cleaned(Objects.requireNonNull(filters, "filters"));
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new BadRequest("until", "the date range is empty: 'since' must come before 'until'");
        }
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(mode, "mode");
        if (page < 1) {
            throw new BadRequest("page", "page must be 1 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new BadRequest("size", "size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        if ((long) page * size > MAX_DEPTH) {
            throw new BadRequest("page", "page " + page + " of size " + size + " is beyond the first " + MAX_DEPTH
                    + " results; narrow the search instead");
        }
    }

    /** A first page of relevance-ranked results for {@code query}, no filters. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, Map.of(), Optional.empty(), Optional.empty(), Sort.RELEVANCE, 1, DEFAULT_SIZE,
                true, Mode.HYBRID);
    }

    /** The values {@code dimension} is narrowed to; empty if it does not narrow. */
    public List<String> filter(Dimension dimension) {
        return filters.getOrDefault(dimension, List.of());
    }

    public SearchRequest withFilter(Dimension dimension, List<String> values) {
        Map<Dimension, List<String>> f = new EnumMap<>(Dimension.class);
        f.putAll(filters);
        f.put(dimension, values);
        return new SearchRequest(query, f, since, until, sort, page, size, respell, mode);
    }

    public SearchRequest withDates(Optional<Instant> from, Optional<Instant> to) {
        return new SearchRequest(query, filters, from, to, sort, page, size, respell, mode);
    }

    public SearchRequest withSort(Sort s) {
        return new SearchRequest(query, filters, since, until, s, page, size, respell, mode);
    }

    public SearchRequest withPage(int p, int s) {
        return new SearchRequest(query, filters, since, until, sort, p, s, respell, mode);
    }

    public SearchRequest withQuery(String q) {
        return new SearchRequest(q, filters, since, until, sort, page, size, respell, mode);
    }

    public SearchRequest withRespell(boolean r) {
        return new SearchRequest(query, filters, since, until, sort, page, size, r, mode);
    }

    public SearchRequest withMode(Mode m) {
        return new SearchRequest(query, filters, since, until, sort, page, size, respell, m);
    }

    /** Each dimension's values stripped, without blanks and repeats; only dimensions that narrow are kept. */
    private static Map<Dimension, List<String>> cleaned(Map<Dimension, List<String>> filters) {
        Map<Dimension, List<String>> cleaned = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            List<String> kept = filters.getOrDefault(dimension, List.of()).stream().map(String::strip)
                    .filter(v -> !v.isEmpty()).distinct().toList();
            if (kept.size() > MAX_FILTER_VALUES) {
                throw new BadRequest(dimension.label(), "at most " + MAX_FILTER_VALUES + " values of '"
                        + dimension.label() + "'");
            }
            kept.forEach(dimension::check);
            if (!kept.isEmpty()) {
                cleaned.put(dimension, kept);
            }
        }
        return Collections.unmodifiableMap(cleaned);
    }
}
