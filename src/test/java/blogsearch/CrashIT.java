package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Dimension;
import blogsearch.index.FeedDocuments;
import blogsearch.index.PostSchema;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of indexing: the last commit must be a clean index holding whole feeds only, and the
 * next run must finish the job.
 */
class CrashIT {
    private static final int FEEDS = 400;
    private static final int POSTS_PER_FEED = 10;
    private static final int WORDS_PER_POST = 800;
    private static final List<String> WORDS = List.of(("lorem ipsum dolor sit amet consectetur adipiscing elit sed "
            + "eiusmod tempor incididunt labore dolore magna aliqua enim minim veniam quis nostrud exercitation "
            + "ullamco laboris nisi aliquip commodo consequat duis aute irure reprehenderit voluptate velit esse "
            + "cillum fugiat nulla pariatur excepteur sint occaecat cupidatat proident sunt culpa officia").split(" "));

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aKilledIndexerLeavesACleanIndexOfWholeFeedsAndTheNextRunFinishes() throws Exception {
        Path feeds = writeCorpus(dir.resolve("feeds"));
        Path index = dir.resolve("index");
        CountDownLatch never = new CountDownLatch(1);
        HttpServer server = stalledFeedServer(never);
        ChildJvm crashed;
        long seenBeforeKill;
        try {
            // The stalled feed keeps the run from ever finishing, so the kill always lands mid-run.
            String stalled = "http://127.0.0.1:" + server.getAddress().getPort() + "/stalled.xml";
            crashed = ChildJvm.start(dir.resolve("logs"), List.of(), "index", "--threads", "2", "--commit-every", "1s", "--index",
                    index.toString(), feeds.toString(), stalled);
            seenBeforeKill = awaitFirstCommit(index, crashed, Duration.ofSeconds(120));
            assertThat(crashed.process().isAlive()).as("still indexing when killed\n%s", crashed).isTrue();
            crashed.process().destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback
            crashed.process().waitFor();
        } finally {
            never.countDown();
            server.stop(0);
        }

        List<Integer> whole = checkWholeFeeds(index);
        int postsAfterKill = whole.size() * POSTS_PER_FEED;
        assertThat(postsAfterKill).as("posts committed before the kill").isGreaterThanOrEqualTo((int) seenBeforeKill)
                .isLessThan(FEEDS * POSTS_PER_FEED);
        assertClean(index);

        // Words only: what is checked is the index a crash leaves, not the embedding of its thousands of posts.
        ChildJvm rerun = ChildJvm.start(dir.resolve("logs"), List.of(), "index", "--no-semantic", "--index",
                index.toString(), feeds.toString());
        assertThat(rerun.exitCode(180)).as("%s", rerun).isZero();
        assertThat(rerun.stdout()).as("committed feeds are not read again")
                .contains(String.format("Feeds: %,d read, %,d unchanged, 0 failed", FEEDS - whole.size(), whole.size()));
        assertThat(checkWholeFeeds(index)).hasSize(FEEDS);
        assertClean(index);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aKilledFollowingServerLeavesACleanIndexOfWholeFeedsAndTheNextRunFinishes() throws Exception {
        Path feeds = writeCorpus(dir.resolve("feeds"));
        Path index = dir.resolve("index");
        CountDownLatch never = new CountDownLatch(1);
        HttpServer server = stalledFeedServer(never);
        try {
            String stalled = "http://127.0.0.1:" + server.getAddress().getPort() + "/stalled.xml";
            ChildJvm serving = ChildJvm.start(dir.resolve("logs"), List.of(), "serve", "--port", "0", "--create",
                    "--index", index.toString(), "--follow", feeds.toString(), stalled, "--every", "5s",
                    "--commit-every", "1s");
            awaitFirstCommit(index, serving, Duration.ofSeconds(120));
            assertThat(serving.process().isAlive()).as("still following when killed\n%s", serving).isTrue();
            serving.process().destroyForcibly(); // SIGKILL mid-fetch: no shutdown hook runs
            serving.process().waitFor();
        } finally {
            never.countDown();
            server.stop(0);
        }
        List<Integer> whole = checkWholeFeeds(index);
        assertThat(whole.size()).isBetween(1, FEEDS - 1);
        assertClean(index);

        // Words only: what is checked is the index a crash leaves, not the embedding of its thousands of posts.
        ChildJvm rerun = ChildJvm.start(dir.resolve("logs"), List.of(), "index", "--no-semantic", "--index",
                index.toString(), feeds.toString());
        assertThat(rerun.exitCode(180)).as("%s", rerun).isZero();
        assertThat(checkWholeFeeds(index)).hasSize(FEEDS);
        assertClean(index);
    }

    /** Writes FEEDS feeds of POSTS_PER_FEED posts each, long enough that indexing takes several seconds. */
    private static Path writeCorpus(Path folder) {
        Random random = new Random(42);
        for (int f = 0; f < FEEDS; f++) {
            TestFeed feed = TestFeed.rss(feedTitle(f), "https://f" + f + ".example");
            for (int p = 0; p < POSTS_PER_FEED; p++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < WORDS_PER_POST; w++) {
                    text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                }
                feed.item("post-" + p, "Post " + p + " of feed " + f, Instant.parse("2020-01-01T00:00:00Z")
                        .plus(Duration.ofHours(f * POSTS_PER_FEED + p)), text.toString(), "tag" + p % 3);
            }
            feed.write(folder.resolve(String.format("feed-%03d.xml", f)));
        }
        return folder;
    }

