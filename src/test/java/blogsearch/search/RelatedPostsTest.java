package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Related;
import blogsearch.index.PostSchema;
import blogsearch.post.Post;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** More like this: posts that share a post's title, body and tag words, and which words they share. */
class RelatedPostsTest {
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

    private static Related related(String key) {
        return corpus.service().related(corpus.id(key), 10).orElseThrow();
    }

    private static List<String> relatedKeys(String key) {
        return related(key).posts().stream().map(p -> corpus.key(p.id())).toList();
    }

    /** The stemmed words of a post's title, tags and text. */
    private static List<String> stems(Post p) {
        return Words.tokens(PostSchema.BODY, p.title() + "\n" + String.join("\n", p.tags()) + "\n" + p.text(),
                Integer.MAX_VALUE);
    }

    @Test
    void aPostIsNeverRelatedToItself() {
        for (Post p : corpus.posts()) {
            Related r = corpus.service().related(p.id(), Related.MAX_SIZE).orElseThrow();
            assertThat(r.id()).isEqualTo(p.id());
            assertThat(r.title()).isEqualTo(p.title());
            assertThat(r.posts()).extracting(Related.RelatedPost::id).doesNotContain(p.id());
        }
    }

    @Test
    void postsSharingTheMostWordsComeFirst() {
        // kube2 shares the title word "cluster", five body words and the tag "ops" with kube1.
        assertThat(relatedKeys("kube1").get(0)).isEqualTo("kube2");
        // haskell2 has the same body and nearly the same title; monads shares the tag "haskell".
        assertThat(relatedKeys("haskell1").subList(0, 2)).containsExactly("haskell2", "monads");
        assertThat(relatedKeys("bread1").get(0)).isEqualTo("sourdough");
    }

    @Test
    void sharedTermsOccurInBothPosts() {
        for (String key : List.of("kube1", "haskell1", "indexing", "bread1", "tagsonly", "licenses")) {
            Post post = corpus.post(key);
            for (Related.RelatedPost rp : related(key).posts()) {
                Post other = corpus.post(corpus.key(rp.id()));
                assertThat(rp.terms()).as("terms shared by %s and %s", key, corpus.key(rp.id())).isNotEmpty();
                for (String term : rp.terms()) {
                    List<String> stem = Words.tokens(PostSchema.BODY, term);
                    assertThat(stem).as("term %s", term).hasSize(1);
                    assertThat(stems(post)).as("%s in %s", term, key).contains(stem.get(0));
                    assertThat(stems(other)).as("%s in %s", term, corpus.key(rp.id())).contains(stem.get(0));
                }
            }
        }
        assertThat(related("kube1").posts().get(0).terms()).contains("cluster", "ops", "services");
    }

    @Test
    void functionWordsDoNotMakePostsRelated() {
        // undated shares only "has" with haskell1 ("Haskell has lazy evaluation ...").
        assertThat(relatedKeys("haskell1")).doesNotContain("undated");
        List<String> functionWords = List.of("has", "does", "very", "also", "many", "really", "using", "things");
        for (Post p : corpus.posts()) {
            for (Related.RelatedPost rp : corpus.service().related(p.id(), 10).orElseThrow().posts()) {
                assertThat(rp.terms()).as("%s and %s", corpus.key(p.id()), corpus.key(rp.id()))
                        .doesNotContainAnyElementsOf(functionWords);
            }
        }
    }

    @Test
    void sharedTermsAreWordsThatSaySomethingAboutAPost() {
        // Everyday words ("keep", "open", "tried", "runs", "every") and contractions relate no posts and are not shown.
        for (Post p : corpus.posts()) {
            for (Related.RelatedPost rp : corpus.service().related(p.id(), 10).orElseThrow().posts()) {
                assertThat(rp.terms()).as("%s and %s", corpus.key(p.id()), corpus.key(rp.id()))
                        .isNotEmpty()
                        .allSatisfy(t -> assertThat(Words.tokens(PostSchema.BODY, t))
                                .noneMatch(CommonWords::isCommon))
                        .noneMatch(t -> t.contains("'") || t.contains("’"));
            }
        }
        // A shared tag says most, and comes first.
        assertThat(related("haskell1").posts().get(1).terms().get(0)).isEqualTo("haskell");
    }

    @Test
    void aPostWithOnlyATitleAndTagsHasRelatedPosts() {
        // tagsonly: title "Lucene facets", tags lucene and facets, no text.
        assertThat(corpus.post("tagsonly").text()).isEmpty();
        assertThat(relatedKeys("tagsonly")).contains("facets", "indexing");
    }

    @Test
    void relatedPostsCarryTheirSummaryFields() {
        Related.RelatedPost first = related("kube1").posts().get(0);
        Post kube2 = corpus.post("kube2");
        assertThat(first.url()).isEqualTo(kube2.url());
        assertThat(first.title()).isEqualTo(kube2.title());
        assertThat(first.published()).isEqualTo(kube2.published());
        assertThat(first.tags()).isEqualTo(kube2.tags());
        assertThat(first.score()).isPositive();
    }

    @Test
    void postsAreFoundByUrlWithOrWithoutHttpsAndTrailingSlash() {
        // Stored as https://blog.example/kube1/
        for (String url : List.of("https://blog.example/kube1/", "https://blog.example/kube1",
                "http://blog.example/kube1/", "http://blog.example/kube1", " https://blog.example/kube1/#comments ")) {
            assertThat(corpus.service().related(url, 5)).as(url).get().extracting(Related::id)
                    .isEqualTo(corpus.id("kube1"));
            assertThat(corpus.service().post(url)).as(url).contains(corpus.post("kube1"));
        }
    }

    @Test
    void anUnknownPostHasNoRelatedPosts() {
        assertThat(corpus.service().related("AAAAAAAAAAAAAAAA", 5)).isEmpty();
        assertThat(corpus.service().related("https://blog.example/nonesuch/", 5)).isEmpty();
        assertThat(corpus.service().related("", 5)).isEmpty();
        assertThat(corpus.service().related("x".repeat(3_000), 5)).isEmpty();
        assertThat(corpus.service().post("AAAAAAAAAAAAAAAA")).isEmpty();
    }

    @Test
    void sizeLimitsHowManyAndIsChecked() {
        assertThat(corpus.service().related(corpus.id("kube1"), 1).orElseThrow().posts()).hasSize(1);
        for (int size : new int[] {0, -1, Related.MAX_SIZE + 1}) {
            assertThatThrownBy(() -> corpus.service().related(corpus.id("kube1"), size))
                    .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.parameter()).isEqualTo("size"));
        }
    }

    @Test
    void aPostIsReturnedWholeById() {
        Post soup = corpus.post("soup");
        assertThat(corpus.service().post(soup.id())).contains(soup);
    }
}
