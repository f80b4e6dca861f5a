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
        assertThat(corpus.search("garlic braed").didYouMean()).contains("garlic bread");
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
        // As typed, "garlic braed" finds garlic posts (bread1, soup) but none with "braed".
        SearchResult r = corpus.search("garlic braed");
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
        // garlic OR braed: garlic posts match, and an alternative does not need every word.
        SearchResult r = corpus.search("garlic OR braed");
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

    @Test
    void aWordFoundInAnyFieldIsNeverRespelled() {
        // "theatre" is only a tag, "kubernets" the stem of a title's word: both find posts as typed.
        for (String q : new String[] {"theatre", "kubernets", "theatre hamlet"}) {
            SearchResult r = corpus.search(q);
            assertThat(r.total()).as(q).isPositive();
            assertThat(r.didYouMean()).as(q).isEmpty();
            assertThat(r.corrected()).as(q).isFalse();
        }
        // A name the index has (an author's, a feed's) is a word, not a typo, even where plain words do not look.
        for (String q : new String[] {"shakespeare", "classics"}) {
            assertThat(corpus.search(q).didYouMean()).as(q).isEmpty();
        }
    }

    @Test
    void aWordUsedOnlyInTagsIsInTheDictionary() {
        SearchResult r = corpus.search("philosofy");
        assertThat(r.didYouMean()).contains("philosophy");
        assertThat(r.corrected()).isTrue();
        assertThat(corpus.keys(r.hits())).containsExactly("being");
        assertThat(corpus.search("theater").didYouMean()).contains("theatre");
    }

    @Test
    void aShortWordIsRespelledOnlyAcrossASlipOfTheFinger() {
        // One key beside the right one, a swap, a dropped or an extra letter: respelled.
        assertThat(corpus.search("soip").didYouMean()).contains("soup");
        assertThat(corpus.search("suop").didYouMean()).contains("soup");
        assertThat(corpus.search("sop").didYouMean()).contains("soup");
        assertThat(corpus.search("pastaa").didYouMean()).contains("pasta");
        assertThat(corpus.search("lazt").didYouMean()).contains("lazy");
        // A real word a key or two away from a word the posts use is left alone: "soap" is not "soup",
        // "brood" (two edits) is not "bread", and "classy" (two edits, six letters) is not "classes".
        for (String q : new String[] {"soap", "brood", "classy"}) {
            SearchResult r = corpus.search(q);
            assertThat(r.didYouMean()).as(q).isEmpty();
            assertThat(r.corrected()).as(q).isFalse();
        }
    }

    @Test
    void aRareWordThePostsUseIsNotRespelledTowardsACommonOne() {
        // "briefly" is in one post only, "zookeeper" in three; the rare word is still what was asked for.
        SearchResult r = corpus.search("briefly");
        assertThat(r.didYouMean()).isEmpty();
        assertThat(corpus.keys(r.hits())).containsExactly("zoo2");
    }
}
