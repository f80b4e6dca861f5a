package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Related;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.Stats;
import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posts that came the real way, from a feed file through the indexer, are searchable like the corpus. */
class FeedIndexingTest {
    @TempDir
    Path dir;

    private PostIndex indexFeed() throws IOException {
        Path feed = dir.resolve("kitchen.xml");
        try (InputStream in = FeedIndexingTest.class.getResourceAsStream("/search/kitchen.xml")) {
            Files.copy(in, feed);
        }
        PostIndex index = PostIndex.open(dir.resolve("index"));
        Summary summary = new Indexer(new LuceneEngine(index), Indexer.Options.defaults().withOffline(true),
                Indexer.Listener.NONE).run(List.of(feed.toString()));
        assertThat(summary.ok()).as("%s", summary).isTrue();
        assertThat(summary.added()).isEqualTo(3);
        index.refresh();
        return index;
    }

    @Test
    void postsFromAFeedFileAreSearchedHighlightedAndCounted() throws IOException {
        try (PostIndex index = indexFeed()) {
            SearchService service = new SearchService(index);
            SearchResult r = service.search(SearchRequest.of("caraway"));
            assertThat(r.total()).isEqualTo(2);
            assertThat(r.hits()).extracting(SearchResult.Hit::title)
                    .containsExactlyInAnyOrder("Rye & caraway loaf", "Caraway in soups");
            for (SearchResult.Hit h : r.hits()) {
                HighlightingTest.assertOnlyMarkTags(h.titleHtml());
                HighlightingTest.assertOnlyMarkTags(h.snippet());
                assertThat(h.titleHtml() + h.snippet()).contains("<mark>").doesNotContain("alert");
            }
            // "Baking" and "baking" are one tag; the undated post has no year.
            SearchResult all = service.search(SearchRequest.of(""));
            assertThat(all.total()).isEqualTo(3);
            assertThat(all.facets().get("tag")).startsWith(new FacetValue("Baking", 2, false));
            assertThat(all.facets().get("author")).containsExactly(new FacetValue("Ann Baker", 2, false));
            assertThat(all.facets().get("feed")).containsExactly(new FacetValue("Test Kitchen", 3, false));
            assertThat(all.facets().get("year")).containsExactly(new FacetValue("2017", 1, false),
                    new FacetValue("2016", 1, false));
            assertThat(service.search(SearchRequest.of("knives before:3000")).total()).isZero();
            assertThat(service.search(SearchRequest.of("knives")).total()).isEqualTo(1);
        }
    }

    @Test
    void aFeedPostIsFoundByItsLinkAndHasRelatedPosts() throws IOException {
        try (PostIndex index = indexFeed()) {
            SearchService service = new SearchService(index);
            assertThat(service.post("https://kitchen.example/2017/caraway-soup/")).get()
                    .extracting(p -> p.title()).isEqualTo("Caraway in soups");
            Related related = service.related("https://kitchen.example/2016/rye-loaf", 5).orElseThrow();
            assertThat(related.posts()).extracting(Related.RelatedPost::title).containsExactly("Caraway in soups");
            assertThat(related.posts().get(0).terms()).contains("caraway");
            Stats stats = service.stats();
            assertThat(stats.posts()).isEqualTo(3);
            assertThat(stats.feeds()).isEqualTo(1);
            assertThat(stats.oldest()).contains(Instant.parse("2016-03-15T08:00:00Z"));
            assertThat(stats.newest()).contains(Instant.parse("2017-02-10T08:00:00Z"));
        }
    }
}
