package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.SearchResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spelling help: a respelled query, and its results when the query as typed finds nothing with every word. */
class DidYouMeanTest {
    @TempDir
    static Path dir;
    static Corpus corpus;

    @BeforeAll
    static void open() {
        corpus = Corpus.open(dir);
    }

    @AfterAll
    static void close() {
        corpus.close();
    }

    @Test
    void aMisspelledWordGetsTheRightSpelling() {
        assertThat(corpus.search("lucnee").didYouMean()).contains("lucene");
        assertThat(corpus.search("sourdogh").didYouMean()).contains("sourdough");
        assertThat(corpus.search("garlic breed").didYouMean()).contains("garlic bread");
    }

    @Test
    void aWordUsedOnlyInTitlesIsInTheDictionary() {
        // "Hamlet" and "Orchestration" appear in titles only, never in a post's text.
        SearchResult r = corpus.search("hamlett");
        assertThat(r.didYouMean()).contains("hamlet");
        assertThat(r.corrected()).isTrue();
        assertThat(corpus.keys(r.hits())).containsExactly("hamlet");
        assertThat(corpus.search("orchestraton").didYouMean()).contains("orchestration");
    }

    @Test
    void theUsersCapitalizationIsKept() {
        assertThat(corpus.search("Lucnee").didYouMean()).contains("Lucene");
    }

    @Test
    void whenNothingHasEveryWordAsTypedTheCorrectionsResultsAreShown() {
        // "lucnee" is in no post; "lucene" is in indexing, relevance and tagsonly.
        SearchResult r = corpus.search("lucnee");
        assertThat(r.corrected()).isTrue();
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("indexing", "relevance", "tagsonly");
        assertThat(r.total()).isEqualTo(3);
        assertThat(r.query()).isEqualTo("lucnee");
        assertThat(r.hits().get(0).titleHtml() + r.hits().get(0).snippet()).contains("<mark>Lucene</mark>");
    }

    @Test
    void aCorrectionThatFindsEveryWordReplacesPostsWithOnlySomeOfThem() {
        // As typed, "garlic breed" finds garlic posts (bread1, soup) but none with "breed".
        SearchResult r = corpus.search("garlic breed");
        assertThat(r.corrected()).isTrue();
        assertThat(r.relaxed()).isFalse();
        assertThat(corpus.keys(r.hits()).get(0)).isEqualTo("bread1");
    }

    @Test
    void aSuggestionIsNotForcedWhenTheQueryAsTypedFindsEveryWord() {
        // "kubernets" has the stem of "kubernetes", so it finds both posts as typed: nothing to correct.
        SearchResult typo = corpus.search("kubernets");
        assertThat(typo.corrected()).isFalse();
        assertThat(corpus.keys(typo.hits())).containsExactlyInAnyOrder("kube1", "kube2");
        // A plural the posts never use has a stem they do use: found as typed, nothing to suggest.
        SearchResult plural = corpus.search("Kubernetes clusters");
        assertThat(plural.didYouMean()).isEmpty();
        assertThat(plural.corrected()).isFalse();
    }

    @Test
    void alternativesAreRespelledButNotCorrected() {
        // garlic OR breed: garlic posts match, and an alternative does not need every word.
        SearchResult r = corpus.search("garlic OR breed");
        assertThat(r.didYouMean()).contains("garlic OR bread");
        assertThat(r.corrected()).isFalse();
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("bread1", "soup");
    }

    @Test
    void aCorrectlySpelledQueryGetsNoSuggestion() {
        for (String q : new String[] {"lucene", "garlic bread", "open source", "\"open source\"", "monad",
                "zookeeper", "tag:bread", "nothing"}) {
            SearchResult r = corpus.search(q);
            assertThat(r.didYouMean()).as(q).isEmpty();
            assertThat(r.corrected()).as(q).isFalse();
        }
    }

    @Test
    void filtersAndExclusionsAreKeptButNotRespelled() {
        SearchResult r = corpus.search("lucnee -facets tag:java");
        assertThat(r.didYouMean()).contains("lucene -facets tag:java");
        assertThat(r.corrected()).isTrue();
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("indexing", "relevance");
    }

    @Test
    void wordsWithNothingCloseGetNoSuggestion() {
        SearchResult r = corpus.search("xylophone");
        assertThat(r.total()).isZero();
        assertThat(r.didYouMean()).isEmpty();
        assertThat(r.corrected()).isFalse();
    }
}
