package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every feature of the search box's query language, with counts read off {@link Corpus}. */
class QueryLanguageTest {
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

    private static List<String> keys(String query) {
        return corpus.keys(query);
    }

    // ---------------------------------------------------------------- words

    @Test
    void aSingleWordFindsEveryPostWithIt() {
        // "garlic": bread1 (title and body), soup (body).
        SearchResult r = corpus.search("garlic");
        assertThat(r.total()).isEqualTo(2);
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("bread1", "soup");
        assertThat(r.relaxed()).isFalse();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void wordsAreMatchedWhateverTheirCase() {
        assertThat(keys("GARLIC")).containsExactlyInAnyOrderElementsOf(keys("garlic"));
    }

    @Test
    void postsWithEveryWordRankBeforePostsWithSomeOfThem() {
        // Both "open" and "source": licenses, review ("source open"), undated ("source is open"); only "open": opendata.
        SearchResult r = corpus.search("open source");
        assertThat(r.total()).isEqualTo(4);
        List<String> keys = corpus.keys(r.hits());
        assertThat(keys.subList(0, 3)).containsExactlyInAnyOrder("licenses", "review", "undated");
        assertThat(keys.get(3)).isEqualTo("opendata");
        assertThat(r.relaxed()).isFalse();
    }

    @Test
    void relaxedIsTrueWhenNoPostHasEveryWord() {
        // "garlic" is in bread1 and soup, "sourdough" only in sourdough: no post has both.
        SearchResult r = corpus.search("garlic sourdough");
        assertThat(r.total()).isEqualTo(3);
        assertThat(r.relaxed()).isTrue();
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("bread1", "soup", "sourdough");
    }

    @Test
    void relaxedLooksOnlyAtPostsWithinTheQuerysOwnFilters() {
        // licenses, review and undated have both words, but the one post tagged "open data" has only "open".
        for (SearchRequest.Sort sort : SearchRequest.Sort.values()) {
            SearchResult r = corpus.search(SearchRequest.of("open source tag:\"open data\"").withSort(sort));
            assertThat(corpus.keys(r.hits())).as(sort.label()).containsExactly("opendata");
            assertThat(r.relaxed()).as(sort.label()).isTrue();
            SearchResult every = corpus.search(SearchRequest.of("open source tag:review").withSort(sort));
            assertThat(corpus.keys(every.hits())).as(sort.label()).containsExactly("review");
            assertThat(every.relaxed()).as(sort.label()).isFalse();
        }
    }

    @Test
    void stemmingFindsOtherFormsOfAWord() {
        // "indexing" and "indexed" share a stem; batch only says "indexed".
        assertThat(keys("indexing")).containsExactlyInAnyOrder("indexing", "batch");
        assertThat(keys("indexes")).containsExactlyInAnyOrder("indexing", "batch");
    }

    @Test
    void splitWordsLikeEmailAreFound() {
        assertThat(keys("e-mail")).containsExactly("email");
        assertThat(keys("\"e-mail\"")).containsExactly("email");
    }

    // ---------------------------------------------------------------- phrases

    @Test
    void aQuotedPhraseMatchesOnlyThatExactSequenceOfWords() {
        // review has "source open" and undated "source is open": only licenses says "open source".
        assertThat(keys("\"open source\"")).containsExactly("licenses");
        assertThat(keys("\"source open\"")).containsExactly("review");
    }

    @Test
    void aQuotedPhraseNeedsItsWordsTogetherAndInOrder() {
        // The body is indexed stemmed only, so a phrase matches any form of its words, but only in order,
        // side by side, with a stop word's gap where the text has one.
        assertThat(keys("\"indexed again\"")).containsExactly("batch");
        assertThat(keys("\"indexing again\"")).containsExactly("batch");
        assertThat(keys("\"again indexed\"")).isEmpty();
        assertThat(keys("\"indexing is fast\"")).containsExactly("indexing");
        assertThat(keys("\"indexing fast\"")).as("the text has a word between them").isEmpty();
    }

    @Test
    void aQueryOfOnlyStopWordsMatchesTitlesAsWrittenAndNeverFails() {
        // Only titles keep stop words (bodies are indexed without them, to halve the cost of indexing).
        assertThat(keys("to be or not to be")).isEmpty();
        assertThat(keys("\"to be or not to be\"")).isEmpty();
        assertThat(corpus.search("to be or not to be").warnings()).isEmpty();
        assertThat(keys("\"and becoming\"")).containsExactly("being");
        assertThat(keys("being and becoming")).first().isEqualTo("being");
    }

    // ---------------------------------------------------------------- exclusion, OR, prefixes

    @Test
    void anExcludedWordRemovesThePostsThatHaveIt() {
        // "search": indexing (tag), relevance (title), facets (body); indexing and relevance mention Lucene.
        assertThat(keys("search -lucene")).containsExactly("facets");
        assertThat(keys("garlic -soup")).containsExactly("bread1");
    }

    @Test
    void anExcludedPhraseRemovesOnlyPostsWithThePhrase() {
        // "open": licenses, opendata, review, undated; only licenses has the phrase "open source".
        assertThat(keys("open -\"open source\"")).containsExactlyInAnyOrder("opendata", "review", "undated");
    }

    @Test
    void aQueryOfOnlyExclusionsFindsEverythingElse() {
        assertThat(corpus.search("-garlic").total()).isEqualTo(Corpus.SIZE - 2);
    }

    @Test
    void orMatchesPostsWithEitherWord() {
        SearchResult r = corpus.search("garlic OR sourdough");
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("bread1", "soup", "sourdough");
        assertThat(r.relaxed()).isFalse();
        assertThat(keys("garlic || sourdough")).containsExactlyInAnyOrder("bread1", "soup", "sourdough");
    }

    @Test
    void orBindsTwoAlternativesThatTheOtherWordsMustJoin() {
        // (garlic OR sourdough) AND starter: only sourdough has "starter".
        SearchResult r = corpus.search("garlic OR sourdough starter");
        assertThat(corpus.keys(r.hits()).get(0)).isEqualTo("sourdough");
    }

    @Test
    void aPrefixMatchesWordsThatStartWithIt() {
        assertThat(keys("garl*")).containsExactlyInAnyOrder("bread1", "soup");
        assertThat(keys("kube*")).containsExactlyInAnyOrder("kube1", "kube2");
        assertThat(keys("zookeep*")).containsExactlyInAnyOrder("zoo1", "zoo2");
    }

    @Test
    void aOneCharacterPrefixIsTreatedAsAWord() {
        // "g*" would match garlic, governments, gpl...; as the word "g" it matches nothing.
        assertThat(corpus.search("g*").total()).isZero();
        assertThat(UserQuery.parse("g*").clauses())
                .containsExactly(new UserQuery.Clause(UserQuery.Kind.WORD, "g", false));
    }

    // ---------------------------------------------------------------- fields

    @Test
    void tagFilterFindsPostsWithThatTagInAnyCase() {
        assertThat(keys("tag:bread")).containsExactlyInAnyOrder("bread1", "sourdough");
        // "Java" on indexing, "java" on relevance and coffee.
        assertThat(keys("tag:java")).containsExactlyInAnyOrder("indexing", "relevance", "coffee");
        assertThat(keys("tag:JAVA")).containsExactlyInAnyOrder("indexing", "relevance", "coffee");
        assertThat(keys("tag:\"open source\"")).containsExactly("licenses");
    }

    @Test
    void authorFilterFindsPostsByThatAuthor() {
        assertThat(keys("author:julia")).containsExactlyInAnyOrder("bread1", "sourdough", "soup", "pasta");
        assertThat(keys("author:\"Julia Child\"")).containsExactlyInAnyOrder("bread1", "sourdough", "soup", "pasta");
        assertThat(keys("garlic author:julia")).containsExactlyInAnyOrder("bread1", "soup");
    }

    @Test
    void feedFilterFindsPostsOfThatFeed() {
        assertThat(corpus.search("feed:classics").total()).isEqualTo(7);
        assertThat(corpus.search("feed:\"cooking corner\"").total()).isEqualTo(4);
    }

    @Test
    void titleMatchesOnlyInTitles() {
        // kube2 has "kubernetes" in its body only.
        assertThat(keys("kubernetes")).containsExactlyInAnyOrder("kube1", "kube2");
        assertThat(keys("title:kubernetes")).containsExactly("kube1");
        assertThat(keys("title:\"open source\"")).containsExactly("licenses");
    }

    @Test
    void aTitlePhraseWithStopWordsMatches() {
        // "Being and becoming": the stop word "and" leaves a gap that the phrase must leave too.
        assertThat(keys("title:\"being and becoming\"")).containsExactly("being");
        assertThat(keys("title:\"Source code review\"")).containsExactly("review");
        assertThat(keys("title:\"being becoming\"")).isEmpty();
    }

    @Test
    void fieldNamesIgnoreCase() {
        assertThat(keys("TAG:bread")).containsExactlyInAnyOrder("bread1", "sourdough");
    }

    @Test
    void anExcludedFilterRemovesItsPosts() {
        assertThat(keys("tag:cooking -tag:bread")).containsExactlyInAnyOrder("soup", "pasta");
        assertThat(keys("author:julia -tag:bread")).containsExactlyInAnyOrder("soup", "pasta");
    }

    // ---------------------------------------------------------------- dates

    @Test
    void afterIsInclusive() {
        // 18 posts dated 2016-01-01 or later; relevance is dated exactly 2016-01-01.
        SearchResult r = corpus.search("after:2016-01-01");
        assertThat(r.total()).isEqualTo(18);
        assertThat(corpus.keys(r.hits())).contains("relevance").doesNotContain("coffee", "undated");
        assertThat(keys("after:2016-01-02")).hasSize(17).doesNotContain("relevance");
    }

    @Test
    void beforeIsExclusive() {
        // 15 posts dated before 2017: 2011 (1), 2012 (1), 2013 (3), 2014 (2), 2015 (4), 2016 (4).
        SearchResult r = corpus.search("before:2017");
        assertThat(r.total()).isEqualTo(15);
        assertThat(corpus.keys(r.hits())).contains("batch").doesNotContain("sourdough", "undated");
        assertThat(keys("before:2016-01-01")).hasSize(11).doesNotContain("relevance");
    }

    @Test
    void datesMayBeYearsOrMonths() {
        assertThat(keys("after:2019-05 before:2020")).containsExactlyInAnyOrder("opendata", "hostile", "tagsonly");
    }

    @Test
    void aPostWithoutADateIsLeftOutByDateFilters() {
        // "kernel": coffee (2014), os (2020), undated.
        assertThat(keys("kernel")).containsExactlyInAnyOrder("coffee", "os", "undated");
        assertThat(keys("kernel after:2000")).containsExactlyInAnyOrder("coffee", "os");
        assertThat(keys("kernel before:3000")).containsExactlyInAnyOrder("coffee", "os");
    }

    @Test
    void anInvalidDateIsIgnoredWithAWarning() {
        SearchResult r = corpus.search("garlic after:yesterday");
        assertThat(corpus.keys(r.hits())).containsExactlyInAnyOrder("bread1", "soup");
        assertThat(r.warnings()).singleElement().asString().contains("after:yesterday");
        assertThat(corpus.search("garlic before:2016-13").warnings()).singleElement().asString()
                .contains("before:2016-13");
        assertThat(corpus.search("garlic after:9999-99-99").warnings()).hasSize(1);
    }

    // ---------------------------------------------------------------- combinations

    @Test
    void wordsFiltersExclusionsAndDatesCombine() {
        assertThat(keys("garlic tag:cooking -soup after:2014")).containsExactly("bread1");
        assertThat(keys("tag:cooking before:2018")).containsExactlyInAnyOrder("bread1", "sourdough");
        assertThat(keys("tag:cooking before:2018 author:julia feed:cooking -garlic")).containsExactly("sourdough");
    }

    // ---------------------------------------------------------------- what is not syntax

    @Test
    void anUnknownFieldIsSearchedAsText() {
        // The hostile post says "Use mode:strict always."
        SearchResult r = corpus.search("mode:strict");
        assertThat(corpus.keys(r.hits())).containsExactly("hostile");
        assertThat(r.warnings()).isEmpty();
        assertThat(corpus.search("foo:bar").total()).isZero();
    }

    @Test
    void strayColonsAreIgnored() {
        assertThat(keys("garlic:")).containsExactlyInAnyOrder("bread1", "soup");
        assertThat(keys(":garlic")).containsExactlyInAnyOrder("bread1", "soup");
        assertThat(keys(": garlic ::")).containsExactlyInAnyOrder("bread1", "soup");
        assertThat(keys("tag: garlic")).containsExactlyInAnyOrder("bread1", "soup");
    }

    @Test
    void aLoneDashIsIgnored() {
        assertThat(keys("garlic -")).containsExactlyInAnyOrder("bread1", "soup");
        assertThat(keys("- garlic")).containsExactlyInAnyOrder("bread1", "soup");
    }

    @Test
    void anUnbalancedQuoteRunsToTheEnd() {
        // bread1's title says "Garlic bread"; its body has both words, apart.
        assertThat(keys("\"garlic bread")).containsExactly("bread1");
        assertThat(keys("garlic \"")).containsExactlyInAnyOrder("bread1", "soup");
    }

    @Test
    void parenthesesAreIgnored() {
        assertThat(keys("(garlic OR sourdough)")).containsExactlyInAnyOrder("bread1", "soup", "sourdough");
        assertThat(keys("((garlic))")).containsExactlyInAnyOrder("bread1", "soup");
    }

    @Test
    void parenthesesKeepPrefixesFiltersAndExclusionsInside() {
        assertThat(keys("(garl* OR sourd*)")).containsExactlyInAnyOrder("bread1", "soup", "sourdough");
        assertThat(keys("tag:cooking -(tag:bread)")).containsExactlyInAnyOrder("soup", "pasta");
        SearchResult r = corpus.search("garlic (after:2015)");
        assertThat(corpus.keys(r.hits())).containsExactly("soup");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void moreThan32WordsAreSearchedForTheTellingOnesWithAWarning() {
        String words = IntStream.range(0, 40).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        SearchResult r = corpus.search(words + " garlic");
        assertThat(r.warnings()).singleElement().asString().contains("32 of its 41 words");
        assertThat(corpus.keys(r.hits())).contains("bread1");
        assertThat(corpus.search("garlic bread").warnings()).isEmpty();
    }

    @Test
    void moreThan32FiltersGiveAWarning() {
        String tags = IntStream.range(0, 40).mapToObj(i -> "-tag:t" + i).collect(Collectors.joining(" "));
        SearchResult r = corpus.search("garlic " + tags);
        assertThat(r.warnings()).singleElement().asString().contains("32");
        assertThat(corpus.keys(r.hits())).contains("bread1");
    }

    @Test
    void anEmptyQueryFindsEveryPost() {
        assertThat(corpus.search("").total()).isEqualTo(Corpus.SIZE);
        assertThat(corpus.search("   ").total()).isEqualTo(Corpus.SIZE);
    }
}
