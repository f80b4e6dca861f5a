package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.index.PostSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The filters and facets of one search. A request narrows the matches by facet values and dates; each facet
 * is then counted over the matches, except that a facet with selected values is counted as if none were
 * selected ("drill sideways"), so that its other values stay in view. When only one dimension is narrowed,
 * that is done in the search's own pass (see {@link FacetCounter#sideways}); otherwise each selected facet
 * costs one more counting search. {@link FacetCounter} does the counting.
 */
final class Facets {
    private final Generation g;
    private final SearchRequest request;
    /** The one dimension counted sideways in the search's own pass, or null. */
    private final Dimension sideways;

    Facets(Generation g, SearchRequest request) {
        this.g = g;
        this.request = request;
        this.sideways = sideways(g, request);
    }

    /** {@code query} narrowed by every filter of the request: what the search finds. */
    Query filtered(Query query) {
        return filtered(query, null);
    }

    /** Whether the request narrows the search by a facet or by date. */
    boolean narrows() {
        return request.since().isPresent() || request.until().isPresent()
                || Arrays.stream(Dimension.values()).anyMatch(dim -> !request.filter(dim).isEmpty());
    }

    /** What the counting pass searches: {@code query} narrowed by every filter but the one counted sideways. */
    Query counted(Query query) {
        return filtered(query, sideways);
    }

    /** Counts the matches of {@link #counted}: every facet, and how many posts the search finds. */
    CollectorManager<Collector, FacetCounts> counter() {
        return sideways == null ? g.counter.manager() : g.counter.sideways(sideways, request.filter(sideways));
    }

    /** {@code ranking}, shown only what the search finds when the pass it shares counts wider. */
    <T> CollectorManager<? extends Collector, T> ranked(CollectorManager<? extends Collector, T> ranking) {
        return sideways == null ? ranking : g.counter.selectedOnly(ranking, sideways, request.filter(sideways));
    }

    /**
     * The values each facet shows, by dimension label: from {@code counts}, or for a dimension with selections
     * (other than the one counted sideways) from a search of {@code query} without them.
     */
    Map<String, List<FacetValue>> values(IndexSearcher s, Query query, FacetCounts counts)
            throws IOException {
        Map<String, List<FacetValue>> out = new LinkedHashMap<>();
        for (Dimension dim : Dimension.values()) {
            List<String> selected = request.filter(dim);
            if (g.facets == null) {
                out.put(dim.label(), List.of());
                continue;
            }
            FacetCounts counted = counts;
            if (!selected.isEmpty() && dim != sideways) {
                counted = s.search(filtered(query, dim), g.counter.manager());
            }
            out.put(dim.label(), counted.values(dim, dim.shown(), selected));
        }
        return out;
    }

    /** The query narrowed by the request's facet selections and dates, leaving out {@code except}. */
    private Query filtered(Query query, Dimension except) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, Occur.MUST);
        for (Dimension dim : Dimension.values()) {
            if (dim != except && !request.filter(dim).isEmpty()) {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                for (String v : request.filter(dim)) {
                    any.add(new TermQuery(PostSchema.filterTerm(dim, v)), Occur.SHOULD);
                }
                b.add(any.build(), Occur.FILTER);
            }
        }
        if (request.since().isPresent() || request.until().isPresent()) {
            long from = request.since().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
            long to = request.until().map(i -> i.toEpochMilli() - 1).orElse(Long.MAX_VALUE);
            b.add(LongPoint.newRangeQuery(PostSchema.PUBLISHED, from, to), Occur.FILTER);
        }
        return b.build();
    }

    /**
     * The one dimension the request narrows by, if its values can be counted in the search's own pass;
     * null if none or several. Carriers of a selection are found by key, so only case-folded dimensions.
     */
    private static Dimension sideways(Generation g, SearchRequest r) {
        Dimension only = null;
        for (Dimension dim : Dimension.values()) {
            if (!r.filter(dim).isEmpty()) {
                if (only != null) {
                    return null;
                }
                only = dim;
            }
        }
        return g.facets == null || only == null || !only.caseFolded() ? null : only;
    }
}