    private static String feedTitle(int f) {
        return "Feed " + f;
    }

    /** Polls the index's last commit until it holds a post; returns how many it held. */
    private static long awaitFirstCommit(Path index, ChildJvm child, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.process().isAlive()).as("the indexer exited early\n%s", child).isTrue();
            try (Directory d = FSDirectory.open(index)) {
                if (DirectoryReader.indexExists(d)) {
                    try (DirectoryReader r = DirectoryReader.open(d)) {
                        long posts = new IndexSearcher(r).count(new TermQuery(PostSchema.postType()));
                        if (posts > 0) {
                            return posts;
                        }
                    }
                }
            } catch (IOException e) {
                // a commit being written or old files being deleted: look again
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no commit with posts within " + timeout + "\n" + child);
    }

    /**
     * Asserts every feed has all its posts or none, and its fetch state exactly when it has its posts;
     * returns the feeds that are there.
     */
    private static List<Integer> checkWholeFeeds(Path index) throws IOException {
        List<Integer> present = new ArrayList<>();
        try (Directory d = FSDirectory.open(index); DirectoryReader r = DirectoryReader.open(d)) {
            IndexSearcher s = new IndexSearcher(r);
            for (int f = 0; f < FEEDS; f++) {
                int posts = s.count(new TermQuery(PostSchema.filterTerm(Dimension.FEED, feedTitle(f))));
                String location = index.resolveSibling("feeds").resolve(String.format("feed-%03d.xml", f))
                        .toAbsolutePath().normalize().toUri().toString();
                int records = s.count(new TermQuery(FeedDocuments.term(location)));
                assertThat(posts).as("posts of feed %d", f).isIn(0, POSTS_PER_FEED);
                assertThat(records).as("fetch state of feed %d, which has %d posts", f, posts)
                        .isEqualTo(posts == 0 ? 0 : 1);
                if (posts > 0) {
                    present.add(f);
                }
            }
            assertThat(s.count(new TermQuery(PostSchema.postType()))).isEqualTo(present.size() * POSTS_PER_FEED);
        }
        return present;
    }

    private static void assertClean(Path index) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Directory d = FSDirectory.open(index); CheckIndex check = new CheckIndex(d)) {
            check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
            CheckIndex.Status status = check.checkIndex();
            assertThat(status.clean).as("CheckIndex:\n%s", log.toString(StandardCharsets.UTF_8)).isTrue();
        }
    }

    /** Serves /stalled.xml: headers and the start of a feed, then nothing until {@code release} opens. */
    private static HttpServer stalledFeedServer(CountDownLatch release) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stalled.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Stalled</title>"
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the indexer was killed and the connection is gone
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }
}
