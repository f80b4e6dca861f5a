package blogsearch.server;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Engine;
import blogsearch.index.PostIndex;
import blogsearch.ingest.BackgroundVectors;
import blogsearch.ingest.Follower;
import blogsearch.ingest.Indexer;
import blogsearch.json.Json;
import blogsearch.search.LuceneEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a feed served over HTTP on loopback: conditional GET, live visibility, the admin token. */
class FollowIT {
    static final String TOKEN = "s3cret-token";
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    HttpServer feedServer;
    final AtomicReference<String[]> feed = new AtomicReference<>(); // {etag, body}
    final List<String> conditionalHeaders = new CopyOnWriteArrayList<>();
    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    PostIndex index;
    Follower follower;
    Server server;

    @BeforeEach
    void start() throws Exception {
        feed.set(new String[] {"\"v1\"", rss(item("1", "Raft consensus explained", "Leaders and terms in raft."),
                item("2", "Gossip protocols", "Epidemic dissemination of state."))});
        feedServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feedServer.createContext("/feed.xml", ex -> {
            String[] current = feed.get();
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            conditionalHeaders.add(inm == null ? "" : inm);
            ex.getResponseHeaders().add("ETag", current[0]);
            if (current[0].equals(inm)) {
                statuses.add(304);
                ex.sendResponseHeaders(304, -1);
            } else {
                byte[] body = current[1].getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
                statuses.add(200);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        feedServer.start();
        index = PostIndex.open(dir.resolve("index"));
        LuceneEngine search = new LuceneEngine(index);
        String url = "http://127.0.0.1:" + feedServer.getAddress().getPort() + "/feed.xml";
        follower = new Follower(search, List.of(url), Duration.ofHours(1), Indexer.Options.defaults());
        server = new Server(search, follower, new Server.Options("127.0.0.1", 0, null, List.of(), TOKEN)).start();
    }

    @AfterEach
    void stop() {
        server.stop();
        follower.close();
        index.close();
        feedServer.stop(0);
    }

    @Test
    void reindexFetchesWithConditionalGetAndNewPostsAreSearchableAtOnce() throws Exception {
        JsonNode first = reindex(TOKEN);
        assertThat(first.get("posts_added").asInt()).isEqualTo(2);
        assertThat(total("raft")).isEqualTo(1);

        JsonNode unchanged = reindex(TOKEN);
        assertThat(unchanged.get("feeds_unchanged").asInt()).isEqualTo(1);
        assertThat(unchanged.get("posts_added").asInt()).isZero();
        assertThat(conditionalHeaders).containsExactly("", "\"v1\"");
        assertThat(statuses).containsExactly(200, 304);

        feed.set(new String[] {"\"v2\"", rss(item("1", "Raft consensus explained", "Leaders, terms and log compaction."),
                item("2", "Gossip protocols", "Epidemic dissemination of state."),
                item("3", "Vector clocks", "Causality without synchronized time."))});
        JsonNode changed = reindex(TOKEN);
        assertThat(changed.get("posts_added").asInt()).isEqualTo(1);
        assertThat(changed.get("posts_updated").asInt()).isEqualTo(1);
        assertThat(changed.get("posts_unchanged").asInt()).isEqualTo(1);
        assertThat(total("causality")).isEqualTo(1);
        assertThat(total("compaction")).isEqualTo(1);
        assertThat(json(get("/api/stats")).get("posts").asInt()).isEqualTo(3);
    }

    @Test
    void theScheduleFetchesWithoutARequestAndQueriesKeepBeingServed() throws Exception {
        follower.start(); // first run now
        long deadline = System.currentTimeMillis() + 20_000;
        while (total("gossip") == 0 && System.currentTimeMillis() < deadline) {
            assertThat(get("/api/search?q=gossip").statusCode()).isEqualTo(200);
            Thread.sleep(50);
        }
        assertThat(total("gossip")).isEqualTo(1);
    }

    @Test
    void fetchedPostsGetTheirVectorsInTheBackgroundAndTheVectorsAreCommitted() throws Exception {
        Engine engine = new LuceneEngine(index);
        try (BackgroundVectors vectors = new BackgroundVectors(engine, engine.model().orElseThrow(), 1,
                follower::commitIfIdle, Duration.ofMillis(100))) {
            vectors.start();
            assertThat(reindex(TOKEN).get("posts_added").asInt()).isEqualTo(2);
            assertThat(total("raft")).as("searchable by words at once").isEqualTo(1);
            long deadline = System.currentTimeMillis() + 60_000;
            while (json(get("/api/stats")).get("without_vector").asLong() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(json(get("/api/stats")).get("without_vector").asLong()).isZero();
            JsonNode found = json(get("/api/search?mode=semantic&q=how+do+servers+elect+a+leader"));
            assertThat(found.get("mode").asText()).isEqualTo("semantic");
            assertThat(found.get("hits").get(0).get("title").asText()).isEqualTo("Raft consensus explained");
        }
        try (Engine committed = LuceneEngine.openReadOnly(dir.resolve("index"), Optional.empty())) {
            assertThat(committed.stats().posts()).isEqualTo(2);
            assertThat(committed.stats().withoutVector()).as("the vectors are in the last commit").isZero();
        }
    }

    @Test
    void reindexNeedsTheToken() throws Exception {
        for (String header : new String[] {null, "Bearer wrong", "Bearer ", "Basic " + TOKEN, TOKEN}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/reindex")).POST(HttpRequest.BodyPublishers.noBody());
            if (header != null) {
                b.header("Authorization", header);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(json(r).get("error").asText()).doesNotContain(TOKEN);
        }
        assertThat(statuses).as("no fetch without the token").isEmpty();
    }

    JsonNode reindex(String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/reindex"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    long total(String query) throws Exception {
        return json(get("/api/search?q=" + query)).get("total").asLong();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    static String item(String guid, String title, String body) {
        return "<item><guid isPermaLink=\"false\">" + guid + "</guid><title>" + title + "</title>"
                + "<link>https://dist.example/posts/" + guid + "</link><pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate>"
                + "<description>&lt;p&gt;" + body + "&lt;/p&gt;</description></item>";
    }

    static String rss(String... items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Distributed notes</title>"
                + "<link>https://dist.example/</link>" + String.join("", items) + "</channel></rss>";
    }
}
