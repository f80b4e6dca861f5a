package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Posts in eight languages, from one feed through the indexer: each in the language its text is in. */
class LanguagesTest {
    @RegisterExtension
    static final FixtureIndex FIXTURE = new FixtureIndex("/search/languages.atom", 8);

    @Test
    void everyPostIsCountedUnderTheLanguageOfItsTextDeclaredOrNot() {
        SearchResult all = FIXTURE.service().search(SearchRequest.of(""));
        assertThat(all.facets().get("language")).containsExactlyInAnyOrder(new FacetValue("de", 2, false),
                new FacetValue("fr", 1, false), new FacetValue("es", 1, false), new FacetValue("ru", 1, false),
                new FacetValue("zh", 1, false), new FacetValue("ja", 1, false), new FacetValue("en", 1, false));
        assertThat(FIXTURE.service().stats().languages()).startsWith(new FacetValue("de", 2, false)).hasSize(7);
    }

    @Test
    void theLanguageFilterKeepsOnlyPostsInThatLanguageWhateverItsCase() {
        SearchResult german = FIXTURE.service().search(SearchRequest.of("").withFilter(Dimension.LANGUAGE,
                List.of("DE")));
        assertThat(german.hits()).extracting(SearchResult.Hit::title)
                .containsExactlyInAnyOrder("Die alten Häuser am Fluss", "Ein Abend mit den Kindern");
        assertThat(german.facets().get("language")).contains(new FacetValue("de", 2, true));
        SearchResult asian = FIXTURE.service().search(SearchRequest.of("").withFilter(Dimension.LANGUAGE,
                List.of("zh", "ja")));
        assertThat(asian.total()).isEqualTo(2);
    }

    @Test
    void aLanguageFilterThatIsNoLanguageCodeIsRefusedNamingIt() {
        assertThatThrownBy(() -> SearchRequest.of("").withFilter(Dimension.LANGUAGE, List.of("German")))
                .isInstanceOf(BadRequest.class).hasMessageContaining("'German'");
    }
}
