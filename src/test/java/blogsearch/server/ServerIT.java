package blogsearch.server;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.RawHttp;
import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.json.Json;
import blogsearch.search.LuceneEngine;
import blogsearch.search.Synonyms;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server on a loopback port, over the bundled sample blog: every endpoint and error case. */
class ServerIT {
    @TempDir
    static Path dir;

    static PostIndex index;
    static Server server;
    static Server corsServer;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        index = PostIndex.open(dir.resolve("index"));
        Summary s = new Indexer(new LuceneEngine(index), Indexer.Options.defaults().withOffline(true),
                Indexer.Listener.NONE).run(List.of(Path.of("index-data", "feeds", "fewbar.xml").toString()));
        assertThat(s.added()).isEqualTo(6);
        index.refresh();
        LuceneEngine search = new LuceneEngine(index);
        server = new Server(search, null, new Server.Options("127.0.0.1", 0, null, List.of(), null)).start();
        corsServer = new Server(search, null,
                new Server.Options("127.0.0.1", 0, null, List.of("http://blog.example"), null)).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        corsServer.stop();
        index.close();
    }

    @Test
    void preloadingListensNowhere() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Server.preload(new Server.Options("127.0.0.1", port, Path.of("web"), List.of("http://blog.example"), "secret"));
        // Built and dropped, never started: the port is still free.
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        return send(server, "GET", pathAndQuery, headers);
    }

    static HttpResponse<String> send(Server s, String method, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Json.MAPPER.readTree(r.body());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void searchReturnsHighlightedHitsFacetsAndTiming() throws Exception {
        HttpResponse<String> r = get("/api/search?q=nova");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r);
        assertThat(j.get("query").asText()).isEqualTo("nova");
        assertThat(j.get("total").asLong()).isEqualTo(3);
        assertThat(j.has("took_ms")).isTrue();
        JsonNode hit = j.get("hits").get(0);
        for (String key : List.of("id", "url", "title", "title_html", "published", "tags", "snippet", "score")) {
            assertThat(hit.has(key)).as(key).isTrue();
        }
        assertThat(hit.get("snippet").asText()).contains("<mark>");
        assertThat(j.get("facets").fieldNames()).toIterable().containsExactly("tag", "author", "feed", "year", "language");
        assertThat(j.get("did_you_mean").isNull()).isTrue();
    }

    @Test
    void filtersSortAndPagingWork() throws Exception {
        JsonNode tagged = json(get("/api/search?tag=summit"));
        assertThat(tagged.get("total").asLong()).isEqualTo(2);
        JsonNode anyOf = json(get("/api/search?tag=summit&tag=ibm"));
        assertThat(anyOf.get("total").asLong()).isEqualTo(3);
        JsonNode dated = json(get("/api/search?since=2016&until=2016-10-25"));
        assertThat(dated.get("total").asLong()).isEqualTo(1);
        JsonNode newest = json(get("/api/search?sort=newest&size=2&page=2"));
        assertThat(newest.get("total").asLong()).isEqualTo(6);
        assertThat(newest.get("hits")).hasSize(2);
        assertThat(newest.get("hits").get(0).get("published").asText()).startsWith("2016-10-22");
        assertThat(newest.get("warnings")).isEmpty();
        JsonNode beyond = json(get("/api/search?q=nova&size=2&page=999"));
        assertThat(beyond.get("hits")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(3);
        assertThat(beyond.get("warnings")).extracting(JsonNode::asText)
                .containsExactly("page 999 is past the last page (2)");
    }

    @Test
    void anIndexWithoutVectorsAnswersEveryModeByWordsAndSaysSo() throws Exception {
        for (String mode : List.of("", "&mode=hybrid", "&mode=lexical", "&mode=semantic")) {
            JsonNode j = json(get("/api/search?q=nova" + mode));
            assertThat(j.get("mode").asText()).as(mode).isEqualTo("lexical");
            assertThat(j.get("total").asLong()).as(mode).isEqualTo(3);
        }
        assertThat(json(get("/api/search?q=nova&mode=semantic")).get("warnings")).extracting(JsonNode::asText)
                .containsExactly("no post has a vector for search by meaning: posts are matched by their words");
        HttpResponse<String> bad = get("/api/search?q=nova&mode=fuzzy");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).contains("'fuzzy'").contains("hybrid, lexical or semantic");
    }

    @Test
    void misspellingGetsADidYouMean() throws Exception {
        JsonNode j = json(get("/api/search?q=opnestack"));
        assertThat(j.get("did_you_mean").asText()).isEqualTo("openstack");
        assertThat(j.get("corrected").asBoolean()).isTrue();
        assertThat(j.get("total").asLong()).isEqualTo(6);
        JsonNode asTyped = json(get("/api/search?q=opnestack&spell=off"));
        assertThat(asTyped.get("total").asLong()).isZero();
        assertThat(asTyped.get("did_you_mean").isNull()).isTrue();
        assertThat(get("/api/search?q=x&spell=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void badParametersGive400WithTheParameterNamed() throws Exception {
        String longQuery = q("a ".repeat(8_193)); // 16 KB and two bytes
        String[][] cases = {
            {"/api/search?size=0", "size"}, {"/api/search?size=10000", "size"}, {"/api/search?size=ten", "size"},
            {"/api/search?page=0", "page"}, {"/api/search?page=2000&size=10", "page"},
            {"/api/search?sort=sideways", "sort"}, {"/api/search?since=yesterday", "since"},
            {"/api/search?until=2016-13-45", "until"}, {"/api/search?since=2017&until=2016", "until"},
            {"/api/search?q=" + longQuery, "q"}, {"/api/search?year=16", "year"}, {"/api/search?q=x&mode=fuzzy", "mode"},
            {"/api/suggest?q=op&size=0", "size"}, {"/api/similar", "url"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = get(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            JsonNode j = json(r);
            assertThat(j.get("parameter").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(j.get("error").asText()).as(c[0]).isNotBlank().doesNotContain("Exception");
            assertThat(r.headers().firstValue("ETag")).as(c[0]).isEmpty();
        }
    }

    @Test
    void aQuestionOf16KbIsAnsweredAndALongerOneIs400SayingTheLimit() throws Exception {
        String words = "nova compute scheduler cells placement api upgrade ";
        String question = words.repeat(Params.MAX_QUERY_BYTES / words.length());
        HttpResponse<String> ok = get("/api/search?q=" + q(question));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("total").asLong()).isPositive();

        // Counted in bytes: 8,193 two-byte letters, three times as long once percent-encoded in the URL.
        HttpResponse<String> tooLong = get("/api/search?q=" + q("\u00e9".repeat(8_193)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        JsonNode j = json(tooLong);
        assertThat(j.get("parameter").asText()).isEqualTo("q");
        assertThat(j.get("error").asText()).contains("16,386 bytes").contains("16 KB");
    }

    @Test
    void synonymsAreSearchedAndTheStatsNameTheirFile() throws Exception {
        Path rules = dir.resolve("blog-synonyms.txt");
        Files.writeString(rules, "# the project's old name\nnovacompute => nova\n");
        Server withRules = new Server(new LuceneEngine(index, Synonyms.load(rules)), null,
                new Server.Options("127.0.0.1", 0, null, List.of(), null)).start();
        try {
            assertThat(json(send(withRules, "GET", "/api/search?q=novacompute")).get("total").asLong()).isEqualTo(3);
            JsonNode synonyms = json(send(withRules, "GET", "/api/stats")).get("synonyms");
            assertThat(synonyms.get("file").asText()).isEqualTo("blog-synonyms.txt");
            assertThat(synonyms.get("rules").asInt()).isEqualTo(1);
        } finally {
            withRules.stop();
        }
    }

    @Test
    void unknownPostsAndRoutesAre404InJson() throws Exception {
        for (String path : List.of("/api/posts/AAAAAAAAAAAAAAAA", "/api/posts/not-an-id", "/api/posts/xyz/similar",
                "/api/similar?url=" + q("https://nowhere.example/post"), "/api/nothing", "/api/search/deeper")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(json(r).get("error").asText()).as(path).isNotBlank();
        }
        HttpResponse<String> wrongMethod = send(server, "DELETE", "/api/search");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("error").asText()).contains("DELETE");
    }

    /** Under /api every answer is JSON; elsewhere a browser gets the site's own page, and any other client JSON. */
    @Test
    void unknownPathsAre404AsJsonForClientsAndAsThePagesOwn404ForBrowsers() throws Exception {
        Server site = new Server(new LuceneEngine(index), null,
                new Server.Options("127.0.0.1", 0, Path.of("web"), List.of(), null)).start();
        try {
            String html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
            for (String path : List.of("/api", "/api/", "/api/nope", "/nope", "/nope/deeper.html", "/index.htm")) {
                for (String[] accept : new String[][] {{"Accept", "application/json"}, {"Accept", "*/*"}, {}}) {
                    HttpResponse<String> r = send(site, "GET", path, accept);
                    assertThat(r.statusCode()).as("%s %s", path, List.of(accept)).isEqualTo(404);
                    assertThat(json(r).get("error").asText()).as(path).contains(path);
                }
                HttpResponse<String> browser = send(site, "GET", path, "Accept", html);
                assertThat(browser.statusCode()).as(path).isEqualTo(404);
                if (path.startsWith("/api")) {
                    assertThat(json(browser).get("error").asText()).as(path).contains(path);
                } else {
                    assertThat(browser.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
                    assertThat(browser.body()).as(path).contains("<h1", "No page here", "href=\"/app.css\"");
                }
            }
        } finally {
            site.stop();
        }
    }

    @Test
    void aPostCanBeFetchedWholeAndHighlighted() throws Exception {
        String id = json(get("/api/search?q=" + q("build a wall"))).get("hits").get(0).get("id").asText();
        JsonNode post = json(get("/api/posts/" + id));
        assertThat(post.get("title").asText()).startsWith("OpenStack's nova-compute's border");
        assertThat(post.get("text").asText()).contains("In the beginning there was Nova");
        assertThat(post.get("tags")).hasSize(6);
        JsonNode marked = json(get("/api/posts/" + id + "?q=nova"));
        assertThat(marked.get("body_html").asText()).contains("<mark>Nova</mark>").contains("(<mark>nova</mark>-network");
        assertThat(marked.get("title_html").asText()).isEqualTo("OpenStack&#39;s <mark>nova</mark>-compute&#39;s border "
                + "is porous - We need to build a wall");
        assertThat(marked.get("post").get("id").asText()).isEqualTo(id);
    }

    @Test
    void similarPostsByIdAndByUrlNeverIncludeThePostItself() throws Exception {
        JsonNode byUrl = json(get("/api/similar?size=3&url=" + q("https://fewbar.com/2016/12/mr-nova-build-that-wall")));
        String id = byUrl.get("id").asText();
        assertThat(byUrl.get("posts")).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        JsonNode byId = json(get("/api/posts/" + id + "/similar?size=3"));
        assertThat(byId.get("posts")).isEqualTo(byUrl.get("posts"));
        for (JsonNode p : byId.get("posts")) {
            assertThat(p.get("id").asText()).isNotEqualTo(id);
            assertThat(p.get("terms")).isNotEmpty();
        }
    }

    @Test
    void suggestTagsStatsHealthAndOpenApi() throws Exception {
        JsonNode suggestions = json(get("/api/suggest?q=op&size=4"));
        assertThat(suggestions.get(0).get("text").asText()).isEqualTo("openstack");
        assertThat(suggestions.get(0).get("kind").asText()).isEqualTo("tag");
        assertThat(suggestions.size()).isBetween(2, 4);
        JsonNode tags = json(get("/api/tags"));
        assertThat(tags.get(0).get("value").asText()).isEqualTo("openstack");
        assertThat(tags.get(0).get("count").asInt()).isEqualTo(6);
        JsonNode stats = json(get("/api/stats"));
        assertThat(stats.get("posts").asInt()).isEqualTo(6);
        assertThat(stats.get("feeds").asInt()).isEqualTo(1);
        assertThat(stats.get("oldest").asText()).startsWith("2013-04-22");
        assertThat(stats.get("index_bytes").asLong()).isPositive();
        assertThat(stats.has("index")).as("no server paths in the API").isFalse();
        assertThat(stats.get("synonyms").isNull()).isTrue();
        assertThat(json(get("/health")).get("status").asText()).isEqualTo("ok");
        JsonNode openApi = json(get("/openapi.json"));
        assertThat(openApi.get("paths").fieldNames()).toIterable()
                .contains("/api/search", "/api/posts/{id}", "/api/posts/{id}/similar", "/api/suggest", "/api/tags",
                        "/api/stats", "/api/reindex", "/health");
    }

    @Test
    void unchangedAnswersCostA304() throws Exception {
        HttpResponse<String> first = get("/api/search?q=cloud");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-cache");
        HttpResponse<String> again = get("/api/search?q=cloud", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/api/search?q=summit", "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void everyKindOfAnswerGivesBackItsTurn() throws Exception {
        String etag = get("/api/search?q=cloud").headers().firstValue("ETag").orElseThrow();
        List<String[]> requests = List.of(new String[] {"/api/search?q=openstack"}, new String[] {"/api/search?size=0"},
                new String[] {"/api/posts/nothing-here"}, new String[] {"/api/no-such-endpoint"},
                new String[] {"/api/search?q=" + q("\"unbalanced")}, new String[] {"/api/tags"},
                new String[] {"/api/search?q=cloud", "If-None-Match", etag});
        // Many times more requests than may run at once, several at a time: had any outcome kept its turn,
        // the turns would run out and later requests would wait and then be refused as busy.
        ExecutorService clients = Executors.newFixedThreadPool(Server.MAX_WORKING * 2);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < Server.MAX_WORKING * 5; i++) {
                for (String[] r : requests) {
                    statuses.add(clients.submit(() -> get(r[0], java.util.Arrays.copyOfRange(r, 1, r.length))
                            .statusCode()));
                }
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isIn(200, 304, 400, 404);
            }
        } finally {
            clients.shutdownNow();
        }
        long start = System.nanoTime();
        assertThat(get("/api/stats").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(Server.MAX_WAIT_MILLIS / 2);
    }

    @Test
    void whenEveryTurnIsTakenARequestWaitsThenIsToldTheServerIsBusy() throws Exception {
        int taken = server.working.drainPermits();
        try {
            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return get("/api/search?q=cloud");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            assertThat(get("/health").statusCode()).isEqualTo(200); // not an API request: no turn needed
            server.working.release(taken);
            taken = 0;
            assertThat(waiting.get().statusCode()).isEqualTo(200);

            taken = server.working.drainPermits();
            long start = System.nanoTime();
            HttpResponse<String> refused = get("/api/tags");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(Server.MAX_WAIT_MILLIS);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(refused).get("error").asText()).contains("busy");
        } finally {
            server.working.release(taken);
        }
    }

    @Test
    void pastTheConnectionLimitANewConnectionWaitsUntilAnIdleOneIsClosed() throws Exception {
        Server limited = new Server(new LuceneEngine(index), null,
                new Server.Options("127.0.0.1", 0, null, List.of(), null).withMaxConnections(10)).start();
        List<RawHttp> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                RawHttp c = RawHttp.connect(limited.port(), 10_000);
                idle.add(c);
                assertThat(c.get("/health").status()).isEqualTo(200);
            }
            try (RawHttp late = RawHttp.connect(limited.port(), 10_000)) {
                long start = System.nanoTime();
                assertThat(late.get("/api/search?q=nova").status()).isEqualTo(200);
                assertThat((System.nanoTime() - start) / 1_000_000).as("ms waited for a free connection")
                        .isBetween(Server.IDLE_WHEN_FULL_MILLIS / 3, 5 * Server.IDLE_WHEN_FULL_MILLIS);
            }
            assertThat(idle.get(0).closedByServer(5_000)).as("idle connections are closed when the server is full")
                    .isTrue();
        } finally {
            for (RawHttp c : idle) {
                c.close();
            }
            limited.stop();
        }
    }

    @Test
    void largeAnswersAreGzipped() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/search?size=6"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(Json.MAPPER.readTree(body).get("total").asInt()).isEqualTo(6);
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigins() throws Exception {
        HttpResponse<String> allowed = send(corsServer, "GET", "/api/search?q=nova", "Origin", "http://blog.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://blog.example");
        HttpResponse<String> other = send(corsServer, "GET", "/api/search?q=nova", "Origin", "http://evil.example");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = send(corsServer, "OPTIONS", "/api/search?q=nova", "Origin", "http://blog.example",
                "Access-Control-Request-Method", "GET");
        assertThat(preflight.statusCode()).isLessThan(300);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://blog.example");
        HttpResponse<String> noCors = send(server, "GET", "/api/search?q=nova", "Origin", "http://blog.example");
        assertThat(noCors.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aDisallowedOriginGetsTheAnswerWithoutCorsHeaders() throws Exception {
        HttpResponse<String> allowed = send(corsServer, "GET", "/api/search?q=nova", "Origin", "http://blog.example");
        HttpResponse<String> other = send(corsServer, "GET", "/api/search?q=nova", "Origin", "http://evil.example");
        assertThat(other.statusCode()).isEqualTo(200);
        // The same answer, but for the time it took.
        assertThat(withoutTime(other.body())).isEqualTo(withoutTime(allowed.body()));
        assertThat(other.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        assertThat(other.headers().allValues("Vary")).as("a cache keeps one answer per origin").anyMatch(
                v -> v.contains("Origin"));
        HttpResponse<String> preflight = send(corsServer, "OPTIONS", "/api/search?q=nova", "Origin",
                "http://evil.example", "Access-Control-Request-Method", "GET");
        assertThat(preflight.statusCode()).isLessThan(300);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static String withoutTime(String json) {
        return json.replaceAll("\"took_ms\":\\d+", "\"took_ms\":0");
    }

    @Test
    void gzippedAndPlainAnswersVaryByEncodingAndHaveDifferentEtags() throws Exception {
        HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/search?size=6&q=cloud"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> plain = get("/api/search?size=6&q=cloud");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        for (HttpResponse<?> r : List.of(gzipped, plain)) {
            assertThat(String.join(",", r.headers().allValues("Vary"))).contains("Accept-Encoding");
        }
        String gzipTag = gzipped.headers().firstValue("ETag").orElseThrow();
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipTag).isNotEqualTo(plainTag);
        // Each validator only matches its own encoding.
        assertThat(get("/api/search?size=6&q=cloud", "If-None-Match", plainTag).statusCode()).isEqualTo(304);
        assertThat(get("/api/search?size=6&q=cloud", "If-None-Match", gzipTag).statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedRequestIsAnsweredWithConnectionCloseAndTheConnectionClosed() throws Exception {
        for (String target : List.of("/api/posts/a%00b", "/api/posts/%c0%af", "/api/posts/a%2fb%00")) {
            try (RawHttp c = RawHttp.connect(server.port(), 10_000)) {
                RawHttp.Response r = c.get(target);
                assertThat(r.status()).as(target).isEqualTo(400);
                assertThat(r.text()).as(target).contains("\"error\"");
                assertThat(r.header("Connection")).as(target).isEqualTo("close");
                assertThat(c.closedByServer(2_000)).as(target).isTrue();
            }
        }
        try (RawHttp c = RawHttp.connect(server.port(), 10_000)) {
            RawHttp.Response r = c.send("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer(2_000)).isTrue();
        }
    }

    @Test
    void reindexIsOffWithoutAToken() throws Exception {
        HttpResponse<String> r = send(server, "POST", "/api/reindex");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("error").asText()).contains("--admin-token");
    }

    @Test
    void hostileQueriesNeverGiveAServerError() throws Exception {
        for (String hostile : List.of("\"", "-", "OR", "tag:", "a:b:c", "*", "**a", "((", "\\", "%00",
                "<script>alert(1)</script>", "after:99999-99-99", "title:\"unclosed", "\u0000\u001b[31m")) {
            HttpResponse<String> r = get("/api/search?q=" + q(hostile));
            assertThat(r.statusCode()).as(hostile).isIn(200, 400);
            JsonNode j = json(r);
            assertThat(r.body()).as(hostile).doesNotContain("Exception");
            // Plain-text fields (like "query") are for the client to escape; HTML fields carry only <mark>.
            for (JsonNode hit : j.path("hits")) {
                for (String html : List.of(hit.get("title_html").asText(), hit.get("snippet").asText())) {
                    assertThat(html.replaceAll("</?mark>", "")).as(hostile).doesNotContain("<").doesNotContain(">");
                }
            }
        }
    }

    @Test
    void theStaticSiteIsServedWhenAWebFolderExists() throws Exception {
        Path web = Files.createDirectories(dir.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>search</title>");
        Server withWeb = new Server(new LuceneEngine(index), null,
                new Server.Options("127.0.0.1", 0, web, List.of(), null)).start();
        try {
            HttpResponse<String> page = send(withWeb, "GET", "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>search</title>");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(send(withWeb, "GET", "/api/search?q=nova").statusCode()).isEqualTo(200);
        } finally {
            withWeb.stop();
        }
    }
}
