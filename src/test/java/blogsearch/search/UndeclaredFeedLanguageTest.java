package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An English feed that declares no language, through the indexer: its posts are English, the shortest too. */
class UndeclaredFeedLanguageTest {
    @RegisterExtension
    static final FixtureIndex FIXTURE = new FixtureIndex("/search/undeclared.atom", 10);

    @Test
    void aPostTooShortToTellIsIndexedInTheLanguageOfTheFeedsOtherPosts() {
        SearchResult all = FIXTURE.service().search(SearchRequest.of(""));
        assertThat(all.facets().get("language")).containsExactly(new FacetValue("en", 10, false));
        SearchResult english = FIXTURE.service().search(SearchRequest.of("zeppelin")
                .withFilter(Dimension.LANGUAGE, List.of("en")));
        assertThat(english.hits()).extracting(SearchResult.Hit::title).containsExactly("Zeppelins over Lisbon");
    }
}
