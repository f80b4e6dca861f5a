package blogsearch.opensearch;

import blogsearch.engine.Dates;
import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.index.PostSchema;
import blogsearch.search.UserQuery;
import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The search box's query language ({@link UserQuery}) in OpenSearch's query DSL, with the embedded engine's
 * semantics where OpenSearch has the same query: words scored as BM25F over title, body and tags
 * ({@code combined_fields} with the same weights), a short query's posts with every word first (a constant
 * bonus), phrases in any form, prefixes, exclusions, field filters and dates. What differs: proximity is a
 * phrase rescore of the best 20 with slop, and long questions get no feedback from their best matches.
 */
final class QueryDsl {
    static final int SHORT_QUERY_WORDS = 4;
    static final double ALL_WORDS_BOOST = 1_000;
    static final int PREFIX_EXPANSIONS = 64;
    static final int RESCORE_WINDOW = 20;
    static final List<String> TEXT_FIELDS = List.of(PostSchema.TITLE + "^" + PostSchema.TITLE_COPIES,
            PostSchema.BODY, PostSchema.TAGS + "^" + PostSchema.TAGS_COPIES);

    /** A query built: what matches and ranks, the words for highlighting, and whether it has any text. */
    record Built(Map<String, Object> query, Map<String, Object> highlight, boolean hasText, boolean short_,
            List<String> words, List<String> warnings) {}

    private QueryDsl() {}

    static Built build(String text, boolean byRelevance) {
        UserQuery.Parsed parsed = UserQuery.parse(text);
        List<Object> groups = new ArrayList<>();
        List<Object> filters = new ArrayList<>();
        List<Object> excluded = new ArrayList<>();
        List<Object> highlight = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (List<Clause> group : parsed.groups()) {
            Clause first = group.get(0);
            if (first.negated()) {
                excluded.add(clause(first));
                continue;
            }
            if (isFilter(first.kind()) && group.size() == 1) {
                filters.add(clause(first));
                continue;
            }
            List<Object> any = new ArrayList<>();
            for (Clause c : group) {
                any.add(clause(c));
                if (c.isText() || c.kind() == Kind.TITLE) {
                    highlight.add(clause(c));
                }
                if (c.kind() == Kind.WORD) {
                    words.add(c.text());
                }
            }
            groups.add(any.size() == 1 ? any.get(0) : bool("should", any));
        }
        boolean isShort = groups.size() <= SHORT_QUERY_WORDS;
        Map<String, Object> core = groups.isEmpty() ? Map.of("term", Map.of(PostSchema.TYPE, PostSchema.TYPE_POST))
                : bool("should", groups, "minimum_should_match",
                        !isShort && !byRelevance ? (groups.size() + 1) / 2 : 1);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("must", List.of(byRelevance ? core : Map.of("constant_score", Map.of("filter", core))));
        if (isShort && groups.size() >= 2) {
            // Posts with every word first, whatever else ranks them: as the embedded engine does.
            b.put("should", List.of(Map.of("constant_score", Map.of("filter", bool("must", groups),
                    "boost", ALL_WORDS_BOOST))));
        }
        List<Object> allFilters = new ArrayList<>(filters);
        allFilters.add(Map.of("term", Map.of(PostSchema.TYPE, PostSchema.TYPE_POST)));
        b.put("filter", allFilters);
        if (!excluded.isEmpty()) {
            b.put("must_not", excluded);
        }
        return new Built(Map.of("bool", b), highlight.isEmpty() ? Map.of("match_none", Map.of())
                : bool("should", highlight), !groups.isEmpty(), isShort && groups.size() >= 2, words,
                parsed.warnings());
    }

    /** A phrase of the query's plain words near each other, for the rescore of the best hits. */
    static Optional<Map<String, Object>> proximity(Built built) {
        if (built.words().size() < 2) {
            return Optional.empty();
        }
        return Optional.of(Map.of("match_phrase", Map.of(PostSchema.BODY, Map.of("query",
                String.join(" ", built.words()), "slop", 3))));
    }

    /** The request's own filters: dates (which facets count under), and each dimension's values. */
    static List<Object> dates(SearchRequest r) {
        Map<String, Object> range = new LinkedHashMap<>();
        r.since().ifPresent(s -> range.put("gte", s.toEpochMilli()));
        r.until().ifPresent(u -> range.put("lt", u.toEpochMilli()));
        return range.isEmpty() ? List.of() : List.of(Map.of("range", Map.of(PostSchema.PUBLISHED, range)));
    }

    /** Posts with any of {@code values} of {@code d}. */
    static Map<String, Object> facetFilter(Dimension d, List<String> values) {
        return Map.of("terms", Map.of(Mapping.keyField(d), values.stream().map(d::key).toList()));
    }

    private static boolean isFilter(Kind k) {
        return k == Kind.TAG || k == Kind.AUTHOR || k == Kind.FEED || k == Kind.AFTER || k == Kind.BEFORE;
    }

    private static Map<String, Object> clause(Clause c) {
        String t = c.text();
        return switch (c.kind()) {
            case WORD -> Map.of("combined_fields", Map.of("query", t, "fields", TEXT_FIELDS, "operator", "and"));
            case PHRASE -> bool("should", List.of(
                    Map.of("multi_match", Map.of("query", t, "type", "phrase", "fields", TEXT_FIELDS)),
                    Map.of("match_phrase", Map.of(PostSchema.TITLE_EXACT, t))));
            case PREFIX -> Map.of("multi_match", Map.of("query", t, "type", "phrase_prefix",
                    "fields", List.of(PostSchema.TITLE_EXACT + "^" + PostSchema.TITLE_COPIES, PostSchema.BODY,
                            PostSchema.TAGS), "max_expansions", PREFIX_EXPANSIONS));
            case TITLE -> Map.of("match", Map.of(PostSchema.TITLE, Map.of("query", t, "operator", "and")));
            case TAG -> bool("should", List.of(Map.of("term", Map.of(Mapping.keyField(Dimension.TAG),
                    Dimension.TAG.key(t))), Map.of("match_phrase", Map.of(PostSchema.TAGS, t))));
            case AUTHOR -> Map.of("match", Map.of(PostSchema.AUTHOR, Map.of("query", t, "operator", "and")));
            case FEED -> Map.of("match", Map.of(PostSchema.FEED, Map.of("query", t, "operator", "and")));
            case AFTER -> Dates.start(t).<Map<String, Object>>map(i -> Map.of("range", Map.of(PostSchema.PUBLISHED,
                    Map.of("gte", i.toEpochMilli())))).orElse(Map.of("match_all", Map.of()));
            case BEFORE -> Dates.start(t).<Map<String, Object>>map(i -> Map.of("range", Map.of(PostSchema.PUBLISHED,
                    Map.of("lt", i.toEpochMilli())))).orElse(Map.of("match_all", Map.of()));
        };
    }

    static Map<String, Object> bool(String occur, List<?> clauses) {
        return Map.of("bool", Map.of(occur, clauses));
    }

    private static Map<String, Object> bool(String occur, List<?> clauses, String key, Object value) {
        return Map.of("bool", Map.of(occur, clauses, key, value));
    }
}
