package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.OpenSearchCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index folder copied into the cluster with {@code migrate}: no feed is fetched, both engines then answer
 * alike, and following a feed on the cluster afterwards asks the feed's server whether it changed.
 */
@ExtendWith(OpenSearchCluster.class)
class MigrateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aMigratedIndexAnswersAlikeAndItsFeedsAreFetchedConditionallyAfterwards() throws Exception {
        byte[] feed = Files.readAllBytes(Path.of("index-data", "feeds", "fewbar.xml"));
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed.xml", exchange -> {
            String validator = exchange.getRequestHeaders().getFirst("If-None-Match");
            requests.add(validator == null ? "GET" : "GET If-None-Match " + validator);
            exchange.getResponseHeaders().add("ETag", "\"fewbar-1\"");
            if ("\"fewbar-1\"".equals(validator)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
                exchange.sendResponseHeaders(200, feed.length);
                exchange.getResponseBody().write(feed);
            }
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
            String index = dir.resolve("index").toString();
            List<String> folder = List.of("--index", index);
            List<String> cluster = List.of("--opensearch", OpenSearchCluster.shared().url(), "--opensearch-index",
                    "migrated", "--replicas", "1");
            // Words only: OpenSearch has no vectors, and the two engines are compared on the same ranking.
            Invocation indexed = OpenSearchCommandsIT.run("index", folder, "--no-semantic", url,
                    Invocation.corpus().toString());
            assertThat(indexed.code()).as("%s", indexed).isZero();
            assertThat(requests).containsExactly("GET");

            Invocation migrated = OpenSearchCommandsIT.run("migrate", cluster, "--to", "opensearch", "--index", index);
            assertThat(migrated.code()).as("%s", migrated).isZero();
            assertThat(migrated.out()).contains("Copied 15 posts and 4 feeds from ").contains("migrated on OpenSearch");
            assertThat(requests).as("no feed fetched by migrate").containsExactly("GET");

            for (String query : List.of("nova", "train", "openstack summit", "\"build a wall\"")) {
                JsonNode a = JSON.readTree(OpenSearchCommandsIT.run("search", folder, "--json", query).out());
                JsonNode b = JSON.readTree(OpenSearchCommandsIT.run("search", cluster, "--json", query).out());
                assertThat(b.get("total")).as(query).isEqualTo(a.get("total"));
                assertThat(b.get("facets")).as(query).isEqualTo(a.get("facets"));
                assertThat(b.get("hits").findValues("id")).as(query)
                        .containsExactlyInAnyOrderElementsOf(a.get("hits").findValues("id"));
            }
            JsonNode statsA = JSON.readTree(OpenSearchCommandsIT.run("stats", folder, "--json").out());
            JsonNode statsB = JSON.readTree(OpenSearchCommandsIT.run("stats", cluster, "--json").out());
            for (String field : List.of("posts", "feeds", "tags", "oldest", "newest", "languages")) {
                assertThat(statsB.get(field)).as(field).isEqualTo(statsA.get(field));
            }

            Invocation followed = OpenSearchCommandsIT.run("index", cluster, "--json", url,
                    Invocation.corpus().toString());
            assertThat(followed.code()).as("%s", followed).isZero();
            assertThat(requests).containsExactly("GET", "GET If-None-Match \"fewbar-1\"");
            JsonNode summary = JSON.readTree(followed.out());
            assertThat(summary.get("feeds_unchanged").asInt()).as("%s", followed).isEqualTo(4);
            assertThat(summary.get("posts_added").asInt()).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void migrateNamesWhatIsMissingOrWrong() {
        Invocation elsewhere = Invocation.of("migrate", "--to", "solr", "--opensearch", "http://127.0.0.1:1");
        assertThat(elsewhere.code()).isEqualTo(2);
        assertThat(elsewhere.err()).contains("'solr'");
        Invocation noAddress = Invocation.of("migrate", "--to", "opensearch", "--index", dir.toString());
        assertThat(noAddress.code()).isEqualTo(2);
        assertThat(noAddress.err()).contains("--opensearch URL");
        Invocation noFolder = Invocation.of("migrate", "--to", "opensearch", "--opensearch",
                OpenSearchCluster.shared().url(), "--index", dir.resolve("none").toString());
        assertThat(noFolder.code()).isEqualTo(1);
        assertThat(noFolder.err()).contains("no index at").contains("none");
    }
}
