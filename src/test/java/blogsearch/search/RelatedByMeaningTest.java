package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.embed.Embedder;
import blogsearch.embed.Model;
import blogsearch.engine.Engine;
import blogsearch.engine.PostRecord;
import blogsearch.engine.Related;
import blogsearch.engine.Related.RelatedPost;
import blogsearch.index.PostIndex;
import blogsearch.ingest.VectorFiller;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Related posts by a post's own vector and its words, on posts of our own: twins (the same title and text, so the same
 * vector and words) show how near ties are ordered, and a post written after the vectors were made is found by its
 * words alone, and finds others by its words alone.
 */
class RelatedByMeaningTest {
    private static final String TWIN_TITLE = "Notes from a weekend of bread";
    private static final String TWIN_TEXT = "Two loaves a day, one of rye and one of spelt, and a log of how each proved.";

    private static Embedder embedder;
    @TempDir
    static Path dir;
    private static Engine engine;

    private static Post post(String key, String title, List<String> tags, String date, String language, String text) {
        return new Post(PostId.of("feed", "https://example.org/" + key, "", "", ""), "https://example.org/" + key, title,
                "", Optional.of(Instant.parse(date + "T00:00:00Z")), Optional.empty(), tags, "Notes",
                "https://example.org/feed", language, text, "");
    }

    @BeforeAll
    static void index() throws InterruptedException {
        embedder = Embedder.open(Model.INDEXED);
        engine = new LuceneEngine(PostIndex.open(dir.resolve("index")), embedder);
        // In this order, so that ties left as found would put the untagged and the older twin first.
        List<Post> posts = List.of(
                post("seed", "Baking rye bread", List.of("Bread", "baking"), "2024-01-10", "en",
                        "Rye dough is sticky and proves slowly; a tin and a long bake give an even crumb. "
                                + "Caraway seeds suit it well."),
                post("untagged-twin", TWIN_TITLE, List.of("weekend"), "2024-05-01", "en", TWIN_TEXT),
                post("tagged-twin", TWIN_TITLE, List.of("bread"), "2023-05-01", "en", TWIN_TEXT),
                post("older-twin", "Rye, again", List.of("diary"), "2022-01-01", "en", "Another rye loaf proved overnight."),
                post("newer-twin", "Rye, again", List.of("diary"), "2025-01-01", "en", "Another rye loaf proved overnight."),
                post("roggen", "Roggenbrot backen", List.of("Bread"), "2024-02-01", "de",
                        "Roggenteig klebt und geht langsam; eine Kastenform und lange Backzeit geben eine gleichmäßige "
                                + "Krume."),
                post("kernel", "Building a Linux kernel", List.of("linux"), "2024-03-01", "en",
                        "Configure, compile the modules, install them and update the boot loader."));
        long hash = 1;
        for (Post p : posts) {
            engine.put(List.of(new PostRecord(p, hash++)));
        }
        engine.commit();
        try (VectorFiller filler = new VectorFiller(engine, embedder, 2)) {
            assertThat(filler.fill(n -> {})).as("the English posts, not the German one").isEqualTo(posts.size() - 1);
        }
        engine.put(List.of(new PostRecord(post("late", "Rye bread without a tin", List.of("bread"), "2024-06-01", "en",
                "Free-standing rye loaves spread; a banneton and a stiffer dough keep their shape."), 99)));
        engine.commit();
        engine.refresh();
    }

    @AfterAll
    static void close() {
        engine.close();
        embedder.close();
    }

    private static Related related(String key) {
        return engine.related("https://example.org/" + key, Related.MAX_SIZE).orElseThrow();
    }

    private static List<String> keys(Related r) {
        return r.posts().stream().map(p -> p.url().substring(p.url().lastIndexOf('/') + 1)).toList();
    }

    private static RelatedPost relatedPost(Related r, String key) {
        return r.posts().stream().filter(p -> p.url().endsWith("/" + key)).findFirst().orElseThrow();
    }

    @Test
    void aPostWithAVectorIsRelatedByMeaningAndByItsWordsToPostsWithoutAVector() {
        Related r = related("seed");
        assertThat(r.basis()).isEqualTo("hybrid");
        assertThat(keys(r)).doesNotContain("seed")
                .contains("untagged-twin", "tagged-twin", "older-twin", "newer-twin", "kernel", "late");
        assertThat(keys(r).get(keys(r).size() - 1)).as("the least alike").isEqualTo("kernel");
    }

    @Test
    void nearTiesAreOrderedByTheTagsTheyShareThenNewestFirst() {
        List<String> keys = keys(related("seed"));
        assertThat(keys.indexOf("tagged-twin")).as("a shared tag outweighs a newer date")
                .isLessThan(keys.indexOf("untagged-twin"));
        assertThat(keys.indexOf("newer-twin")).isLessThan(keys.indexOf("older-twin"));
    }

    @Test
    void eachPostRelatedByMeaningSaysWhy() {
        Related r = related("seed");
        RelatedPost tagged = relatedPost(r, "tagged-twin");
        assertThat(tagged.sharedTags()).containsExactly("bread");
        assertThat(tagged.passage()).isEqualTo(TWIN_TEXT);
        assertThat(relatedPost(r, "kernel").sharedTags()).isEmpty();
        assertThat(relatedPost(r, "kernel").passage()).startsWith("Configure, compile the modules");
    }

    @Test
    void aPostWithoutAVectorYetOrNotInEnglishIsRelatedByItsWords() {
        Related late = related("late");
        assertThat(late.basis()).isEqualTo("words");
        assertThat(keys(late)).contains("seed");
        assertThat(late.posts()).allMatch(p -> p.passage().isEmpty());
        assertThat(relatedPost(late, "seed").sharedTags()).containsExactly("Bread");
        assertThat(related("roggen").basis()).isEqualTo("words");
    }

    @Test
    void anOpeningIsCutBetweenWords() {
        String text = "word ".repeat(100);
        String opening = RelatedPosts.opening(text);
        assertThat(opening).endsWith("word…").hasSizeLessThanOrEqualTo(RelatedPosts.PASSAGE_CHARS + 1);
        assertThat(RelatedPosts.opening("  short\n text ")).isEqualTo("short text");
    }
}
