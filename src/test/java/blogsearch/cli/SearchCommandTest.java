package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import blogsearch.index.PostIndex;
import blogsearch.engine.BadRequest;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.search.SearchService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search command over the fixed corpus in {@code cli/corpus}: nine posts in three feeds. Expected results
 * are read off the fixture files: which posts say "train", which tags and dates each has. The corpus is indexed
 * by words only, so searches are lexical; a copy with vectors shows the modes.
 */
class SearchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every post of the corpus, newest first; "Saving seeds" has no date. */
    private static final List<String> NEWEST_FIRST = List.of("Pickled cucumbers", "Train your espalier",
            "Rail passes explained", "Tomatoes in pots", "Rye bread on the train", "Ferry across the fjord",
            "Sourdough starter", "Night train to Vienna", "Saving seeds");

    @TempDir
    static Path dir;

    static String index;

    @BeforeAll
    static void indexTheCorpus() {
        index = dir.resolve("index").toString();
        Invocation r = Invocation.of("index", "--offline", "--no-semantic", "--index", index,
                Invocation.corpus().toString());
        assertThat(r.code()).as("%s", r).isZero();
    }

    @Test
    void textOutputShowsTheTitlesAndUrlsOfMatchingPosts() {
        Invocation r = Invocation.of("search", "--index", index, "train");

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("3 results for train")
                .contains("1. Night train to Vienna") // title and three mentions in a short text
                .contains("https://travel.example/night-train")
                .contains("Rye bread on the train").contains("https://kitchen.example/rye")
                .contains("Train your espalier").contains("https://garden.example/espalier")
                .contains("2014-03-10 · Travel Notes · Tess Traveller · rail, Europe")
                .doesNotContain("Ferry across the fjord");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonIsTheObjectTheApiReturns() throws Exception {
        Invocation r = Invocation.of("search", "--index", index, "--json", "train");

        assertThat(r.code()).as("%s", r).isZero();
        JsonNode result = JSON.readTree(r.out());
        // The same object the HTTP API returns: these keys at least, and spelling help beside them.
        assertThat(fieldNames(result)).contains("query", "total", "took_ms", "hits", "facets", "did_you_mean");
        assertThat(result.get("query").asText()).isEqualTo("train");
        assertThat(result.get("total").asLong()).isEqualTo(3);
        assertThat(result.get("took_ms").isIntegralNumber()).isTrue();
        assertThat(result.get("hits")).hasSize(3);
        for (JsonNode hit : result.get("hits")) {
            assertThat(fieldNames(hit)).contains("id", "url", "title", "published", "tags", "snippet", "score");
            assertThat(hit.get("score").asDouble()).isPositive();
        }
        JsonNode first = result.get("hits").get(0);
        assertThat(first.get("title").asText()).isEqualTo("Night train to Vienna");
        assertThat(first.get("url").asText()).isEqualTo("https://travel.example/night-train");
        assertThat(first.get("published").asText()).isEqualTo("2014-03-10T08:00:00Z");
        assertThat(texts(first.get("tags"))).containsExactly("rail", "Europe");
        assertThat(first.get("snippet").asText()).contains("<mark>train</mark>");
        assertThat(first.get("id").asText()).matches("[A-Za-z0-9_-]{16}");
        assertThat(counts(result.get("facets").get("tag")))
                .isEqualTo(Map.of("rail", 2, "Europe", 1, "bread", 1, "fruit", 1));
        assertThat(counts(result.get("facets").get("year"))).isEqualTo(Map.of("2014", 1, "2016", 1, "2017", 1));
        assertThat(counts(result.get("facets").get("feed")))
                .isEqualTo(Map.of("Travel Notes", 1, "Kitchen Log", 1, "Garden Diary", 1));
    }

    @Test
    void aTagFilterKeepsOnlyPostsWithThatTagInAnyCase() throws Exception {
        assertThat(titles("--tag", "rail"))
                .containsExactlyInAnyOrder("Night train to Vienna", "Rail passes explained", "Rye bread on the train");
        assertThat(titles("--tag", "RAIL")).hasSize(3);
        assertThat(titles("--tag", "rail", "--tag", "sea")).as("several values mean any of them").hasSize(4);
        assertThat(titles("--tag", "rail", "train"))
                .containsExactlyInAnyOrder("Night train to Vienna", "Rye bread on the train");
        assertThat(titles("--tag", "nosuchtag")).isEmpty();
    }

    @Test
    void dateFiltersTakeWholePeriodsAndLeaveOutUndatedPosts() throws Exception {
        assertThat(titles("--since", "2016", "--until", "2016"))
                .containsExactlyInAnyOrder("Rail passes explained", "Rye bread on the train", "Tomatoes in pots");
        assertThat(titles("--since", "2017-01-01")).containsExactlyInAnyOrder("Pickled cucumbers", "Train your espalier");
        assertThat(titles("--until", "2014-12")).containsExactly("Night train to Vienna");
        assertThat(titles("--since", "2016-02-29", "--until", "2016-02-29")).containsExactly("Rye bread on the train");
    }

    @Test
    void sortNewestOrdersByDateWithUndatedPostsLast() throws Exception {
        assertThat(titles("--sort", "newest", "--limit", "20")).containsExactlyElementsOf(NEWEST_FIRST);
        assertThat(titles("train")).first().isEqualTo("Night train to Vienna");
        assertThat(titles("--sort", "newest", "train"))
                .containsExactly("Train your espalier", "Rye bread on the train", "Night train to Vienna");
    }

    @Test
    void queryWordsStartingWithADashExcludePostsWhereverTheyStand() throws Exception {
        List<String> withoutNight = List.of("Rye bread on the train", "Train your espalier");

        assertThat(titles("train", "-night")).containsExactlyInAnyOrderElementsOf(withoutNight);
        assertThat(titles("-night", "train")).containsExactlyInAnyOrderElementsOf(withoutNight);
        assertThat(titles("-vienna", "-rye", "train")).containsExactly("Train your espalier");
        assertThat(titles("--limit", "1", "train", "-night")).hasSize(1);
        assertThat(titles("train", "-night", "-n", "1", "--tag", "fruit")).containsExactly("Train your espalier");
    }

    @Test
    void withNoQueryTheNewestPostsComeFirstAndUndatedOnesLast() throws Exception {
        assertThat(titles("--limit", "20")).containsExactlyElementsOf(NEWEST_FIRST);
    }

    @Test
    void limitAndPageCutTheSameOrderIntoPages() throws Exception {
        assertThat(titles("--sort", "newest", "--limit", "2")).isEqualTo(NEWEST_FIRST.subList(0, 2));
        assertThat(titles("--sort", "newest", "--limit", "2", "--page", "2")).isEqualTo(NEWEST_FIRST.subList(2, 4));
        assertThat(titles("--sort", "newest", "-n", "2", "--page", "5")).containsExactly("Saving seeds");
        JsonNode beyond = json("--sort", "newest", "--limit", "2", "--page", "6");
        assertThat(beyond.get("hits")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(9);
        assertThat(beyond.get("warnings")).extracting(JsonNode::asText)
                .containsExactly("page 6 is past the last page (5)");
    }

    @Test
    void aPagePastTheEndSaysWhichPageIsTheLast() {
        Invocation r = Invocation.of("search", "--index", index, "--page", "999", "train");

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("3 results for train").contains("page 999 is past the last page (1)")
                .doesNotContain("Night train");
    }

    @Test
    void textOutputSaysWhichPageItShows() {
        Invocation r = Invocation.of("search", "--index", index, "--sort", "newest", "--limit", "4", "--page", "2");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("9 results").contains("5. Rye bread on the train").contains("Page 2 of 3");
    }

    @Test
    void batchPrintsOneJsonObjectPerQueryLineBlankLinesToo() throws Exception {
        Path queries = dir.resolve("queries.txt");
        Files.writeString(queries, "train\n\n  bread  \nferry\n");

        Invocation r = Invocation.of("search", "--index", index, "--batch", queries.toString(), "--json");

        assertThat(r.code()).as("%s", r).isZero();
        List<String> queried = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            JsonNode result = JSON.readTree(line);
            // The same object the HTTP API returns: these keys at least, and spelling help beside them.
            assertThat(fieldNames(result)).contains("query", "total", "took_ms", "hits", "facets", "did_you_mean");
            queried.add(result.get("query").asText());
            totals.add(result.get("total").asLong());
        }
        // Line for line: a blank line lists the newest posts, as an empty search box does.
        assertThat(queried).containsExactly("train", "", "bread", "ferry");
        assertThat(totals).containsExactly(3L, 9L, 2L, 1L);
    }

    @Test
    void aLineOf5000CharactersInABatchIsSearchedLikeAnyOther() throws Exception {
        StringBuilder question = new StringBuilder("Which night train takes me to Vienna, and what should I know? ");
        String filler = "I would like to hear about it from someone who has done it before, if possible. ";
        while (question.length() < 5_000) {
            question.append(filler);
        }
        Path queries = dir.resolve("long.txt");
        Files.writeString(queries, "train\n" + question + "\nferry\n");

        Invocation r = Invocation.of("search", "--index", index, "--batch", queries.toString());

        assertThat(r.code()).as("%s", r).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("total").asLong()).isEqualTo(3);
        assertThat(lines.get(1).get("query").asText()).hasSizeGreaterThanOrEqualTo(5_000);
        assertThat(lines.get(1).get("hits").get(0).get("title").asText()).isEqualTo("Night train to Vienna");
        assertThat(lines.get(2).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aLineThatFailsGetsAnErrorObjectWhileTheOthersAreAnswered() throws Exception {
        // No query text is bad input any more, so the failures come from the search itself.
        try (PostIndex idx = PostIndex.openReadOnly(Path.of(index))) {
            SearchService service = new SearchService(idx);
            Function<String, SearchResult> search = query -> switch (query) {
                case "broken" -> throw new UncheckedIOException(new IOException("disk read failed"));
                case "refused" -> throw new BadRequest("q", "refused for the test");
                default -> service.search(SearchRequest.of(query));
            };
            StringWriter out = new StringWriter();

            int failed = SearchCommand.batch(new BufferedReader(new StringReader("train\nbroken\nferry\n")),
                    new PrintWriter(out), search);

            assertThat(failed).isEqualTo(1);
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(JSON.readTree(lines.get(0)).get("total").asLong()).isEqualTo(3);
            JsonNode error = JSON.readTree(lines.get(1));
            assertThat(fieldNames(error)).containsExactly("query", "error");
            assertThat(error.get("query").asText()).isEqualTo("broken");
            assertThat(error.get("error").asText()).contains("disk read failed");
            assertThat(JSON.readTree(lines.get(2)).get("total").asLong()).isEqualTo(1);

            // Bad input is exit 2, a failure exit 1 (also when both happen), and all answered is 0.
            assertThat(SearchCommand.batch(new BufferedReader(new StringReader("refused\ntrain\n")),
                    new PrintWriter(new StringWriter()), search)).isEqualTo(2);
            assertThat(SearchCommand.batch(new BufferedReader(new StringReader("refused\nbroken\n")),
                    new PrintWriter(new StringWriter()), search)).isEqualTo(1);
            assertThat(SearchCommand.batch(new BufferedReader(new StringReader("train\nferry\n")),
                    new PrintWriter(new StringWriter()), search)).isZero();
        }
    }

    @Test
    void synonymsFromAFileAreSearchedToo() throws Exception {
        Path rules = dir.resolve("synonyms.txt");
        Files.writeString(rules, "# travel words\nlocomotive, train\nboat => ferry\n");

        assertThat(json("locomotive").get("total").asLong()).isZero();
        assertThat(json("--synonyms", rules.toString(), "locomotive").get("total").asLong()).isEqualTo(3);
        assertThat(titles("--synonyms", rules.toString(), "boat")).containsExactly("Ferry across the fjord");
        assertBad(List.of("--synonyms", dir.resolve("no-such-rules.txt").toString()), "no-such-rules.txt");
        Path broken = dir.resolve("broken-synonyms.txt");
        Files.writeString(broken, "train => rail => tram\n");
        assertBad(List.of("--synonyms", broken.toString()), "line 1");
    }

    @Test
    void batchQueriesKeepTheFiltersGivenOnTheCommandLine() throws Exception {
        Path queries = dir.resolve("filtered.txt");
        Files.writeString(queries, "train\nbread\n");

        Invocation r = Invocation.of("search", "--index", index, "--batch", queries.toString(), "--tag", "rail");

        assertThat(r.code()).as("%s", r).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(JSON.readTree(lines.get(0)).get("total").asLong()).isEqualTo(2);
        assertThat(JSON.readTree(lines.get(1)).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void badInputExitsWith2AndSaysWhatWasWrong() {
        assertBad(List.of("--sort", "sideways"), "sideways");
        assertBad(List.of("--limit", "0"), "--limit");
        assertBad(List.of("--limit", "101"), "--limit");
        assertBad(List.of("--page", "0"), "page");
        assertBad(List.of("--since", "yesterday"), "yesterday");
        assertBad(List.of("--until", "2016-13"), "2016-13");
        assertBad(List.of("--since", "2017", "--until", "2016"), "since");
        assertBad(List.of("--limit", "ten"), "ten");
        assertBad(List.of("--batch", dir.resolve("no-such-file.txt").toString()), "no-such-file.txt");
    }

    @Test
    void modeChoosesWordsMeaningOrBothWhereTheIndexHasVectors() throws Exception {
        String withVectors = dir.resolve("with-vectors").toString();
        Invocation indexed = Invocation.of("index", "--offline", "--index", withVectors, Invocation.corpus().toString());
        assertThat(indexed.code()).as("%s", indexed).isZero();

        JsonNode lexical = jsonAt(withVectors, "--mode", "lexical", "train");
        assertThat(lexical.get("mode").asText()).isEqualTo("lexical");
        assertThat(lexical.get("total").asLong()).isEqualTo(3);
        JsonNode semantic = jsonAt(withVectors, "--mode", "semantic", "train");
        assertThat(semantic.get("mode").asText()).isEqualTo("semantic");
        assertThat(semantic.get("total").asLong()).as("the nearest posts: all nine").isEqualTo(9);
        assertThat(jsonAt(withVectors, "train").get("mode").asText()).isEqualTo("hybrid");
        assertThat(json("train").get("mode").asText()).as("an index without vectors").isEqualTo("lexical");
        assertBad(List.of("--mode", "fuzzy"), "fuzzy");
    }

    @Test
    void badInputIsReportedEvenWithoutAnIndex() {
        Invocation r = Invocation.of("search", "--index", dir.resolve("nothing-here").toString(), "--sort", "sideways");

        assertThat(r.code()).isEqualTo(2);
    }

    @Test
    void aMissingIndexExitsWith1AndSaysHowToMakeOne() {
        Invocation r = Invocation.of("search", "--index", dir.resolve("nothing-here").toString(), "train");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no index at").contains("nothing-here").contains("blogsearch index");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();
    }

    private static void assertBad(List<String> options, String named) {
        List<String> args = new ArrayList<>(List.of("search", "--index", index));
        args.addAll(options);
        Invocation r = Invocation.of(args.toArray(String[]::new));
        assertThat(r.code()).as("%s: %s", options, r).isEqualTo(2);
        assertThat(r.err()).as("%s", options).contains(named);
        assertThat(r.out()).as("%s", options).isEmpty();
    }

    private static JsonNode json(String... options) throws Exception {
        return jsonAt(index, options);
    }

    private static JsonNode jsonAt(String index, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("search", "--index", index, "--json"));
        args.addAll(List.of(options));
        Invocation r = Invocation.of(args.toArray(String[]::new));
        assertThat(r.code()).as("%s", r).isZero();
        return JSON.readTree(r.out());
    }

    private static List<String> titles(String... options) throws Exception {
        List<String> titles = new ArrayList<>();
        for (JsonNode hit : json(options).get("hits")) {
            titles.add(hit.get("title").asText());
        }
        return titles;
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Map<String, Integer> counts(JsonNode facet) {
        Map<String, Integer> out = new HashMap<>();
        facet.forEach(v -> out.put(v.get("value").asText(), v.get("count").asInt()));
        return out;
    }
}
