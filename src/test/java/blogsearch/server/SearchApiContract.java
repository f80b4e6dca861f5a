package blogsearch.server;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.Marks;
import blogsearch.engine.Engine;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTP API promises, whichever engine is behind it: each subclass starts the real server over its
 * engine, filled by the same indexing run with the sample blog, a feed of hostile markup and two feeds in many
 * languages; every test here runs against each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SearchApiContract {
    static final List<String> SOURCES = List.of(Path.of("index-data", "feeds", "fewbar.xml").toString(),
            Path.of("src", "test", "resources", "feeds", "hostile", "markup.xml").toString(),
            Path.of("src", "test", "resources", "search", "languages.atom").toString(),
            Path.of("src", "test", "resources", "search", "known-items.atom").toString());
    static final int POSTS = 6 + 5 + 8 + 12;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Engine engine;
    private Server server;

    /** The engine under test, empty and writable; {@code dir} is a fresh folder it may use. */
    protected abstract Engine engine(Path dir);

    @BeforeAll
    void indexAndServe(@TempDir Path dir) {
        engine = engine(dir);
        Summary s = new Indexer(engine, Indexer.Options.defaults().withOffline(true), Indexer.Listener.NONE)
                .run(SOURCES);
        assertThat(s.added()).isEqualTo(POSTS);
        engine.refresh();
        server = new Server(engine, null, new Server.Options("127.0.0.1", 0, null, List.of(), null)).start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void wordsFindTheirPostsWithMarkedTitlesAndSnippetsAndEveryFacet() throws Exception {
        JsonNode j = get("/api/search?q=nova");
        assertThat(j.get("query").asText()).isEqualTo("nova");
        assertThat(j.get("total").asLong()).isEqualTo(3);
        assertThat(j.get("hits")).hasSize(3);
        for (JsonNode hit : j.get("hits")) {
            assertThat(hit.get("snippet").asText() + hit.get("title_html").asText()).containsIgnoringCase(
                    "<mark>nova</mark>");
        }
        assertThat(j.get("facets").fieldNames()).toIterable()
                .containsExactly("tag", "author", "feed", "year", "language");
        assertThat(j.get("did_you_mean").isNull()).isTrue();
    }

    @Test
    void pagesSortedByDateAreDisjointAndNewestFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode j = get("/api/search?tag=openstack&sort=newest&size=2&page=" + page);
            assertThat(j.get("total").asLong()).isEqualTo(6);
            assertThat(j.get("hits")).hasSize(2);
            j.get("hits").forEach(h -> {
                ids.add(h.get("id").asText());
                dates.add(h.get("published").asText());
            });
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(6);
        assertThat(dates).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(dates.get(0)).startsWith("2016-12");
        JsonNode beyond = get("/api/search?q=nova&size=2&page=999");
        assertThat(beyond.get("hits")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void datesNarrowToPostsPublishedInTheRange() throws Exception {
        assertThat(get("/api/search?since=2016&until=2016-10-25").get("total").asLong()).isEqualTo(1);
        assertThat(get("/api/search?since=2024").get("total").asLong()).isEqualTo(8 + 12);
        assertThat(get("/api/search?q=nova&until=2014").get("total").asLong()).isEqualTo(1);
        assertThat(get("/api/search?q=nova&since=2017").get("total").asLong()).isZero();
    }

    @Test
    void aSelectedValueNarrowsTheHitsAndTheOtherFacetsButNotItsOwnDimension() throws Exception {
        JsonNode all = get("/api/search");
        JsonNode summit = get("/api/search?tag=summit");
        assertThat(summit.get("total").asLong()).isEqualTo(2);
        // Its own dimension counts as if nothing of it were selected: the other tags stay, with their counts.
        assertThat(counts(summit, "tag")).isEqualTo(counts(all, "tag"));
        assertThat(selected(summit, "tag")).containsExactly("summit");
        // Other dimensions count within the selection.
        assertThat(counts(summit, "year").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        JsonNode anyOf = get("/api/search?tag=summit&tag=ibm");
        assertThat(anyOf.get("total").asLong()).isEqualTo(3);
        JsonNode german = get("/api/search?language=DE");
        assertThat(german.get("total").asLong()).isEqualTo(counts(all, "language").get("de"));
        assertThat(counts(german, "language")).isEqualTo(counts(all, "language"));
        assertThat(selected(german, "language")).containsExactly("de");
        assertThat(get("/api/search?language=de&tag=openstack").get("total").asLong()).isZero();
    }

    @Test
    void hostileFeedHtmlAndHostileQueriesComeBackEscapedWithOnlyMarks() throws Exception {
        for (String query : List.of("script", "alert", "bold", "<script>alert(1)</script>", "\"><img src=x>",
                "tag:\"<script>\"", "<mark>nova</mark>", "\u0000\u001b[31m")) {
            HttpResponse<String> r = send("/api/search?q=" + q(query));
            assertThat(r.statusCode()).as(query).isIn(200, 400);
            JsonNode j = Json.MAPPER.readTree(r.body());
            for (JsonNode hit : j.path("hits")) {
                for (String html : List.of(hit.get("title_html").asText(), hit.get("snippet").asText())) {
                    assertThat(html.replaceAll("</?mark>", "")).as(query).doesNotContain("<").doesNotContain(">");
                }
            }
        }
        JsonNode script = get("/api/search?q=script");
        assertThat(script.get("total").asLong()).isPositive();
        assertThat(script.get("hits").toString()).contains("&lt;");
        String id = get("/api/search?q=" + q("build a wall")).get("hits").get(0).get("id").asText();
        JsonNode marked = get("/api/posts/" + q(id) + "?q=nova");
        assertThat(marked.get("body_html").asText()).contains("<mark>Nova</mark>");
        assertThat(marked.get("title_html").asText()).contains("<mark>nova</mark>").contains("&#39;")
                .doesNotContain("'");
    }

    @Test
    void relatedPostsNeverIncludeThePostAndNameSharedWords() throws Exception {
        String id = get("/api/search?q=" + q("build a wall")).get("hits").get(0).get("id").asText();
        JsonNode related = get("/api/posts/" + q(id) + "/similar?size=3");
        assertThat(related.get("id").asText()).isEqualTo(id);
        assertThat(related.get("posts")).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (JsonNode p : related.get("posts")) {
            assertThat(p.get("id").asText()).isNotEqualTo(id);
            assertThat(p.get("terms")).isNotEmpty();
        }
        JsonNode byUrl = get("/api/similar?size=3&url=" + q("https://fewbar.com/2016/12/mr-nova-build-that-wall"));
        assertThat(byUrl.get("id").asText()).isEqualTo(id);
    }

    @Test
    void suggestionsCompleteTagsFirstThenTitles() throws Exception {
        JsonNode s = get("/api/suggest?q=op&size=4");
        assertThat(s.get(0).get("text").asText()).isEqualTo("openstack");
        assertThat(s.get(0).get("kind").asText()).isEqualTo("tag");
        JsonNode titles = get("/api/suggest?q=" + q("rocket sh") + "&size=4");
        assertThat(titles).isNotEmpty();
        assertThat(titles.get(0).get("kind").asText()).isEqualTo("title");
        assertThat(titles.get(0).get("text").asText()).startsWith("The Rocket Ship to Havana");
    }

    @Test
    void aMisspellingIsCorrectedAndSaysSoUnlessSpellingIsOff() throws Exception {
        JsonNode j = get("/api/search?q=opnestack");
        assertThat(j.get("did_you_mean").asText()).isEqualTo("openstack");
        assertThat(j.get("corrected").asBoolean()).isTrue();
        assertThat(j.get("total").asLong()).isEqualTo(6);
        JsonNode asTyped = get("/api/search?q=opnestack&spell=off");
        assertThat(asTyped.get("total").asLong()).isZero();
        assertThat(asTyped.get("did_you_mean").isNull()).isTrue();
        assertThat(asTyped.get("corrected").asBoolean()).isFalse();
    }

    @Test
    void statsCountPostsFeedsAndLanguages() throws Exception {
        JsonNode stats = get("/api/stats");
        assertThat(stats.get("posts").asInt()).isEqualTo(POSTS);
        assertThat(stats.get("feeds").asInt()).isEqualTo(4);
        assertThat(stats.get("oldest").asText()).startsWith("2013-04-22");
        assertThat(stats.get("index_bytes").asLong()).isPositive();
        assertThat(stats.get("languages").get(0).get("value").asText()).isEqualTo("en");
        JsonNode tags = get("/api/tags");
        assertThat(tags.get(0).get("value").asText()).isEqualTo("openstack");
        assertThat(tags.get(0).get("count").asInt()).isEqualTo(6);
    }

    @Test
    void postsInOtherLanguagesAreFoundByAnotherFormOfAWordTheyWriteAndMarkedThere() throws Exception {
        assertThat(titlesAndMarks("Brücke")).containsExactly("Über alle Brücken der Altstadt", "Brücken");
        assertThat(titlesAndMarks("cheval")).containsExactly("Le matin au village", "chevaux");
        assertThat(titlesAndMarks("библиотека")).containsExactly("Библиотека нашего города", "Библиотека",
                "библиотеке");
    }

    @Test
    void aWordInsideASentenceWithoutSpacesFindsItsPostAndNotOneWithItsCharactersScattered() throws Exception {
        // Each other post of the language has the word's characters too, in other words.
        assertThat(titlesAndMarks("自転車")).containsExactly("川沿いの公園", "自転車");
        assertThat(titlesAndMarks("自行车")).containsExactly("周末去湖边", "自行车");
    }

    @Test
    void noPostInAnotherLanguageIsFoundThroughAStemItsLanguageShares() throws Exception {
        // English stemming makes "organ" of "organization", German stemming makes it of "Organe".
        assertThat(titlesAndMarks("organizations")).contains("How an organization grows")
                .doesNotContain("Wie die Organe zusammenarbeiten");
        assertThat(titlesAndMarks("Organe")).contains("Wie die Organe zusammenarbeiten", "Organe");
    }

    @Test
    void aWholePostIsMarkedInItsLanguage() throws Exception {
        String id = get("/api/search?spell=off&q=" + q("Brücke")).get("hits").get(0).get("id").asText();
        JsonNode post = get("/api/posts/" + q(id) + "?q=" + q("Brücke"));
        assertThat(Marks.in(post.get("body_html").asText())).containsExactly("Brücken");
        assertThat(post.get("title_html").asText()).isEqualTo("Über alle <mark>Brücken</mark> der Altstadt");
    }

    /**
     * The titles of the hits of {@code query} with spelling off, then each word marked in them and their snippets,
     * once.
     */
    private List<String> titlesAndMarks(String query) throws Exception {
        List<String> titles = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (JsonNode hit : get("/api/search?spell=off&q=" + q(query)).get("hits")) {
            titles.add(hit.get("title").asText());
            marks.addAll(Marks.in(hit.get("title_html").asText()));
            marks.addAll(Marks.in(hit.get("snippet").asText()));
        }
        titles.addAll(marks.stream().distinct().toList());
        return titles;
    }


    @Test
    void badParametersGive400InJsonNamingTheParameter() throws Exception {
        String[][] cases = {
            {"/api/search?size=0", "size"}, {"/api/search?size=ten", "size"}, {"/api/search?page=0", "page"},
            {"/api/search?sort=sideways", "sort"}, {"/api/search?since=yesterday", "since"},
            {"/api/search?since=2017&until=2016", "until"}, {"/api/search?year=16", "year"},
            {"/api/search?language=english", "language"}, {"/api/search?spell=maybe", "spell"},
            {"/api/suggest?q=op&size=0", "size"}, {"/api/similar", "url"},
            {"/api/posts/x/similar?size=0", "size"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = send(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(c[0]).startsWith("application/json");
            JsonNode j = Json.MAPPER.readTree(r.body());
            assertThat(j.get("parameter").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(j.get("error").asText()).as(c[0]).isNotBlank().doesNotContain("Exception");
        }
        HttpResponse<String> missing = send("/api/posts/no-such-post");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(missing.body()).get("error").asText()).isNotBlank();
    }

    private HttpResponse<String> send(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = send(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        return json(r);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Json.MAPPER.readTree(r.body());
    }

    private static Map<String, Long> counts(JsonNode result, String dimension) {
        Map<String, Long> out = new LinkedHashMap<>();
        result.get("facets").get(dimension).forEach(v -> out.put(v.get("value").asText().toLowerCase(),
                v.get("count").asLong()));
        return out;
    }

    private static List<String> selected(JsonNode result, String dimension) {
        List<String> out = new ArrayList<>();
        result.get("facets").get(dimension).forEach(v -> {
            if (v.get("selected").asBoolean()) {
                out.add(v.get("value").asText().toLowerCase());
            }
        });
        return out;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
