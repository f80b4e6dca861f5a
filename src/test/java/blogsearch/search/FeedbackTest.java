package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long questions are re-ranked by the words their best matches share (RM3): a post that also uses those words
 * rises, and a post that has only those words is still not a match.
 */
class FeedbackTest {
    private static final String QUESTION = "what problems of heat conduction in composite slabs have been solved";

    @TempDir
    static Path dir;
    static PostIndex index;
    static SearchService search;
    static final Map<String, String> keyById = new HashMap<>();

    @BeforeAll
    static void build() {
        index = PostIndex.open(dir.resolve("index"));
        // The best matches: heat conduction in composite slabs, all of them also saying "thermal laminate".
        for (int i = 0; i < 5; i++) {
            put("heat" + i, "Heat conduction in composite slabs " + i,
                    "heat conduction composite slabs solved thermal laminate thermal laminate problems " + i);
        }
        // Two posts alike for the question (one of its words, the same length); only the second shares the
        // words of the best matches. "plain" is indexed first, so it wins a tie.
        put("plain", "Notes", "conduction garden tomato garden tomato basil");
        put("shared", "Notes", "conduction thermal laminate thermal laminate basil");
        // None of the question's words: the expansion alone must not make it a match.
        put("expansionOnly", "Notes", "thermal laminate thermal laminate basil");
        // Enough other posts that "thermal" is a rare, telling word.
        for (int i = 0; i < 100; i++) {
            put("filler" + i, "Garden diary " + i, "tomato basil garden soil water sun " + i);
        }
        index.commit();
        search = new SearchService(index);
        search.refresh();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static void put(String key, String title, String text) {
        String id = PostId.of("feedback-test", key, "", "", "");
        keyById.put(id, key);
        index.put(new Post(id, "https://example.org/" + key, title, "", Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
                Optional.empty(), List.of(), "Test", "https://example.org/feed", "en", text, text), 0);
    }

    private static List<String> keys(SearchResult r) {
        return r.hits().stream().map(h -> keyById.get(h.id())).toList();
    }

    @Test
    void aPostSharingTheBestMatchesWordsOutranksOneThatDoesNot() {
        List<String> keys = keys(search.search(SearchRequest.of(QUESTION).withPage(1, 20)));
        assertThat(keys.subList(0, 5)).allMatch(k -> k.startsWith("heat"));
        assertThat(keys).contains("plain", "shared");
        assertThat(keys.indexOf("shared")).isLessThan(keys.indexOf("plain"));
    }

    @Test
    void theExpansionReranksButNeverAddsMatches() {
        SearchResult r = search.search(SearchRequest.of(QUESTION).withPage(1, 20));
        assertThat(keys(r)).doesNotContain("expansionOnly").hasSize(7);
        assertThat(r.total()).isEqualTo(7);
    }

    @Test
    void pagesOfAReRankedQueryFitTogether() {
        List<String> all = keys(search.search(SearchRequest.of(QUESTION).withPage(1, 20)));
        List<String> first = keys(search.search(SearchRequest.of(QUESTION).withPage(1, 3)));
        List<String> second = keys(search.search(SearchRequest.of(QUESTION).withPage(2, 3)));
        List<String> third = keys(search.search(SearchRequest.of(QUESTION).withPage(3, 3)));
        assertThat(first).hasSize(3).isEqualTo(all.subList(0, 3));
        assertThat(second).hasSize(3).isEqualTo(all.subList(3, 6));
        assertThat(third).isEqualTo(all.subList(6, 7));
    }

    @Test
    void scoresFallDownTheWholeListPastTheReRankedWindow() throws Exception {
        // A first pass of 60 posts: hybrid search scales and adds these scores, so they must follow the order.
        IndexSearcher s = index.acquire();
        try {
            TopDocs all = s.search(new MatchAllDocsQuery(), 200);
            ScoreDoc[] first = new ScoreDoc[60];
            for (int i = 0; i < first.length; i++) {
                first[i] = new ScoreDoc(all.scoreDocs[i].doc, 100 - i);
            }
            ScoreDoc[] reranked = Feedback.rerank(s, new TopDocs(all.totalHits, first)).scoreDocs;
            assertThat(reranked).hasSize(60);
            for (int i = 1; i < reranked.length; i++) {
                assertThat(reranked[i].score).as("score at %d", i).isLessThanOrEqualTo(reranked[i - 1].score);
            }
            assertThat(first[Feedback.WINDOW].score).as("the first pass is left as it was").isEqualTo(100 - Feedback.WINDOW);
        } finally {
            index.release(s);
        }
    }

    @Test
    void aShortQueryIsNotExpanded() {
        // Four words or fewer: ranked by the words alone, so the tie between the two posts with both words
        // stays in index order.
        List<String> keys = keys(search.search(SearchRequest.of("conduction basil").withPage(1, 20)));
        assertThat(keys.subList(0, 2)).containsExactly("plain", "shared");
    }
}
