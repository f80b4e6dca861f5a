package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.embed.Embedder;
import blogsearch.embed.Model;
import blogsearch.engine.BadRequest;
import blogsearch.engine.Dimension;
import blogsearch.engine.Engine;
import blogsearch.engine.PostRecord;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchRequest.Mode;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.Hit;
import blogsearch.engine.VectorRecord;
import blogsearch.index.PostIndex;
import blogsearch.ingest.VectorFiller;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search by words, by meaning and both, on a few posts of our own given their vectors by the shipped model: the
 * sourdough post says nothing of "baking bread at home", which only its meaning finds.
 */
class SearchModesTest {
    private static final Map<String, Post> POSTS = new LinkedHashMap<>();

    static {
        post("starter", "Keeping a sourdough starter alive", "cooking", "en",
                "Feed the starter flour and water every day. A lively one doubles within a few hours, smells sour "
                        + "and makes the loaf rise slowly overnight before it goes into a hot oven.");
        post("pasta", "Making fresh pasta", "cooking", "en",
                "Pasta dough is flour and eggs, kneaded until smooth, rested, then rolled thin and cut into ribbons.");
        post("gc", "Tuning garbage collection pauses", "java", "en",
                "Pauses of the JVM garbage collector shrink with a smaller young generation and a pause target for G1.");
        post("tyre", "Fixing a flat bicycle tyre", "cycling", "en",
                "Take the wheel off, find the puncture in the inner tube, patch it and pump the tyre up again.");
        post("tomatoes", "Growing tomatoes on a balcony", "garden", "en",
                "Tomato plants want full sun, a deep pot and regular watering; pinch out the side shoots.");
        post("coroutines", "A first week with Kotlin coroutines", "kotlin", "en",
                "Suspending functions read like plain code while the runtime parks them instead of blocking threads.");
        post("brot", "Brot backen mit Sauerteig", "cooking", "de",
                "Sauerteigbrot braucht Mehl, Wasser, Salz und viel Geduld; der Teig geht über Nacht langsam auf.");
        post("icecream", "Why homemade ice cream turns icy", "cooking", "en",
                "Slow freezing, too little sugar and a warm bowl grow large crystals in homemade ice cream.");
    }

    private static Embedder embedder;
    @TempDir
    static Path dir;
    private static Engine engine;
    private static Engine withoutVectors;

    private static void post(String key, String title, String tag, String language, String text) {
        POSTS.put(key, new Post(PostId.of("feed", "https://example.org/" + key, "", "", ""),
                "https://example.org/" + key, title, "", Optional.of(Instant.parse("2024-03-01T00:00:00Z")),
                Optional.empty(), List.of(tag), "Notes", "https://example.org/feed", language, text, ""));
    }

    @BeforeAll
    static void index() throws InterruptedException {
        embedder = Embedder.open(Model.INDEXED);
        engine = new LuceneEngine(PostIndex.open(dir.resolve("vectors")), embedder);
        withoutVectors = new LuceneEngine(PostIndex.open(dir.resolve("words")), embedder);
        for (Engine e : List.of(engine, withoutVectors)) {
            long hash = 1;
            for (Post p : POSTS.values()) {
                e.put(List.of(new PostRecord(p, hash++)));
            }
            e.commit();
        }
        try (VectorFiller filler = new VectorFiller(engine, embedder, 2)) {
            assertThat(filler.fill(n -> {})).as("the English posts, not the German one").isEqualTo(POSTS.size() - 1);
        }
        // One segment each, without the versions the vectors replaced: the same posts, the same word statistics.
        engine.optimize(1);
        withoutVectors.optimize(1);
        engine.refresh();
        withoutVectors.refresh();
    }

    @AfterAll
    static void close() {
        engine.close();
        withoutVectors.close();
        embedder.close();
    }

    private static SearchRequest request(String query, Mode mode) {
        return SearchRequest.of(query).withMode(mode).withPage(1, SearchRequest.MAX_SIZE).withRespell(false);
    }

    /** The posts a query finds by words or by meaning, each once: what its hybrid search must count and show. */
    private static Set<String> byWordsOrMeaning(String query) {
        Set<String> either = new HashSet<>(keys(engine.search(request(query, Mode.LEXICAL))));
        either.addAll(keys(engine.search(request(query, Mode.SEMANTIC))));
        return either;
    }

