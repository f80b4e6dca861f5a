package blogsearch.opensearch;

import blogsearch.engine.Dimension;
import blogsearch.index.PostSchema;
import blogsearch.index.PostSchema.FieldSpec;
import blogsearch.post.Post;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenSearch index of posts, made from the schema's own description ({@link PostSchema#fields()} and
 * {@link Dimension}): analysis settings that do what the embedded analyzers do, the mapping, and documents.
 * Each dimension has two keyword fields: its values as written ({@code facets.tag}, counted) and as keys
 * ({@code keys.tag}, filtered on).
 *
 * <p>A post in another language has its title and body in fields of that language ({@code body@de}, see
 * {@link PostSchema#inLanguage}), analyzed by OpenSearch's analyzer of the language where the embedded engine
 * stems it and the node has one, by CJK bigrams (Thai: the JDK's Thai word breaks) where the embedded engine
 * segments with ICU, which the node lacks, and as lower-cased words otherwise.
 */
final class Mapping {
    static final String ENGLISH = "blogsearch_english";
    static final String EXACT = "blogsearch_exact";
    static final String PLAIN = "blogsearch_plain";
    /** OpenSearch's names of its language analyzers where the language's English name is not it. */
    private static final Map<String, String> BUILT_IN_NAMES = Map.of("bn", "bengali", "ckb", "sorani", "th", "thai");
    /** Languages the embedded engine stems that the node's analysis-common module has no analyzer for. */
    private static final Set<String> NOT_BUILT_IN = Set.of("ne", "sr", "ta", "te");
    /** The mapping's entry that carries its {@link #LAYOUT}, for a later incompatible change to notice. */
    static final String META_SCHEMA = "blogsearch_schema";
    /**
     * The schema's version and the cluster's own layout of it, which changes without the embedded index's: "/2" put
     * the posts of other languages in fields of their own, which an older mapping refuses.
     */
    static final String LAYOUT = PostSchema.VERSION + "/2";

    private Mapping() {}

    static String facetField(Dimension d) {
        return "facets." + d.label();
    }

    static String keyField(Dimension d) {
        return "keys." + d.label();
    }

    /**
     * The analyzer of posts in {@code code} (a language code other than English): OpenSearch's own for a
     * language the embedded engine stems ("german"), cjk or thai for one it segments, else {@link #PLAIN}.
     */
    static String analyzer(String code) {
        if (BUILT_IN_NAMES.containsKey(code)) {
            return BUILT_IN_NAMES.get(code);
        }
        if (PostSchema.segmentedLanguages().contains(code)) {
            return "cjk";
        }
        if (PostSchema.stemmedLanguages().contains(code) && !NOT_BUILT_IN.contains(code)) {
            return Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
        }
        return PLAIN;
    }

    /** The body of a create-index request: settings (shards, replicas, analysis) and mappings. */
    static Map<String, Object> index(int shards, int replicas) {
        return Map.of("settings", Map.of(
                        "number_of_shards", shards,
                        "number_of_replicas", replicas,
                        "analysis", analysis()),
                "mappings", mappings());
    }

    /** {@link PostSchema#ENGLISH_STEPS} and {@link PostSchema#EXACT_STEPS} in OpenSearch's terms. */
    private static Map<String, Object> analysis() {
        Map<String, Object> filters = Map.of(
                "blogsearch_possessive", Map.of("type", "stemmer", "language", "possessive_english"),
                "blogsearch_stop", Map.of("type", "stop", "stopwords", "_english_"));
        Map<String, Object> analyzers = Map.of(
                ENGLISH, Map.of("type", "custom", "tokenizer", "standard", "filter",
                        List.of("blogsearch_possessive", "lowercase", "asciifolding", "blogsearch_stop", "porter_stem")),
                EXACT, Map.of("type", "custom", "tokenizer", "standard", "filter", List.of("lowercase", "asciifolding")),
                PLAIN, Map.of("type", "custom", "tokenizer", "standard", "filter", List.of("lowercase")));
        return Map.of("filter", filters, "analyzer", analyzers);
    }

    private static Map<String, Object> mappings() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (FieldSpec f : PostSchema.fields()) {
            properties.put(f.name(), field(f));
        }
        Map<String, Object> facets = new LinkedHashMap<>();
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            facets.put(d.label(), Map.of("type", "keyword"));
            keys.put(d.label(), Map.of("type", "keyword"));
        }
        properties.put("facets", Map.of("properties", facets));
        properties.put("keys", Map.of("properties", keys));
        // Only a language's title and body fields may appear beside the properties (strict for anything else).
        return Map.of("dynamic", "strict_allow_templates", "dynamic_templates", languageTemplates(),
                "_meta", Map.of(META_SCHEMA, LAYOUT), "properties", properties);
    }

    /**
     * The title and body fields of each language the embedded engine analyzes its own way ("title@de"), then of
     * any other language code, as lower-cased words; each made from the English field's description.
     */
    private static List<Object> languageTemplates() {
        Set<String> codes = new TreeSet<>(PostSchema.stemmedLanguages());
        codes.addAll(PostSchema.segmentedLanguages());
        List<Object> templates = new ArrayList<>();
        for (String code : codes) {
            String analyzer = analyzer(code);
            if (!analyzer.equals(PLAIN)) {
                for (String field : List.of(PostSchema.TITLE, PostSchema.BODY)) {
                    String name = PostSchema.inLanguage(field, code);
                    templates.add(Map.of(name, Map.of("match", name, "mapping", languageField(field, analyzer))));
                }
            }
        }
        for (String field : List.of(PostSchema.TITLE, PostSchema.BODY)) {
            String pattern = PostSchema.inLanguage(field, "xx").replace("xx", "[a-z]{2,3}");
            templates.add(Map.of(field + "_other", Map.of("match_pattern", "regex", "match", pattern,
                    "mapping", languageField(field, PLAIN))));
        }
        return templates;
    }

    /** The English {@code field}'s mapping, analyzed by {@code analyzer}. */
    private static Map<String, Object> languageField(String field, String analyzer) {
        FieldSpec english = PostSchema.fields().stream().filter(f -> f.name().equals(field)).findFirst().orElseThrow();
        Map<String, Object> m = field(english);
        m.put("analyzer", analyzer);
        return m;
    }

    private static Map<String, Object> field(FieldSpec f) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (f.kind()) {
            case KEYWORD -> m.put("type", "keyword");
            case ENGLISH, EXACT -> {
                m.put("type", "text");
                m.put("analyzer", f.kind() == PostSchema.Kind.ENGLISH ? ENGLISH : EXACT);
                if (f.highlighted()) {
                    m.put("index_options", "offsets");
                }
                if (f.name().equals(PostSchema.TAGS)) {
                    m.put("position_increment_gap", PostSchema.TAG_POSITION_GAP);
                }
            }
            case DATE -> m.put("type", "date");
            case STORED -> {
                m.put("type", f.name().equals(PostSchema.HASH) || f.name().equals(PostSchema.UPDATED) ? "long" : "keyword");
                m.put("index", false);
                m.put("doc_values", false);
            }
        }
        f.alsoAs().ifPresent(sub -> m.put("fields", Map.of(sub.name(), field(sub))));
        return m;
    }

    /** The document of {@code post}: its fields' values and, per dimension, its values and keys. */
    static Map<String, Object> document(Post post, long hash) {
        Map<String, Object> doc = PostSchema.values(post, hash);
        Map<String, Object> facets = new LinkedHashMap<>();
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            List<String> values = d.of(post);
            facets.put(d.label(), values);
            keys.put(d.label(), values.stream().map(d::key).toList());
        }
        doc.put("facets", facets);
        doc.put("keys", keys);
        return doc;
    }
}
