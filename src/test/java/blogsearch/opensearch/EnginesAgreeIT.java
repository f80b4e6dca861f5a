package blogsearch.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.OpenSearchCluster;
import blogsearch.engine.Dates;
import blogsearch.engine.Dimension;
import blogsearch.engine.Engine;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.SearchResult.Hit;
import blogsearch.ingest.Indexer;
import blogsearch.search.LuceneEngine;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same posts in both engines (the bundled sample blog and the feed fixtures of every format and quirk,
 * read through the same indexing run) answer the same requests alike: the same totals and facet counts, and
 * the same top ten where ranking has no ties to break differently.
 */
@ExtendWith(OpenSearchCluster.class)
class EnginesAgreeIT {
    static final List<String> SOURCES = List.of("index-data/feeds", "src/test/resources/feeds/formats",
            "src/test/resources/feeds/quirks", "src/test/resources/feeds/hostile",
            "src/test/resources/search/languages.atom");
    /** Requests whose answers must agree, text and filters. */
    static final List<SearchRequest> REQUESTS = List.of(
            SearchRequest.of(""),
            SearchRequest.of("openstack"),
            SearchRequest.of("nova"),
            SearchRequest.of("openstack summit"),
            SearchRequest.of("\"build a wall\""),
            SearchRequest.of("openstack -nova"),
            SearchRequest.of("nova OR tokyo"),
            SearchRequest.of("tag:openstack"),
            SearchRequest.of("open source developer"),
            SearchRequest.of("item"),
            SearchRequest.of("").withFilter(Dimension.TAG, List.of("openstack")),
            SearchRequest.of("openstack").withFilter(Dimension.TAG, List.of("summit", "cloud")),
            SearchRequest.of("").withFilter(Dimension.TAG, List.of("OpenStack")).withFilter(Dimension.YEAR,
                    List.of("2016")),
            SearchRequest.of("openstack").withDates(Optional.of(Dates.startOrThrow("since", "2015")),
                    Optional.of(Dates.endOrThrow("until", "2016"))),
            SearchRequest.of("").withSort(SearchRequest.Sort.NEWEST).withPage(2, 5),
            SearchRequest.of("").withFilter(Dimension.LANGUAGE, List.of("de")),
            SearchRequest.of("").withFilter(Dimension.LANGUAGE, List.of("EN", "fr")).withFilter(Dimension.TAG,
                    List.of("openstack")));

    @TempDir
    static Path folder;
    static Engine lucene;
    static OpenSearchEngine opensearch;

    @BeforeAll
    static void indexBoth() {
        lucene = LuceneEngine.open(folder.resolve("index"));
        opensearch = OpenSearchEngine.open(OpenSearchEngine.Options.of(OpenSearchCluster.shared().url(), "agree",
                3, 1));
        for (Engine e : List.of(lucene, opensearch)) {
            new Indexer(e, Indexer.Options.defaults(), Indexer.Listener.NONE).run(SOURCES);
            e.refresh();
        }
    }

    @AfterAll
    static void close() {
        if (lucene != null) {
            lucene.close();
        }
    }

    @Test
    void bothEnginesHoldTheSamePosts() {
        assertThat(opensearch.stats().posts()).isEqualTo(lucene.stats().posts()).isGreaterThan(20);
        assertThat(opensearch.stats().feeds()).isEqualTo(lucene.stats().feeds());
        assertThat(opensearch.stats().oldest()).isEqualTo(lucene.stats().oldest());
        assertThat(opensearch.stats().newest()).isEqualTo(lucene.stats().newest());
        assertThat(opensearch.tags(10)).isEqualTo(lucene.tags(10));
        assertThat(opensearch.stats().languages()).isEqualTo(lucene.stats().languages()).hasSizeGreaterThan(4);
    }

    @Test
    void totalsAndFacetCountsAgreeForEveryRequest() {
        for (SearchRequest r : REQUESTS) {
            SearchResult a = lucene.search(r);
            SearchResult b = opensearch.search(r);
            assertThat(b.total()).as("total of %s", r).isEqualTo(a.total());
            for (Dimension d : Dimension.values()) {
                assertThat(counts(b.facet(d))).as("%s facet of %s", d.label(), r).isEqualTo(counts(a.facet(d)));
            }
        }
    }

    @Test
    void topTenOverlapsForEveryRequest() {
        StringBuilder report = new StringBuilder();
        int shared = 0;
        int shown = 0;
        for (SearchRequest r : REQUESTS) {
            Set<String> a = ids(lucene.search(r).hits());
            Set<String> b = ids(opensearch.search(r).hits());
            Set<String> both = new HashSet<>(a);
            both.retainAll(b);
            shared += both.size();
            shown += a.size();
            report.append(String.format("%-40s %d/%d%n", "'" + r.query() + "' " + r.filters(), both.size(), a.size()));
            assertThat(b).as("top of %s", r).hasSize(a.size());
            if (r.query().isBlank()) {
                assertThat(b).as("newest of %s", r).isEqualTo(a); // dates, not scores, order these
            }
        }
        System.out.print("Top-10 overlap, OpenSearch beside the embedded engine:\n" + report);
        // Where scores tie or differ slightly, the two rankings may order the same posts differently.
        assertThat(shared).as("top hits shared of %d:%n%s", shown, report).isGreaterThanOrEqualTo(shown * 8 / 10);
    }

    @Test
    void titlesAndSnippetsAreMarkedAndEscaped() {
        SearchResult r = opensearch.search(SearchRequest.of("wall"));
        assertThat(r.hits()).isNotEmpty();
        assertThat(r.hits().get(0).titleHtml()).contains("<mark>").doesNotContain("<script");
        SearchResult markup = opensearch.search(SearchRequest.of("script"));
        for (Hit h : markup.hits()) {
            assertThat(h.snippet().replace("<mark>", "").replace("</mark>", "")).doesNotContain("<");
            assertThat(h.titleHtml().replace("<mark>", "").replace("</mark>", "")).doesNotContain("<");
        }
    }

    @Test
    void relatedSuggestionsAndDidYouMeanWork() {
        String id = opensearch.search(SearchRequest.of("wall")).hits().get(0).id();
        assertThat(opensearch.related(id, 3)).get().satisfies(rel -> {
            assertThat(rel.posts()).isNotEmpty();
            assertThat(rel.posts()).noneMatch(p -> p.id().equals(id));
        });
        assertThat(opensearch.suggest("open", 5)).isNotEmpty();
        assertThat(opensearch.search(SearchRequest.of("opnestack")).didYouMean()).contains("openstack");
        assertThat(opensearch.post(id)).get().extracting(p -> p.id()).isEqualTo(id);
        assertThat(opensearch.highlighted(id, "wall")).get().satisfies(h ->
                assertThat(h.bodyHtml()).contains("<mark>"));
    }

    private static Map<String, Long> counts(List<FacetValue> values) {
        Map<String, Long> out = new LinkedHashMap<>();
        values.forEach(v -> out.put(v.value().toLowerCase() + (v.selected() ? " (selected)" : ""), v.count()));
        return out;
    }

    private static Set<String> ids(List<Hit> hits) {
        return hits.stream().map(Hit::id).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
