package blogsearch.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The packaged models themselves, run on sentences written for these tests. */
class EmbedderTest {
    private static final Map<Model, Embedder> OPEN = new EnumMap<>(Model.class);

    private static synchronized Embedder embedder(Model model) {
        return OPEN.computeIfAbsent(model, Embedder::open);
    }

    @AfterAll
    static synchronized void close() {
        OPEN.values().forEach(Embedder::close);
        OPEN.clear();
    }

    private static float[] passage(Embedder e, String title, String text) {
        return e.embed(e.passages(title, text, 256, 1))[0];
    }

    private static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aQuestionIsCloserToItsAnswerInOtherWordsThanToAnUnrelatedPost(Model model) {
        Embedder e = embedder(model);
        float[] question = e.query("how can I make my website load faster");
        float[] answer = passage(e, "Speed", "Shrink your images, cache static files and defer scripts: pages appear "
                + "in half the time.");
        float[] unrelated = passage(e, "Baking", "A lemon cake with poppy seeds needs butter, sugar, eggs and flour.");
        assertThat(cosine(question, answer)).isGreaterThan(cosine(question, unrelated) + 0.1);

        float[] feeds = passage(e, "", "Subscribe to the blog with any RSS reader to get new articles.");
        float[] paraphrase = passage(e, "", "New posts reach you in your feed reader once you follow the site's feed.");
        float[] cake = passage(e, "", "Preheat the oven and grease the cake tin before you mix the batter.");
        assertThat(cosine(feeds, paraphrase)).isGreaterThan(cosine(feeds, cake) + 0.1);
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void vectorsHaveUnitLengthAndTheModelsDimensions(Model model) {
        Embedder e = embedder(model);
        float[] v = e.query("unit length");
        assertThat(v).hasSize(e.dimensions());
        assertThat(e.dimensions()).isEqualTo(384);
        assertThat(cosine(v, v)).isCloseTo(1.0, within(1e-5));
        assertThat(cosine(passage(e, "", ""), passage(e, "", ""))).isCloseTo(1.0, within(1e-5));
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aPassageHasTheSameVectorWhateverItIsEmbeddedWith(Model model) {
        Embedder e = embedder(model);
        Passage shortOne = e.passages("", "Compress images and defer scripts.", 256, 1).getFirst();
        Passage longOne = e.passages("A title", "The quick brown fox jumps over the lazy dog. ".repeat(30), 256, 1)
                .getFirst();
        float[] alone = e.embed(List.of(shortOne))[0];
        float[] together = e.embed(List.of(longOne, shortOne))[1];
        assertThat(together).containsExactly(alone);
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void threadsEmbeddingAtOnceGetTheVectorsOfOneThreadAlone(Model model) throws Exception {
        Embedder e = embedder(model);
        List<Passage> passages = new ArrayList<>();
        for (String s : List.of("feeds and readers", "search engines rank pages", "a cake with lemons",
                "the index grows with every post", "quiet mornings and strong coffee", "tags group related posts")) {
            passages.addAll(e.passages("", s, 64, 1));
        }
        float[][] alone = e.embed(passages);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> e.embed(passages)));
            }
            for (Future<float[][]> run : runs) {
                assertThat(run.get()).isDeepEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void aLongQueryIsCutAtTheModelsLength(Model model) {
        Embedder e = embedder(model);
        String words = "search ".repeat(model.maxTokens() * 2);
        assertThat(cosine(e.query(words), e.query(words + "cake"))).isCloseTo(1.0, within(1e-6));
    }

    @org.junit.jupiter.api.Test
    void anUnknownModelIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Model.parse("gpt")).hasMessageContaining("'gpt'")
                .hasMessageContaining("bge-small-en-v1.5-q").hasMessageContaining("all-minilm-l6-v2-q");
        assertThat(Model.parse(" BGE-small-en-v1.5-q ")).isEqualTo(Model.BGE_SMALL_EN_V15_Q);
    }
}
