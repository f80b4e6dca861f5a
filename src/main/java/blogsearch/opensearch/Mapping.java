package blogsearch.opensearch;

import blogsearch.engine.Dimension;
import blogsearch.index.PostSchema;
import blogsearch.index.PostSchema.FieldSpec;
import blogsearch.post.Post;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenSearch index of posts, made from the schema's own description ({@link PostSchema#fields()} and
 * {@link Dimension}): analysis settings that do what the embedded analyzers do, the mapping, and documents.
 * Each dimension has two keyword fields: its values as written ({@code facets.tag}, counted) and as keys
 * ({@code keys.tag}, filtered on).
 */
final class Mapping {
    static final String ENGLISH = "blogsearch_english";
    static final String EXACT = "blogsearch_exact";
    /** The document that carries a version of the mapping, for a later incompatible change to notice. */
    static final String META_SCHEMA = "blogsearch_schema";

    private Mapping() {}

    static String facetField(Dimension d) {
        return "facets." + d.label();
    }

    static String keyField(Dimension d) {
        return "keys." + d.label();
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
                EXACT, Map.of("type", "custom", "tokenizer", "standard", "filter", List.of("lowercase", "asciifolding")));
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
        return Map.of("dynamic", "strict", "_meta", Map.of(META_SCHEMA, PostSchema.VERSION),
                "properties", properties);
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
