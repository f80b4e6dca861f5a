package blogsearch.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.OpenSearchCluster;
import blogsearch.engine.PostRecord;
import blogsearch.engine.SearchRequest;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a cluster is for: a node that dies while posts are written loses none of them and searches go on
 * (its shards' replicas take over); a cluster stopped and started again still knows the feeds it followed.
 */
@ExtendWith(OpenSearchCluster.class)
class ClusterFaultsIT {
    static final int POSTS = 3_000;
    static final int KILLED = OpenSearchCluster.NODES - 1;

    @Test
    void aNodeKilledDuringBulkIndexingLosesNoPostAndSearchesGoOn() throws Exception {
        OpenSearchCluster cluster = OpenSearchCluster.shared();
        // The engine knows the nodes that stay up: a client of a real cluster knows several.
        OpenSearchEngine engine = OpenSearchEngine.open(OpenSearchEngine.Options.of(cluster.url(0) + ","
                + cluster.url(1), "failover", 3, 1));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        AtomicReference<Throwable> searchFailure = new AtomicReference<>();
        Thread searcher = new Thread(() -> {
            while (writing.get()) {
                try {
                    engine.search(SearchRequest.of("lighthouse"));
                    searches.incrementAndGet();
                } catch (RuntimeException e) {
                    searchFailure.compareAndSet(null, e);
                }
            }
        });
        searcher.start();
        try {
            for (int i = 0; i < POSTS; i += 100) {
                List<PostRecord> batch = new ArrayList<>();
                for (int k = i; k < i + 100; k++) {
                    batch.add(new PostRecord(post(k), k));
                }
                engine.put(batch);
                engine.flush();
                if (i == POSTS / 3) {
                    cluster.kill(KILLED);
                }
            }
            engine.commit();
        } finally {
            writing.set(false);
            searcher.join();
        }
        try {
            assertThat(searchFailure.get()).as("a search failed while a node died").isNull();
            assertThat(searches.get()).isPositive();
            engine.refresh();
            assertThat(engine.stats().posts()).isEqualTo(POSTS);
            assertThat(engine.search(SearchRequest.of("lighthouse")).total()).isEqualTo(POSTS);
            assertThat(engine.search(SearchRequest.of("keeper" + (POSTS - 1))).total()).isEqualTo(1);
        } finally {
            cluster.start(KILLED);
            cluster.awaitHealth("green", OpenSearchCluster.NODES);
        }
    }

    @Test
    void followedFeedsAreStillKnownAfterTheClusterRestarts() throws Exception {
        OpenSearchCluster cluster = OpenSearchCluster.shared();
        OpenSearchEngine.Options options = OpenSearchEngine.Options.of(cluster.url(), "restart", 3, 1);
        List<String> sources = List.of("index-data/feeds", "src/test/resources/feeds/formats");
        Summary first;
        long posts;
        try (OpenSearchEngine engine = OpenSearchEngine.open(options)) {
            first = new Indexer(engine, Indexer.Options.defaults(), Indexer.Listener.NONE).run(sources);
            posts = engine.stats().posts();
        }
        assertThat(first.feedsIndexed()).isPositive();

        cluster.restart();

        try (OpenSearchEngine engine = OpenSearchEngine.open(options)) {
            Summary again = new Indexer(engine, Indexer.Options.defaults(), Indexer.Listener.NONE).run(sources);
            assertThat(again.feedsUnchanged()).as("feeds known unchanged after the restart")
                    .isEqualTo(first.feedsIndexed());
            assertThat(again.added()).isZero();
            assertThat(engine.stats().posts()).isEqualTo(posts);
        }
    }

    private static Post post(int n) {
        String id = PostId.of("failover", "post-" + n, "", "", "");
        return new Post(id, "https://lighthouse.example/" + n, "Lighthouse log " + n, "Keeper", Optional.of(
                Instant.parse("2020-01-01T00:00:00Z").plusSeconds(3600L * n)), Optional.empty(), List.of("sea"),
                "Lighthouse", "https://lighthouse.example/feed", "en", "The lighthouse keeper" + n
                        + " wrote about the sea and the lamp.", "");
    }
}
