package blogsearch.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.OpenSearchCluster;
import blogsearch.engine.Engine;
import blogsearch.engine.FeedRecord;
import blogsearch.engine.IndexError;
import blogsearch.engine.PostRecord;
import blogsearch.engine.SearchRequest;
import blogsearch.json.Json;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reindexing on the cluster: a new index numbered one more, laid out as the schema says, with the same shards and
 * replicas and every post, put behind the alias in one step while searches go on unharmed; the old one dropped.
 */
@ExtendWith(OpenSearchCluster.class)
class ReindexIT {
    static final int POSTS = 5_000;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void searchesInALoopSeeNoErrorAndTheSameTotalWhileTheAliasMoves() throws Exception {
        OpenSearchCluster cluster = OpenSearchCluster.shared();
        OpenSearchEngine engine = OpenSearchEngine.open(OpenSearchEngine.Options.of(cluster.url(), "moving", 2, 1));
        for (int i = 0; i < POSTS; i += 500) {
            List<PostRecord> batch = new ArrayList<>();
            for (int k = i; k < i + 500; k++) {
                batch.add(new PostRecord(post(k), k));
            }
            engine.put(batch);
        }
        engine.putFeed(new FeedRecord("https://lighthouse.example/feed", "Lighthouse", "\"v1\"", "", -1, -1,
                Instant.parse("2026-01-01T00:00:00Z")));
        engine.commit();
        long before = engine.search(SearchRequest.of("lighthouse")).total();
        assertThat(before).isEqualTo(POSTS);

        AtomicBoolean reindexing = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        Set<Long> totals = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread searcher = new Thread(() -> {
            while (reindexing.get()) {
                try {
                    totals.add(engine.search(SearchRequest.of("lighthouse")).total());
                    searches.incrementAndGet();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        });
        searcher.start();
        Engine.Reindexed r;
        try {
            r = engine.reindex();
            // Searches go on a moment on the new index too.
            int seen = searches.get();
            while (searches.get() < seen + 5) {
                Thread.sleep(10);
            }
        } finally {
            reindexing.set(false);
            searcher.join();
        }
        assertThat(failure.get()).as("a search failed while reindexing").isNull();
        assertThat(searches.get()).isGreaterThan(5);
        assertThat(totals).containsExactly((long) POSTS);
        assertThat(r).isEqualTo(new Engine.Reindexed("moving-1", "moving-2", POSTS));

        JsonNode alias = get(cluster.url() + "/_alias/moving");
        assertThat(alias.has("moving-2")).isTrue();
        assertThat(alias.size()).isEqualTo(1);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/moving-1")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("the old index is dropped").isEqualTo(404);
        JsonNode settings = get(cluster.url() + "/moving-2/_settings").path("moving-2").path("settings").path("index");
        assertThat(settings.path("number_of_shards").asInt()).isEqualTo(2);
        assertThat(settings.path("number_of_replicas").asInt()).isEqualTo(1);
        assertThat(settings.path("blocks").path("write").asText("false")).isEqualTo("false");
        JsonNode mapping = get(cluster.url() + "/moving-2/_mapping").path("moving-2").path("mappings");
        assertThat(mapping.path("_meta").path(Mapping.META_SCHEMA).asText()).isEqualTo(Mapping.LAYOUT);
        assertThat(mapping.path("properties").path("keys").path("properties").has("language")).isTrue();

        // Writing, reading a post whole and the feeds' state all work on the new index.
        engine.put(List.of(new PostRecord(post(POSTS), POSTS)));
        engine.commit();
        assertThat(engine.search(SearchRequest.of("lighthouse")).total()).isEqualTo(POSTS + 1);
        assertThat(engine.post(post(7).id())).get().isEqualTo(post(7));
        try (Engine.Snapshot s = engine.snapshot()) {
            assertThat(s.hash(post(7).id())).hasValue(7);
            assertThat(s.feed("https://lighthouse.example/feed")).get().extracting(FeedRecord::etag)
                    .isEqualTo("\"v1\"");
        }
        assertThat(engine.reindex().to()).isEqualTo("moving-3");
    }

    @Test
    void anIndexLaidOutByAnOlderVersionRefusesWritesUntilReindexed() throws Exception {
        OpenSearchCluster cluster = OpenSearchCluster.shared();
        OpenSearchEngine.Options options = OpenSearchEngine.Options.of(cluster.url(), "older", 1, 0);
        try (OpenSearchEngine first = OpenSearchEngine.open(options)) {
            first.put(List.of(new PostRecord(post(1), 1)));
            first.commit();
        }
        // As an older blogsearch left it: English fields alone, and its version in the mapping.
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/older-1/_mapping"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"_meta\":{\"" + Mapping.META_SCHEMA + "\":\"7\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        try (OpenSearchEngine engine = OpenSearchEngine.open(options)) {
            assertThatThrownBy(() -> engine.put(List.of(new PostRecord(post(2), 2))))
                    .isInstanceOf(IndexError.class).hasMessageContaining("layout '7'")
                    .hasMessageContaining("blogsearch reindex --engine opensearch");
            assertThat(engine.search(SearchRequest.of("lighthouse")).total()).as("searches go on").isEqualTo(1);

            engine.reindex();
            engine.put(List.of(new PostRecord(post(2), 2)));
            engine.commit();
            assertThat(engine.search(SearchRequest.of("lighthouse")).total()).isEqualTo(2);
        }
    }

    private static JsonNode get(String url) throws Exception {
        return Json.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static Post post(int n) {
        String id = PostId.of("moving", "post-" + n, "", "", "");
        return new Post(id, "https://lighthouse.example/" + n, "Lighthouse log " + n, "Keeper", Optional.of(
                Instant.parse("2020-01-01T00:00:00Z").plusSeconds(3600L * n)), Optional.empty(), List.of("sea"),
                "Lighthouse", "https://lighthouse.example/feed", "en", "The lighthouse keeper" + n
                        + " wrote about the sea and the lamp.", "");
    }
}
