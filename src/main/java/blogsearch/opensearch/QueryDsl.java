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
import java.util.function.Function;

/**
 * The search box's query language ({@link UserQuery}) in OpenSearch's query DSL, with the embedded engine's
 * semantics where OpenSearch has the same query: words scored as BM25F over title, body and tags
 * ({@code combined_fields} with the same weights), a short query's posts with every word first (a constant
 * bonus), phrases in any form, prefixes, exclusions, field filters and dates. Text is matched in English and
 * in each other language the index holds, each in its own fields (the best of them counts), so a post is only
 * found through its own language's reading. What differs: proximity is a phrase rescore of the best 20 with
 * slop, and long questions get no feedback from their best matches.
 */
final class QueryDsl {
    static final int SHORT_QUERY_WORDS = 4;
    static final double ALL_WORDS_BOOST = 1_000;
    static final int PREFIX_EXPANSIONS = 64;
    static final int RESCORE_WINDOW = 20;
    static final List<String> TEXT_FIELDS = List.of(PostSchema.TITLE + "^" + PostSchema.TITLE_COPIES,
            PostSchema.BODY, PostSchema.TAGS + "^" + PostSchema.TAGS_COPIES);
    private static final String ENGLISH = "en";

    /** A query built: what matches and ranks, the words for highlighting, and whether it has any text. */
    record Built(Map<String, Object> query, Map<String, Object> highlight, boolean hasText, boolean short_,
            List<String> words, List<String> warnings) {}

    private QueryDsl() {}

    /** {@code text} as a query over English and each of {@code languages} (codes of the index's other languages). */
    static Built build(String text, boolean byRelevance, List<String> languages) {
        UserQuery.Parsed parsed = UserQuery.parse(text);
        List<Object> groups = new ArrayList<>();
        List<Object> filters = new ArrayList<>();
        List<Object> excluded = new ArrayList<>();
        List<Object> highlight = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (List<Clause> group : parsed.groups()) {
            Clause first = group.get(0);
            if (first.negated()) {
                excluded.add(clause(first, languages));
                continue;
            }
            if (isFilter(first.kind()) && group.size() == 1) {
                filters.add(clause(first, languages));
                continue;
            }
            List<Object> any = new ArrayList<>();
            for (Clause c : group) {
                any.add(clause(c, languages));
                if (c.isText() || c.kind() == Kind.TITLE) {
                    highlight.add(clause(c, languages));
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
    static Optional<Map<String, Object>> proximity(Built built, List<String> languages) {
        if (built.words().size() < 2) {
            return Optional.empty();
        }
        String words = String.join(" ", built.words());
        return Optional.of(inEach(languages, l -> Map.of("match_phrase", Map.of(PostSchema.inLanguage(
                PostSchema.BODY, l), Map.of("query", words, "slop", 3)))));
    }

    /**
     * {@code make} of English and of each of {@code languages}, the best of them counting; with English alone,
     * {@code make} of English itself, so that English posts are matched and scored as they always were.
     */
    private static Map<String, Object> inEach(List<String> languages, Function<String, Map<String, Object>> make) {
        if (languages.isEmpty()) {
            return make.apply(ENGLISH);
        }
        List<Object> each = new ArrayList<>();
        each.add(make.apply(ENGLISH));
        languages.forEach(l -> each.add(make.apply(l)));
        return Map.of("dis_max", Map.of("queries", each));
    }

    /** Title, body and (in English) tags with their weights, in {@code language}'s fields. */
    private static List<String> textFields(String language) {
        if (language.equals(ENGLISH)) {
            return TEXT_FIELDS;
        }
        // Tags stay English (the field a tag filter reads): a language's fields share no analyzer with them.
        return List.of(PostSchema.inLanguage(PostSchema.TITLE, language) + "^" + PostSchema.TITLE_COPIES,
                PostSchema.inLanguage(PostSchema.BODY, language));
    }

    private static String exactTitle(String language) {
        return PostSchema.inLanguage(PostSchema.TITLE, language) + ".exact";
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

    private static Map<String, Object> clause(Clause c, List<String> languages) {
        String t = c.text();
        return switch (c.kind()) {
            case WORD -> inEach(languages, l -> Map.of("combined_fields", Map.of("query", t, "fields", textFields(l),
                    "operator", "and")));
            case PHRASE -> inEach(languages, l -> bool("should", List.of(
                    Map.of("multi_match", Map.of("query", t, "type", "phrase", "fields", textFields(l))),
                    Map.of("match_phrase", Map.of(exactTitle(l), t)))));
            case PREFIX -> inEach(languages, l -> Map.of("multi_match", Map.of("query", t, "type", "phrase_prefix",
                    "fields", List.of(exactTitle(l) + "^" + PostSchema.TITLE_COPIES,
                            PostSchema.inLanguage(PostSchema.BODY, l), PostSchema.TAGS),
                    "max_expansions", PREFIX_EXPANSIONS)));
            case TITLE -> inEach(languages, l -> Map.of("match", Map.of(PostSchema.inLanguage(PostSchema.TITLE, l),
                    Map.of("query", t, "operator", "and"))));
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
