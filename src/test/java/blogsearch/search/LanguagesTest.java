package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posts in eight languages, from one feed through the indexer: each in the language its text is in. */
class LanguagesTest {
    @TempDir
    static Path dir;
    static PostIndex index;
    static SearchService service;

    @BeforeAll
    static void indexFeed() throws IOException {
        Path feed = dir.resolve("places.atom");
        try (InputStream in = LanguagesTest.class.getResourceAsStream("/search/languages.atom")) {
            Files.copy(in, feed);
        }
        index = PostIndex.open(dir.resolve("index"));
        Summary summary = new Indexer(new LuceneEngine(index), Indexer.Options.defaults().withOffline(true),
                Indexer.Listener.NONE).run(List.of(feed.toString()));
        assertThat(summary.added()).as("%s", summary).isEqualTo(8);
        index.refresh();
        service = new SearchService(index);
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @Test
    void everyPostIsCountedUnderTheLanguageOfItsTextDeclaredOrNot() {
        SearchResult all = service.search(SearchRequest.of(""));
        assertThat(all.facets().get("language")).containsExactlyInAnyOrder(new FacetValue("de", 2, false),
                new FacetValue("fr", 1, false), new FacetValue("es", 1, false), new FacetValue("ru", 1, false),
                new FacetValue("zh", 1, false), new FacetValue("ja", 1, false), new FacetValue("en", 1, false));
        assertThat(service.stats().languages()).startsWith(new FacetValue("de", 2, false)).hasSize(7);
    }

    @Test
    void theLanguageFilterKeepsOnlyPostsInThatLanguageWhateverItsCase() {
        SearchResult german = service.search(SearchRequest.of("").withFilter(Dimension.LANGUAGE, List.of("DE")));
        assertThat(german.hits()).extracting(SearchResult.Hit::title)
                .containsExactlyInAnyOrder("Die alten Häuser am Fluss", "Ein Abend mit den Kindern");
        assertThat(german.facets().get("language")).contains(new FacetValue("de", 2, true));
        SearchResult asian = service.search(SearchRequest.of("").withFilter(Dimension.LANGUAGE, List.of("zh", "ja")));
        assertThat(asian.total()).isEqualTo(2);
    }

    @Test
    void aLanguageFilterThatIsNoLanguageCodeIsRefusedNamingIt() {
        assertThatThrownBy(() -> SearchRequest.of("").withFilter(Dimension.LANGUAGE, List.of("German")))
                .isInstanceOf(BadRequest.class).hasMessageContaining("'German'");
    }
}
