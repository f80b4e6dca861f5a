package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchRequest.Sort;
import blogsearch.engine.SearchResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How results are ordered: by relevance (title, tags, body) or by date, posts with every word first. */
class RankingTest {
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

    private static List<String> newest(String query) {
        SearchResult r = corpus.search(SearchRequest.of(query).withSort(Sort.NEWEST).withPage(1, 100));
        assertThat(r.sort()).isEqualTo("newest");
        return corpus.keys(r.hits());
    }

    @Test
    void aTitleMatchOutranksTheSameWordOnlyInTheBody() {
        // kube1 and kube2 have titles and bodies of the same length and the same date; only kube1's title
        // says "kubernetes", only kube2's body does.
        SearchResult r = corpus.search("kubernetes");
        assertThat(corpus.keys(r.hits())).containsExactly("kube1", "kube2");
        assertThat(r.hits().get(0).score()).isGreaterThan(r.hits().get(1).score());
    }

    @Test
    void tagsCountForRanking() {
        // haskell1 and haskell2 have the same body, titles of the same length and the same date; only haskell1 is
        // tagged "haskell". monads never says "haskell" but is tagged so (a tag weighs as much as a title word).
        SearchResult r = corpus.search("haskell");
        List<String> keys = corpus.keys(r.hits());
        assertThat(keys).containsExactlyInAnyOrder("haskell1", "haskell2", "monads");
        assertThat(keys.get(0)).isEqualTo("haskell1");
        assertThat(keys.indexOf("haskell1")).isLessThan(keys.indexOf("haskell2"));
        assertThat(r.hits().get(0).score()).isGreaterThan(r.hits().get(keys.indexOf("haskell2")).score());
    }

    @Test
    void aWordOnlyInATagFindsThePost() {
        // os says "kernel" only in its tags.
        assertThat(corpus.keys("kernel")).contains("os");
        assertThat(corpus.keys("bread")).containsExactlyInAnyOrder("bread1", "sourdough");
    }

    @Test
    void anOlderPostIsNotPenalizedUnderRelevance() {
        // zoo1 (2011) is about ZooKeeper; zoo2 (2020) mentions it once.
        assertThat(corpus.keys("zookeeper")).containsExactly("zoo1", "zoo2");
        assertThat(corpus.search("zookeeper").sort()).isEqualTo("relevance");
    }

    @Test
    void newestSortOrdersByDateWithUndatedPostsLast() {
        // "kernel": os (2020), coffee (2014), undated.
        assertThat(newest("kernel")).containsExactly("os", "coffee", "undated");
        assertThat(newest("zookeeper")).containsExactly("zoo2", "zoo1");
    }

    @Test
    void newestSortKeepsPostsWithEveryWordFirst() {
        // Every word: licenses (2019-01), review (2017), undated; only "open": opendata (2019-05), which is newer.
        assertThat(newest("open source")).containsExactly("licenses", "review", "undated", "opendata");
    }

    @Test
    void newestSortWithoutWordsListsEveryPostByDate() {
        List<String> keys = newest("");
        assertThat(keys).hasSize(Corpus.SIZE);
        assertThat(keys.get(0)).isEqualTo("zoo2");
        assertThat(keys.get(Corpus.SIZE - 2)).isEqualTo("zoo1");
        assertThat(keys.get(Corpus.SIZE - 1)).isEqualTo("undated");
    }

    @Test
    void withoutWordsTheNewestPostsComeFirstWhateverTheSort() {
        // Relevance has nothing to rank by: the order is the date's, as the page and the README say.
        assertThat(corpus.keys("")).isEqualTo(newest(""));
        assertThat(corpus.keys("tag:distributed")).containsExactly("zoo2", "zoo1");
    }

    @Test
    void scoresShownDoNotIncludeTheAllWordsBoost() {
        SearchResult r = corpus.search("open source");
        assertThat(r.hits()).allSatisfy(h -> assertThat(h.score()).isBetween(0f, Queries.ALL_WORDS_BOOST));
    }
}
