package blogsearch.opensearch;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult.FacetValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Facets as aggregations, with the embedded engine's semantics: the request's selections narrow the hits
 * through a post filter, and each dimension is counted under every selection but its own (a selected value
 * counts as if nothing of its dimension were selected; dimensions AND). Values are counted by key, so that
 * "Java" and "java" are one value, shown in its most common spelling; selected values are always shown.
 */
final class Facets {
    private Facets() {}

    /** The request's selections, all of them: what the hits are narrowed to after counting. */
    static Optional<Map<String, Object>> selected(SearchRequest request) {
        List<Object> all = filters(request, null);
        return all.isEmpty() ? Optional.empty() : Optional.of(QueryDsl.bool("filter", all));
    }

    /** Per dimension: its values counted under the other dimensions' selections, and its selected values. */
    static Map<String, Object> aggregations(SearchRequest request) {
        Map<String, Object> aggs = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            Map<String, Object> inner = new LinkedHashMap<>(terms(d, d.shown()));
            if (!request.filter(d).isEmpty()) {
                inner.put("selected", Map.of("terms", Map.of("field", Mapping.keyField(d),
                        "include", request.filter(d).stream().map(d::key).toList(), "size",
                        SearchRequest.MAX_FILTER_VALUES)));
            }
            List<Object> others = filters(request, d);
            aggs.put(d.label(), Map.of("filter", others.isEmpty() ? Map.of("match_all", Map.of())
                    : QueryDsl.bool("filter", others), "aggs", inner));
        }
        return aggs;
    }

    /**
     * The aggregation of {@code d}'s values as written, the {@code n} most frequent (years: the newest); case
     * variants may rank apart, so three times as many are fetched and merged by key here, as the embedded
     * engine merges them.
     */
    static Map<String, Object> terms(Dimension d, int n) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("field", Mapping.facetField(d));
        terms.put("size", d.caseFolded() ? 3 * n : n);
        if (d.listedByValue()) {
            terms.put("order", Map.of("_key", "desc"));
        } else {
            terms.put("order", List.of(Map.of("_count", "desc"), Map.of("_key", "asc")));
        }
        return Map.of(d.label(), Map.of("terms", terms));
    }

    private static List<Object> filters(SearchRequest request, Dimension except) {
        List<Object> out = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            if (d != except && !request.filter(d).isEmpty()) {
                out.add(QueryDsl.facetFilter(d, request.filter(d)));
            }
        }
        return out;
    }

    /** The facets of a search answer, by label. */
    static Map<String, List<FacetValue>> values(JsonNode aggregations, SearchRequest request) {
        Map<String, List<FacetValue>> out = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            JsonNode agg = aggregations.path(d.label());
            out.put(d.label(), values(d, agg.path(d.label()), agg.path("selected"), request.filter(d)));
        }
        return out;
    }

    /** The values of a terms aggregation of {@code d}, at most {@code n}. */
    static List<FacetValue> values(Dimension d, JsonNode terms, List<String> selected, int n) {
        return values(d, terms, null, selected, n);
    }

    private static List<FacetValue> values(Dimension d, JsonNode terms, JsonNode chosen, List<String> selected) {
        return values(d, terms, chosen, selected, d.shown());
    }

    /** Spellings merged by key (the most common one shown), sorted as the embedded engine sorts, selected added. */
    private static List<FacetValue> values(Dimension d, JsonNode terms, JsonNode chosen, List<String> selected,
            int n) {
        List<String> keys = selected.stream().map(d::key).toList();
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (JsonNode b : terms.path("buckets")) {
            String label = b.path("key_as_string").asText(b.path("key").asText());
            String key = d.key(label);
            labels.putIfAbsent(key, label); // buckets come most frequent first
            totals.computeIfAbsent(key, k -> new long[1])[0] += b.path("doc_count").asLong();
        }
        List<FacetValue> all = new ArrayList<>();
        totals.forEach((key, t) -> all.add(new FacetValue(labels.get(key), t[0], keys.contains(key))));
        all.sort(d.listedByValue() ? (a, b) -> b.value().compareTo(a.value())
                : (a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
                        : a.value().compareTo(b.value()));
        List<FacetValue> out = new ArrayList<>(all.subList(0, Math.min(n, all.size())));
        for (String key : keys) {
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (d.key(out.get(i).value()).equals(key)) {
                    at = i;
                }
            }
            long count = 0;
            for (JsonNode b : chosen == null ? terms.path("none") : chosen.path("buckets")) {
                if (b.path("key").asText().equals(key)) {
                    count = b.path("doc_count").asLong();
                }
            }
            String typed = selected.stream().filter(v -> d.key(v).equals(key)).findFirst().orElse(key);
            FacetValue v = new FacetValue(labels.getOrDefault(key, typed), count, true);
            if (at >= 0) {
                out.set(at, v);
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