    private static void assertFoundOnce(SearchResult hybrid, Set<String> either) {
        assertThat(hybrid.total()).isEqualTo(either.size());
        assertThat(keys(hybrid)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(either);
        long tagged = hybrid.facet(Dimension.TAG).stream().mapToLong(SearchResult.FacetValue::count).sum();
        assertThat(tagged).as("facets count the posts found by meaning too").isEqualTo(either.size());
    }

    private static List<String> keys(SearchResult r) {
        return r.hits().stream().map(SearchModesTest::key).toList();
    }

    private static String key(Hit h) {
        return h.url().substring(h.url().lastIndexOf('/') + 1);
    }

    @Test
    void aPostWithNoneOfTheQueryWordsIsFoundByMeaningNotByWords() {
        String query = "baking bread at home";
        SearchResult lexical = engine.search(request(query, Mode.LEXICAL));
        SearchResult semantic = engine.search(request(query, Mode.SEMANTIC));
        SearchResult hybrid = engine.search(request(query, Mode.HYBRID));

        assertThat(lexical.mode()).isEqualTo("lexical");
        assertThat(keys(lexical)).doesNotContain("starter");
        assertThat(semantic.mode()).isEqualTo("semantic");
        assertThat(keys(semantic).get(0)).isEqualTo("starter");
        assertThat(hybrid.mode()).isEqualTo("hybrid");
        assertThat(keys(hybrid)).contains("starter");
        assertThat(keys(hybrid).indexOf("starter")).isLessThan(keys(hybrid).indexOf("tyre"));
    }

    @Test
    void postsNotInEnglishAreFoundByTheirWordsOnly() {
        assertThat(keys(engine.search(request("sourdough bread rising overnight", Mode.SEMANTIC))))
                .doesNotContain("brot").contains("starter");
        assertThat(keys(engine.search(request("sauerteig", Mode.HYBRID)))).contains("brot");
    }

    @Test
    void aQuestionNotInEnglishGetsNoScoreByMeaningFromItsFeedback() {
        // Feedback by meaning ranks both sides' posts again by the moved vector: the one found by words is German.
        SearchResult hybrid = engine.search(request("wie lange geht der teig mit sauerteig über nacht", Mode.HYBRID));
        assertThat(keys(hybrid).get(0)).isEqualTo("brot");
        assertThat(hybrid.hits().get(0).score()).as("half of a fused score: the words' half alone").isEqualTo(0.5f);
    }

    @Test
    void aPostNotInEnglishThatHasAVectorIsStillLeftOutBySearchesByMeaning(@TempDir Path older) {
        // An index written before such posts were left without a vector holds theirs: searches leave them out.
        try (Engine e = new LuceneEngine(PostIndex.open(older), embedder);
                VectorFiller filler = new VectorFiller(e, embedder, 1)) {
            long hash = 1;
            List<VectorRecord> vectors = new ArrayList<>();
            for (Post p : POSTS.values()) {
                e.put(List.of(new PostRecord(p, hash)));
                vectors.add(new VectorRecord(p.id(), hash++, filler.vector(p)));
            }
            e.commit();
            assertThat(e.putVectors(vectors)).isEqualTo(POSTS.size());
            e.commit();
            e.refresh();

            assertThat(e.search(request("baking bread at home", Mode.SEMANTIC)).total()).isEqualTo(POSTS.size() - 1);
            assertThat(keys(e.search(request("sourdough bread rising overnight", Mode.SEMANTIC))))
                    .doesNotContain("brot").contains("starter");
            SearchResult question = e.search(request("wie lange geht der teig mit sauerteig über nacht", Mode.HYBRID));
            assertThat(keys(question).get(0)).isEqualTo("brot");
            assertThat(question.hits().get(0).score()).isEqualTo(0.5f);
        }
    }

    @Test
    void filtersNarrowThePostsFoundByMeaning() {
        SearchResult tagged = engine.search(request("baking bread at home", Mode.HYBRID)
                .withFilter(Dimension.TAG, List.of("garden", "java")));
        assertThat(keys(tagged)).isNotEmpty().allMatch(k -> k.equals("tomatoes") || k.equals("gc"));
        assertThat(tagged.total()).isEqualTo(2);
        assertThat(tagged.facet(Dimension.TAG)).extracting(v -> v.value() + "=" + v.count())
                .contains("garden=1", "java=1");

        assertThat(keys(engine.search(request("baking bread at home -starter", Mode.SEMANTIC))))
                .as("a word the query excludes").doesNotContain("starter").isNotEmpty();
        assertThat(keys(engine.search(request("baking bread at home tag:cooking", Mode.SEMANTIC))))
                .as("a filter in the query").containsExactlyInAnyOrder("starter", "pasta", "icecream");
    }

    @Test
    void theTotalCountsEachPostFoundByWordsOrByMeaningOnce() {
        String query = "homemade sugar sauerteig";
        SearchResult lexical = engine.search(request(query, Mode.LEXICAL));
        SearchResult semantic = engine.search(request(query, Mode.SEMANTIC));
        SearchResult hybrid = engine.search(request(query, Mode.HYBRID));

        assertThat(keys(lexical)).containsExactlyInAnyOrder("icecream", "brot");
        assertThat(semantic.total()).as("every English post has a vector").isEqualTo(7);
        assertThat(hybrid.total()).as("the matches by words and the 6 posts found by meaning alone").isEqualTo(8);
        assertFoundOnce(hybrid, byWordsOrMeaning(query));
        assertThat(keys(hybrid).get(0)).isEqualTo("icecream");
    }

    @Test
    void aPhraseIsCountedWithThePostsFoundByMeaningAndItsMatchesRankedByWords() {
        String query = "\"inner tube\"";
        SearchResult hybrid = engine.search(request(query, Mode.HYBRID));

        assertThat(keys(engine.search(request(query, Mode.LEXICAL)))).containsExactly("tyre");
        assertThat(byWordsOrMeaning(query)).hasSizeGreaterThan(1);
        assertFoundOnce(hybrid, byWordsOrMeaning(query));
        assertThat(keys(hybrid).get(0)).isEqualTo("tyre");
        assertThat(hybrid.hits().get(0).snippet()).contains("<mark>inner tube</mark>");
    }

    @Test
    void wordsNoPostHasGiveTheNearestPostsAndSaySo() {
        SearchResult nonsense = engine.search(request("qwxzvk", Mode.HYBRID));
        assertThat(nonsense.mode()).isEqualTo("hybrid");
        assertThat(nonsense.total()).isEqualTo(engine.search(request("qwxzvk", Mode.SEMANTIC)).total()).isPositive();
        assertThat(nonsense.warnings()).anyMatch(w -> w.startsWith("no post has these words"));

        assertThat(engine.search(request("homemade sugar sauerteig", Mode.HYBRID)).warnings())
                .as("some posts have some of the words").isEmpty();
        assertThat(engine.search(request("baking bread at home", Mode.HYBRID)).warnings())
                .as("none has any").anyMatch(w -> w.startsWith("no post has these words"));
        assertThat(engine.search(request("qwxzvk", Mode.LEXICAL)).warnings()).isEmpty();
    }

    @Test
    void aQuestionsVectorMovesTowardThePostsRankedFirst() {
        float h = (float) Math.sqrt(0.5);
        assertThat(SearchRun.towards(new float[] {1, 0}, List.of(new float[] {0, 1})))
                .containsExactly(new float[] {h, h}, within(1e-6f));
        assertThat(SearchRun.towards(new float[] {1, 0}, List.of(new float[] {0, 1}, new float[] {1, 0})))
                .as("the mean of the posts, weighing as much as the query")
                .containsExactly(new float[] {1.5f / (float) Math.sqrt(2.5), 0.5f / (float) Math.sqrt(2.5)},
                        within(1e-6f));
        assertThat(SearchRun.towards(new float[] {1, 0}, List.of(new float[] {-1, 0}))).containsExactly(1, 0);

        String question = "why does my sourdough starter smell sour after feeding it";
        SearchResult hybrid = engine.search(request(question, Mode.HYBRID));
        assertThat(keys(hybrid).get(0)).isEqualTo("starter");
        assertFoundOnce(hybrid, byWordsOrMeaning(question));
    }

    @Test
    void lexicalModeGivesWhatAnIndexWithoutVectorsGives() {
        for (String query : List.of("flour", "homemade sugar", "garbage collector pauses", "\"inner tube\"",
                "flour -pasta", "tyre OR tomato", "why does my sourdough starter smell sour after feeding it")) {
            SearchResult words = withoutVectors.search(request(query, Mode.HYBRID));
            SearchResult lexical = engine.search(request(query, Mode.LEXICAL));
            assertThat(words.mode()).as(query).isEqualTo("lexical");
            assertThat(lexical.withTookMs(0)).as(query).isEqualTo(words.withTookMs(0));
        }
    }

    @Test
    void anIndexWithoutVectorsAnswersByWordsAndSaysSo() {
        SearchResult hybrid = withoutVectors.search(request("baking bread at home", Mode.HYBRID));
        assertThat(hybrid.mode()).isEqualTo("lexical");
        assertThat(hybrid.warnings()).isEmpty();
        SearchResult semantic = withoutVectors.search(request("baking bread at home", Mode.SEMANTIC));
        assertThat(semantic.mode()).isEqualTo("lexical");
        assertThat(semantic.warnings()).anyMatch(w -> w.contains("no post has a vector"));
    }

    @Test
    void byDateOrWithoutWordsSearchesStayLexical() {
        SearchResult newest = engine.search(request("flour", Mode.HYBRID).withSort(SearchRequest.Sort.NEWEST));
        assertThat(newest.mode()).isEqualTo("lexical");
        assertThat(keys(newest)).containsExactlyInAnyOrder("starter", "pasta");
        SearchResult filterOnly = engine.search(request("tag:cooking", Mode.SEMANTIC));
        assertThat(filterOnly.mode()).isEqualTo("lexical");
        assertThat(filterOnly.total()).isEqualTo(4);
    }

    @Test
    void anUnknownModeIsRefusedNamingIt() {
        assertThatThrownBy(() -> Mode.parse("fuzzy")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("'fuzzy'").hasMessageContaining("hybrid, lexical or semantic")
                .extracting(e -> ((BadRequest) e).parameter()).isEqualTo("mode");
        assertThat(Mode.parse(" Semantic ")).isEqualTo(Mode.SEMANTIC);
        assertThat(Mode.parse("")).isEqualTo(Mode.HYBRID);
    }
}
