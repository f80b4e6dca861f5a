package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.TestFeed;
import blogsearch.engine.Dimension;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches go on while feeds are indexed: no errors, and what they see only grows, whole posts at a time. */
class SearchWhileIndexingTest {
    static final int FEEDS = 60;
    static final int POSTS = 20;

    @TempDir
    Path dir;

    @Test
    void searchesDuringIndexingSeeOnlyWholePostsAndNeverFewerOfThem() throws Exception {
        for (int f = 0; f < FEEDS; f++) {
            TestFeed feed = TestFeed.rss("Feed " + f, "https://f" + f + ".example");
            for (int p = 0; p < POSTS; p++) {
                feed.item("p" + p, "Lighthouse keeping " + p, Instant.parse("2020-01-01T00:00:00Z").plusSeconds(p),
                        ("The lighthouse keeper trims the wick at dusk. ").repeat(20), "coast");
            }
            feed.write(dir.resolve("feeds/f" + f + ".xml"));
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean indexing = new AtomicBoolean(true);
        try (PostIndex index = PostIndex.open(dir.resolve("index"))) {
            SearchService search = new SearchService(index);
            List<Thread> searchers = new ArrayList<>();
            List<Long> lastSeen = new ArrayList<>(List.of(0L, 0L));
            for (int t = 0; t < 2; t++) {
                int me = t;
                Thread s = new Thread(() -> {
                    long last = 0;
                    while (indexing.get()) {
                        try {
                            index.refresh();
                            SearchResult r = search.search(SearchRequest.of(me == 0 ? "lighthouse" : "keeper wick")
                                    .withFilter(Dimension.TAG, me == 0 ? List.of() : List.of("coast")));
                            if (r.total() < last) {
                                problems.add("total went down from " + last + " to " + r.total());
                            }
                            last = r.total();
                            for (SearchResult.Hit h : r.hits()) {
                                if (h.title().isEmpty() || h.url().isEmpty() || h.tags().isEmpty()) {
                                    problems.add("a partial post: " + h);
                                }
                            }
                        } catch (RuntimeException e) {
                            problems.add(e.toString());
                        }
                    }
                    lastSeen.set(me, last);
                });
                s.start();
                searchers.add(s);
            }
            Summary summary = new Indexer(new LuceneEngine(index), new Indexer.Options(2, Duration.ZERO, false, true),
                    Indexer.Listener.NONE).run(List.of(dir.resolve("feeds").toString()));
            indexing.set(false);
            for (Thread s : searchers) {
                s.join();
            }
            assertThat(problems).isEmpty();
            assertThat(summary.added()).isEqualTo(FEEDS * POSTS);
            index.refresh();
            assertThat(search.search(SearchRequest.of("lighthouse")).total()).isEqualTo(FEEDS * POSTS);
            assertThat(lastSeen).allSatisfy(n -> assertThat(n).isBetween(0L, (long) FEEDS * POSTS));
        }
    }
}
