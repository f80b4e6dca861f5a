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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Questions of any length are searched, at a bounded cost: for the words that carry them (rare in the index,
 * said often in the question), with the function words left out.
 */
class LongQuestionTest {
    /** Words that each appear once in the question below, off its topic. */
    private static final List<String> ASIDES = List.of("tomato", "train", "sourdough", "ferry", "violin", "glacier",
            "cathedral", "bicycle", "lantern", "harbour", "compass", "orchard", "marble", "thunder", "saddle",
            "pepper", "canoe", "tapestry", "walnut", "meadow", "falcon", "lighthouse", "quarry", "vineyard", "anchor",
            "blanket", "chimney", "dolphin", "emerald", "feather", "granite", "hammock", "igloo", "jasmine", "kettle");

    @TempDir
    static Path dir;
    static PostIndex index;
    static SearchService search;
    static final Map<String, String> keyById = new HashMap<>();

    @BeforeAll
    static void build() {
        index = PostIndex.open(dir.resolve("index"));
        put("bees", "Keeping bees in a city garden",
                "Two hives on the roof: the bees, the honey harvest, an old queen, a swarm in May and varroa mites.");
        put("honey", "Honey cake", "A cake with honey and walnut from the orchard.");
        put("sourdough", "Sourdough starter", "Flour, water, patience: a sourdough starter and the crust it gives.");
        put("train", "Night train to Vienna", "The sleeper train, its couchettes and the breakfast on board.");
        put("tomato", "Tomatoes in pots", "Watering tomato plants in pots and keeping blight away.");
        for (String aside : ASIDES) {
            put("about-" + aside, "Notes on " + aside, "A few lines about a " + aside + " seen on a walk.");
        }
        for (int i = 0; i < 40; i++) {
            put("diary" + i, "Garden diary " + i, "Rain, soil, compost and weeds, week " + i + ".");
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
        String id = PostId.of("long-question-test", key, "", "", "");
        keyById.put(id, key);
        index.put(new Post(id, "https://example.org/" + key, title, "", Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
                Optional.empty(), List.of(), "Test", "https://example.org/feed", "en", text, text), 0);
    }

    /** About 500 words on bees, rambling, with each aside mentioned once. */
    static String beeQuestion() {
        StringBuilder b = new StringBuilder();
        String[] sentences = {
            "I have kept bees for a few years now and I would like to ask about my hives.",
            "This year the bees made much less honey than they did before, and I do not know why that is.",
            "The queen in the larger hive may be getting old, and a swarm left it in May.",
            "I have also seen varroa mites on some of the bees when I looked at them closely.",
            "Could it be that the swarm took the best of the colony with it, or is it the mites?",
        };
        int aside = 0;
        while (b.toString().split("\\s+").length < 500) {
            for (String s : sentences) {
                b.append(s).append(' ');
                if (aside < ASIDES.size()) {
                    b.append("On another day I saw a ").append(ASIDES.get(aside++)).append(" there. ");
                }
            }
        }
        return b.toString().strip();
    }

    private static List<String> keys(SearchResult r) {
        return r.hits().stream().map(h -> keyById.get(h.id())).toList();
    }

    @Test
    void aQuestionOf500WordsRanksThePostOnItsMainTopicFirst() {
        String question = beeQuestion();
        assertThat(question.split("\\s+").length).isGreaterThanOrEqualTo(500);

        SearchResult r = search.search(SearchRequest.of(question).withPage(1, 5));

        assertThat(keys(r).get(0)).isEqualTo("bees");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("32 of its"));
    }

    @Test
    void aLongQuestionIsSearchedForAtMost32WordsTheRepeatedAndRareOnes() {
        String question = beeQuestion();
        UserQuery.Parsed parsed = UserQuery.parse(question);
        assertThat(parsed.clauses()).hasSizeGreaterThan(400);

        Queries.Built built = Queries.build(parsed, Queries.Ranking.RELEVANCE, new Queries.Vocabulary() {
            @Override
            public int docFreq(String term) {
                return term.equals("hive") ? 1 : 10; // said often and rare: sure to be kept
            }

            @Override
            public int docCount() {
                return 100;
            }
        });

        assertThat(built.textGroups()).isEqualTo(Queries.MAX_WORDS);
        assertThat(built.isLong()).isTrue();
        String searched = built.query().toString();
        assertThat(searched).contains("words:hive", "words:bee", "words:honei", "words:varroa")
                .doesNotContain("words:would", "words:could", "words:have");
        assertThat(termCount(built.ranking())).isLessThanOrEqualTo(2 * Queries.MAX_WORDS);
        assertThat(((BooleanQuery) built.proximity()).clauses()).hasSizeLessThanOrEqualTo(Queries.MAX_PAIRS);
    }

    @Test
    void wordsPastTheThirtySecondStillCount() {
        // Sixty words, and the one that says what is wanted comes last.
        String question = IntStream.range(0, 59).mapToObj(i -> i % 2 == 0 ? "please" : "kindly")
                .collect(Collectors.joining(" ")) + " sourdough";

        assertThat(keys(search.search(SearchRequest.of(question))).get(0)).isEqualTo("sourdough");
    }

    @Test
    void functionWordsOfAQuestionAreLeftOutButAShortQueryKeepsItsWords() {
        assertThat(Queries.build(UserQuery.parse("what would you do with an old queen and a swarm"),
                Queries.Ranking.RELEVANCE).query().toString()).doesNotContain("words:what", "words:would")
                .contains("words:queen", "words:swarm");
        assertThat(Queries.build(UserQuery.parse("what would"), Queries.Ranking.RELEVANCE).query().toString())
                .contains("words:what", "words:would");
    }

    private static int termCount(org.apache.lucene.search.Query q) {
        if (q instanceof BooleanQuery b) {
            return b.clauses().stream().map(BooleanClause::query).mapToInt(LongQuestionTest::termCount).sum();
        }
        if (q instanceof org.apache.lucene.search.BoostQuery b) {
            return termCount(b.getQuery());
        }
        return 1;
    }
}
