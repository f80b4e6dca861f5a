package blogsearch.server;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.index.PostIndex;
import blogsearch.ingest.Follower;
import blogsearch.ingest.Indexer;
import blogsearch.json.Json;
import blogsearch.search.LuceneEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API description (openapi.json) against the live server: every documented operation is called, in its
 * successful and its failing forms, and each answer's status must be documented for that operation and its body
 * match the documented schema, field by field, with no field left undocumented.
 */
class OpenApiIT {
    private static final String TOKEN = "contract-token";
    private static final Path SAMPLE = Path.of("index-data", "feeds", "fewbar.xml");

    @TempDir
    static Path dir;

    static PostIndex index;
    static Follower follower;
    /** Following the sample, with the admin token; without a token; with a token but following nothing. */
    static Server following;
    static Server withoutToken;
    static Server withoutFollowing;
    static JsonNode spec;
    static OpenApiSchema schemas;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        index = PostIndex.open(dir.resolve("index"));
        LuceneEngine search = new LuceneEngine(index);
        new Indexer(search, Indexer.Options.defaults().withOffline(true), Indexer.Listener.NONE)
                .run(List.of(SAMPLE.toString()));
        index.refresh();
        follower = new Follower(search, List.of(SAMPLE.toString()), Duration.ofHours(1),
                Indexer.Options.defaults().withOffline(true));
        following = new Server(search, follower, new Server.Options("127.0.0.1", 0, null, List.of(), TOKEN)).start();
        withoutToken = new Server(search, null, new Server.Options("127.0.0.1", 0, null, List.of(), null)).start();
        withoutFollowing = new Server(search, null, new Server.Options("127.0.0.1", 0, null, List.of(), TOKEN)).start();
        try (InputStream in = OpenApiIT.class.getResourceAsStream("/openapi.json")) {
            spec = Json.MAPPER.readTree(in);
        }
        schemas = new OpenApiSchema(spec);
    }

    @AfterAll
    static void stop() {
        for (Server s : List.of(following, withoutToken, withoutFollowing)) {
            s.stop();
        }
        follower.close();
        index.close();
    }

    /** One request for an operation: which server, what path and query, with the admin token or not. */
    record Call(String operationId, Server server, String method, String pathAndQuery, boolean token) {}

    @Test
    void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        String id = get(following, "/api/search?q=nova").get("hits").get(0).get("id").asText();
        String url = get(following, "/api/posts/" + id).get("url").asText();
        String missing = "AAAAAAAAAAAAAAAA";
        List<Call> calls = List.of(
                new Call("searchPosts", following, "GET", "/api/search?q=nova", false),
                new Call("searchPosts", following, "GET", "/api/search", false),
                new Call("searchPosts", following, "GET", "/api/search?q=opnestack&tag=openstack&sort=newest", false),
                new Call("searchPosts", following, "GET", "/api/search?q=nova&size=2&page=999", false),
                new Call("searchPosts", following, "GET", "/api/search?size=0", false),
                new Call("getPost", following, "GET", "/api/posts/" + id, false),
                new Call("getPost", following, "GET", "/api/posts/" + id + "?q=nova", false),
                new Call("getPost", following, "GET", "/api/posts/" + missing, false),
                new Call("getSimilarPosts", following, "GET", "/api/posts/" + id + "/similar?size=3", false),
                new Call("getSimilarPosts", following, "GET", "/api/posts/" + missing + "/similar", false),
                new Call("getSimilarPosts", following, "GET", "/api/posts/" + id + "/similar?size=0", false),
                new Call("getSimilarPostsByUrl", following, "GET", "/api/similar?url=" + url, false),
                new Call("getSimilarPostsByUrl", following, "GET", "/api/similar?url=https://nowhere.example/", false),
                new Call("getSimilarPostsByUrl", following, "GET", "/api/similar", false),
                new Call("suggest", following, "GET", "/api/suggest?q=op", false),
                new Call("suggest", following, "GET", "/api/suggest?q=op&size=0", false),
                new Call("listTags", following, "GET", "/api/tags", false),
                new Call("listTags", following, "GET", "/api/tags?size=ten", false),
                new Call("getStats", following, "GET", "/api/stats", false),
                new Call("getHealth", following, "GET", "/health", false),
                new Call("reindex", following, "POST", "/api/reindex", true),
                new Call("reindex", following, "POST", "/api/reindex", false),
                new Call("reindex", withoutToken, "POST", "/api/reindex", true),
                new Call("reindex", withoutFollowing, "POST", "/api/reindex", true));

        Map<String, String> operations = operations();
        Set<String> called = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        Set<String> statuses = new LinkedHashSet<>();
        for (Call c : calls) {
            String where = c.method() + " " + c.pathAndQuery();
            String pointer = operations.get(c.operationId());
            assertThat(pointer).as("%s is documented", c.operationId()).isNotNull();
            JsonNode operation = spec.at(pointer);
            HttpResponse<String> r = send(c);
            called.add(c.operationId());
            statuses.add(c.operationId() + " " + r.statusCode());
            JsonNode response = operation.path("responses").path(String.valueOf(r.statusCode()));
            if (response.isMissingNode()) {
                problems.add(where + ": status " + r.statusCode() + " is not documented");
                continue;
            }
            JsonNode schema = schemas.resolve(response).path("content").path("application/json").path("schema");
            if (schema.isMissingNode()) {
                problems.add(where + ": status " + r.statusCode() + " has no documented body");
                continue;
            }
            if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                problems.add(where + ": not JSON");
                continue;
            }
            JsonNode body = Json.MAPPER.readTree(r.body());
            problems.addAll(schemas.problems(schema, body, where + " (" + r.statusCode() + ")"));
        }

        assertThat(problems).isEmpty();
        assertThat(called).as("every documented operation is called").containsExactlyInAnyOrderElementsOf(
                operations.keySet());
        // Each operation was seen succeeding, and failing where it can.
        assertThat(statuses).contains("searchPosts 200", "searchPosts 400", "getPost 200", "getPost 404",
                "getSimilarPosts 200", "getSimilarPosts 404", "getSimilarPosts 400", "getSimilarPostsByUrl 200",
                "getSimilarPostsByUrl 404", "getSimilarPostsByUrl 400", "suggest 200", "suggest 400", "listTags 200",
                "listTags 400", "getStats 200", "getHealth 200", "reindex 200", "reindex 401", "reindex 403",
                "reindex 409");
    }

    /** operationId to the JSON pointer of its operation, for every operation the description has. */
    private static Map<String, String> operations() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String escaped = path.getKey().replace("~", "~0").replace("/", "~1");
                out.put(op.getValue().get("operationId").asText(), "/paths/" + escaped + "/" + op.getKey());
            }
        }
        return out;
    }

    private static HttpResponse<String> send(Call c) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + c.server().port() + c.pathAndQuery());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(c.method(), HttpRequest.BodyPublishers.noBody());
        if (c.token()) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(Server s, String pathAndQuery) throws Exception {
        HttpResponse<String> r = send(new Call("", s, "GET", pathAndQuery, false));
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }
}
