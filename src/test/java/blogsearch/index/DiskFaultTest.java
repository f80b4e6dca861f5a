package blogsearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.TestFeed;
import blogsearch.engine.IndexError;
import blogsearch.ingest.Follower;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import blogsearch.search.LuceneEngine;
import blogsearch.server.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up, or a file system that refuses writes, under a real index: the run stops with a
 * clear reason and the index still opens with its last commit. The fault is injected below Lucene, in
 * the directory's files, where the operating system would raise it.
 */
class DiskFaultTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsTheRunWithAClearReasonAndKeepsTheLastCommit() throws Exception {
        Path index = dir.resolve("index");
        long committed = indexFeeds("first", 5, UnaryOperator.identity());
        assertThat(committed).isEqualTo(5 * 20);

        // Later runs may write only 200 KB more before the disk is "full".
        AtomicLong budget = new AtomicLong(200_000);
        assertThatThrownBy(() -> indexFeeds("second", 40, d -> new FailingDirectory(d, budget, null)))
                .isInstanceOf(IndexError.class)
                .hasMessageContaining("the disk is full")
                .hasMessageContaining("the index keeps its last commit");

        // Feeds committed before the disk filled stay; none is there in part.
        long after = countPosts(index);
        assertThat(after).as("the last commit is intact").isBetween(committed, committed + 40 * 20 - 20);
        assertThat(after % 20).as("whole feeds only").isZero();
        assertClean(index);
        // With space again, the next run completes the work.
        assertThat(indexFeeds("second", 40, UnaryOperator.identity())).isEqualTo(committed + 40 * 20);
        assertClean(index);
    }

    @Test
    void aReadOnlyFileSystemIsReportedAsSuch() throws Exception {
        Path index = dir.resolve("index");
        long committed = indexFeeds("first", 2, UnaryOperator.identity());
        assertThatThrownBy(() -> indexFeeds("second", 3, d -> new FailingDirectory(d, new AtomicLong(0),
                "refused")))
                .isInstanceOf(IndexError.class)
                .hasMessageContaining("permission denied writing");
        assertThat(countPosts(index)).isEqualTo(committed);
        assertClean(index);
    }

    @Test
    void followingPastAFullDiskReportsItThenGoesOnOnceThereIsSpace() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        AtomicLong budget = new AtomicLong(Long.MAX_VALUE / 2);
        Path folder = writeFeeds(dir.resolve("followed"), "first", 5);
        PostIndex index = PostIndex.open(dir.resolve("index"), 16, d -> new FailingDirectory(d, budget, null));
        LuceneEngine search = new LuceneEngine(index);
        // A commit after every feed, as --commit-every does on a busy server: segments to merge, too.
        Follower follower = new Follower(search, List.of(folder.toString()), Duration.ofHours(1),
                new Indexer.Options(2, Duration.ofMillis(1), false, true));
        Server server = new Server(search, follower, new Server.Options("127.0.0.1", 0, null, List.of(), null)).start();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            follower.runNow();
            assertThat(search.stats().posts()).isEqualTo(5 * 20);
            assertThat(health(server).statusCode()).isEqualTo(200);

            writeFeeds(folder, "second", 20);
            budget.set(200_000);
            for (int run = 0; run < 2; run++) { // and again while the disk is still full
                assertThatThrownBy(follower::runNow).isInstanceOf(IndexError.class)
                        .hasMessageContaining("the disk is full");
                assertThat(follower.failure()).get(InstanceOfAssertFactories.STRING).contains("the disk is full");
                HttpResponse<String> failing = health(server);
                assertThat(failing.statusCode()).isEqualTo(503);
                assertThat(failing.body()).contains("\"status\":\"failing\"").contains("the disk is full");
            }

            budget.set(Long.MAX_VALUE / 2); // space again
            Summary s = follower.runNow();
            assertThat(s.ok()).isTrue();
            assertThat(search.stats().posts()).isEqualTo(25 * 20);
            assertThat(follower.failure()).isEmpty();
            assertThat(health(server).statusCode()).isEqualTo(200);
        } finally {
            server.stop();
            follower.close();
            System.setErr(stderr);
        }
        index.commit(); // as the server's shutdown does
        index.close();
        assertThat(countPosts(dir.resolve("index"))).isEqualTo(25 * 20);
        assertClean(dir.resolve("index"));
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("no stack traces").doesNotContain("\tat ");
    }

    private static HttpResponse<String> health(Server server) throws Exception {
        URI health = URI.create("http://127.0.0.1:" + server.port() + "/health");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Writes {@code feeds} feeds of 20 posts each, named by {@code batch}, into {@code folder}. */
    private static Path writeFeeds(Path folder, String batch, int feeds) {
        for (int f = 0; f < feeds; f++) {
            TestFeed feed = TestFeed.rss(batch + " feed " + f, "https://" + batch + f + ".example");
            for (int p = 0; p < 20; p++) {
                feed.item("p" + p, "Post " + p, Instant.parse("2021-01-01T00:00:00Z"),
                        ("words about disks and files number " + p + " ").repeat(60), "t" + (p % 4));
            }
            feed.write(folder.resolve(batch + "-f" + f + ".xml"));
        }
        return folder;
    }

    /** Indexes {@code feeds} feeds of 20 posts each, named by {@code batch}; returns the posts committed. */
    private long indexFeeds(String batch, int feeds, UnaryOperator<Directory> wrap) throws IOException {
        Path folder = writeFeeds(dir.resolve("feeds-" + batch), batch, feeds);
        try (PostIndex index = PostIndex.open(dir.resolve("index"), 16, wrap)) {
            new Indexer(new LuceneEngine(index), new Indexer.Options(2, Duration.ZERO, false, true), Indexer.Listener.NONE)
                    .run(List.of(folder.toString()));
        }
        return countPosts(dir.resolve("index"));
    }

    private static long countPosts(Path index) {
        try (PostIndex i = PostIndex.openReadOnly(index)) {
            IndexSearcher s = i.acquire();
            try {
                return s.count(new TermQuery(PostSchema.postType()));
            } finally {
                i.release(s);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertClean(Path index) throws IOException {
        try (Directory d = FSDirectory.open(index); CheckIndex check = new CheckIndex(d)) {
            check.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_INTEGRITY_CHECKS);
            assertThat(check.checkIndex().clean).isTrue();
        }
    }

    /**
     * Files written through it fail as the OS would fail them: "No space left on device" once the byte
     * budget is spent, or, with {@code deny} set, "access denied" on creation.
     */
    private static final class FailingDirectory extends FilterDirectory {
        private final AtomicLong budget;
        private final String deny;

        FailingDirectory(Directory in, AtomicLong budget, String deny) {
            super(in);
            this.budget = budget;
            this.deny = deny;
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            return wrap(name, super.createOutput(name, context));
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            return wrap(prefix, super.createTempOutput(prefix, suffix, context));
        }

        private IndexOutput wrap(String name, IndexOutput out) throws IOException {
            if (deny != null) {
                out.close();
                throw new AccessDeniedException(name);
            }
            return new IndexOutput("failing(" + out + ")", out.getName()) {
                private void spend(long n) throws IOException {
                    if (budget.addAndGet(-n) < 0) {
                        throw new IOException("No space left on device");
                    }
                }

                @Override
                public void writeByte(byte b) throws IOException {
                    spend(1);
                    out.writeByte(b);
                }

                @Override
                public void writeBytes(byte[] b, int offset, int length) throws IOException {
                    spend(length);
                    out.writeBytes(b, offset, length);
                }

                @Override
                public long getFilePointer() {
                    return out.getFilePointer();
                }

                @Override
                public long getChecksum() throws IOException {
                    return out.getChecksum();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
    }
}
