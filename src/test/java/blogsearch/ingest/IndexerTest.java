package blogsearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.TestFeed;
import blogsearch.index.PostIndex;
import blogsearch.index.PostSchema;
import blogsearch.ingest.FeedOutcome.Status;
import blogsearch.post.Post;
import blogsearch.search.LuceneEngine;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexerTest {
    private static final Indexer.Options ONE_THREAD = new Indexer.Options(1, Duration.ofSeconds(2), false, true);

    @TempDir
    Path dir;

    private final List<FeedOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    private Path indexPath() {
        return dir.resolve("index");
    }

    private static TestFeed alpha() {
        return TestFeed.rss("Alpha", "https://alpha.example")
                .item("1", "Zeppelins over Lisbon", Instant.parse("2015-01-01T10:00:00Z"), "A zeppelin story.", "travel")
                .item("2", "Boats", Instant.parse("2016-02-02T10:00:00Z"), "Sailing to the zeppelin museum.", "travel")
                .item("3", "Trains", Instant.parse("2017-03-03T10:00:00Z"), "Night trains are back.", "rail");
    }

    private static TestFeed beta() {
        return TestFeed.rss("Beta", "https://beta.example")
                .item("a", "Gardens", Instant.parse("2018-04-04T10:00:00Z"), "Tomatoes and zeppelins.", "garden")
                .item("b", "Bees", null, "Bees in the garden.", "garden");
    }

    @Test
    void reindexingTheSameFeedsKeepsThePostCount() throws Exception {
        alpha().write(dir.resolve("feeds/alpha.xml"));
        beta().write(dir.resolve("feeds/beta.xml"));
        List<String> sources = List.of(dir.resolve("feeds").toString());

        Summary first = run(sources, ONE_THREAD);
        assertThat(first.ok()).isTrue();
        assertThat(first.feedsIndexed()).isEqualTo(2);
        assertThat(first.added()).isEqualTo(5);
        assertThat(posts()).isEqualTo(5);

        Summary second = run(sources, ONE_THREAD);
        assertThat(second.feedsUnchanged()).as("size and mtime are unchanged").isEqualTo(2);
        assertThat(second.feedsIndexed()).isZero();
        assertThat(second.added() + second.updated() + second.unchanged()).isZero();
        assertThat(posts()).isEqualTo(5);

        Summary forced = run(sources, ONE_THREAD.withForce(true));
        assertThat(forced.feedsIndexed()).as("--force reads every feed again").isEqualTo(2);
        assertThat(forced.unchanged()).as("equal hashes: the posts did not change").isEqualTo(5);
        assertThat(forced.added()).isZero();
        assertThat(forced.updated()).isZero();
        assertThat(posts()).isEqualTo(5);
    }

    @Test
    void aLongFeedIsWrittenWholeAFewPostsAtATime() throws Exception {
        // More posts than one batch holds, and a few long enough to fill a batch by size alone.
        int count = PostBatch.SIZE * 2 + 7;
        TestFeed feed = TestFeed.rss("Long", "https://long.example");
        String longText = "lengthy words repeated ".repeat(PostBatch.MAX_CHARS / 40);
        for (int i = 0; i < count; i++) {
            String text = (i < 5 ? longText : "short ") + "marker" + i + "x";
            feed.item("p" + i, "Post " + i, Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i), text, "t");
        }
        feed.write(dir.resolve("long.xml"));

        Summary s = run(List.of(dir.resolve("long.xml").toString()), ONE_THREAD);
        assertThat(s.added()).isEqualTo(count);
        assertThat(posts()).isEqualTo(count);
        try (PostIndex index = PostIndex.openReadOnly(indexPath())) {
            IndexSearcher searcher = index.acquire();
            try {
                for (int i : new int[] {0, 4, 5, PostBatch.SIZE, count - 1}) {
                    assertThat(searcher.count(new TermQuery(new Term(PostSchema.BODY, "marker" + i + "x"))))
                            .as("post %d", i).isEqualTo(1);
                }
            } finally {
                index.release(searcher);
            }
        }
    }

    @Test
    void anEditedPostIsReplacedAndEverythingElseIsLeftAlone() throws Exception {
        Path alphaFile = alpha().write(dir.resolve("feeds/alpha.xml"));
        beta().write(dir.resolve("feeds/beta.xml"));
        List<String> sources = List.of(dir.resolve("feeds").toString());
        run(sources, ONE_THREAD);
        Map<String, Post> before = allPosts();
        String edited = idWithTitle(before, "Boats");

        TestFeed changed = TestFeed.rss("Alpha", "https://alpha.example")
                .item("1", "Zeppelins over Lisbon", Instant.parse("2015-01-01T10:00:00Z"), "A zeppelin story.", "travel")
                .item("2", "Boats", Instant.parse("2016-02-02T10:00:00Z"), "Sailing on a submarine instead.", "travel")
                .item("3", "Trains", Instant.parse("2017-03-03T10:00:00Z"), "Night trains are back.", "rail");
        FileTime mtime = Files.getLastModifiedTime(alphaFile);
        changed.write(alphaFile);
        // File systems with coarse timestamps could give the rewrite the same mtime; the size also differs here.
        Files.setLastModifiedTime(alphaFile, FileTime.fromMillis(mtime.toMillis() + 2000));
        outcomes.clear();
        Summary s = run(sources, ONE_THREAD);

        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.unchanged()).isEqualTo(2);
        assertThat(s.added()).isZero();
        assertThat(outcome("alpha.xml").status()).isEqualTo(Status.INDEXED);
        assertThat(outcome("beta.xml").status()).isEqualTo(Status.UNCHANGED);
        assertThat(idsWithWord("submarine")).containsExactly(edited);
        assertThat(idsWithWord("museum")).isEmpty();
        // Alpha's first post and Beta's "zeppelins" (one stem); not the edited post.
        assertThat(idsWithWord("zeppelin")).hasSize(2).doesNotContain(edited);

        Map<String, Post> after = allPosts();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String id : before.keySet()) {
            if (!id.equals(edited)) {
                assertThat(after.get(id)).isEqualTo(before.get(id));
            }
        }
        assertThat(after.get(edited).text()).contains("submarine");
        assertThat(after.get(edited).title()).isEqualTo("Boats");
    }

    @Test
    void aBadSourceIsReportedByNameWhileTheOthersAreIndexed() throws Exception {
        alpha().write(dir.resolve("feeds/alpha.xml"));
        Path broken = dir.resolve("feeds/broken.xml");
        Files.writeString(broken, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>B</title>\n"
                + "<item><title>one</title><guid>https://b.example/1</guid></item>\n"
                + "<item><title>two</titel></item></channel></rss>\n");
        Path missing = dir.resolve("feeds/missing.xml");

        Summary s = run(List.of(dir.resolve("feeds/alpha.xml").toString(), broken.toString(), missing.toString()),
                ONE_THREAD);

        assertThat(s.ok()).isFalse();
        assertThat(s.feedsFailed()).isEqualTo(2);
        assertThat(s.failures()).extracting(FeedOutcome::source)
                .containsExactlyInAnyOrder(broken.toString(), missing.toString());
        FeedOutcome bad = s.failures().stream().filter(f -> f.source().endsWith("broken.xml")).findFirst().orElseThrow();
        assertThat(bad.error()).contains("invalid XML").contains("line 4").contains("kept 1 entries");
        FeedOutcome gone = s.failures().stream().filter(f -> f.source().endsWith("missing.xml")).findFirst().orElseThrow();
        assertThat(gone.error()).contains("no such file");
        assertThat(s.feedsIndexed()).isEqualTo(1);
        assertThat(posts()).as("Alpha's 3 and the one whole item before the fault").isEqualTo(4);
    }

    @Test
    void anOpmlListWithRelativePathsIndexesTheFeedsItNames() throws Exception {
        alpha().write(dir.resolve("feeds/alpha.xml"));
        beta().write(dir.resolve("lists/beta.xml"));
        TestFeed.rss("Gamma", "https://gamma.example")
                .item("x", "Gamma one", Instant.parse("2019-05-05T00:00:00Z"), "Third feed.", "misc")
                .write(dir.resolve("feeds/deep/gamma.xml"));
        Path list = dir.resolve("lists/blogroll.opml");
        Files.writeString(list, """
                <?xml version="1.0"?>
                <opml version="2.0"><head><title>Blogroll</title></head><body>
                  <outline text="Alpha" type="rss" xmlUrl="../feeds/alpha.xml"/>
                  <outline text="Beta" type="rss" xmlUrl="beta.xml"/>
                  <outline text="More"><outline text="Nested list" xmlUrl="more/more.opml"/></outline>
                </body></opml>
                """);
        Files.createDirectories(dir.resolve("lists/more"));
        Files.writeString(dir.resolve("lists/more/more.opml"), """
                <opml version="1.0"><body><outline text="Gamma" xmlUrl="../../feeds/deep/gamma.xml"/></body></opml>
                """);

        Summary s = run(List.of(list.toString()), ONE_THREAD);

        assertThat(s.ok()).as("failures: %s", s.failures()).isTrue();
        assertThat(s.feedsIndexed()).isEqualTo(3);
        assertThat(posts()).isEqualTo(6);
        assertThat(outcomes).filteredOn(o -> o.status() == Status.LIST).hasSize(2);
    }

    @Test
    void aFeedListedInAnOpmlAndFoundInTheSameFolderIsIndexedOnce() throws Exception {
        alpha().write(dir.resolve("feeds/alpha.xml"));
        Files.writeString(dir.resolve("feeds/list.opml"),
                "<opml version=\"2.0\"><body><outline xmlUrl=\"alpha.xml\"/><outline xmlUrl=\"./alpha.xml\"/></body></opml>");

        Summary s = run(List.of(dir.resolve("feeds").toString()), ONE_THREAD);

        assertThat(s.feedsIndexed()).isEqualTo(1);
        assertThat(s.added()).isEqualTo(3);
        assertThat(outcomes).filteredOn(o -> o.status() == Status.INDEXED).hasSize(1);
    }

    @Test
    void opmlListsThatNameEachOtherAreReadOnceAndDeepNestingStops() throws Exception {
        alpha().write(dir.resolve("alpha.xml"));
        beta().write(dir.resolve("beta.xml"));
        // a -> b -> a is a cycle; a -> b -> c -> d is one level deeper than lists may nest.
        Files.writeString(dir.resolve("a.opml"), opml("b.opml", "alpha.xml"));
        Files.writeString(dir.resolve("b.opml"), opml("a.opml", "c.opml"));
        Files.writeString(dir.resolve("c.opml"), opml("d.opml"));
        Files.writeString(dir.resolve("d.opml"), opml("beta.xml"));

        Summary s = run(List.of(dir.resolve("a.opml").toString()), ONE_THREAD);

        assertThat(outcomes).filteredOn(o -> o.status() == Status.LIST).extracting(FeedOutcome::source)
                .map(source -> Path.of(source).getFileName().toString())
                .containsExactlyInAnyOrder("a.opml", "b.opml", "c.opml");
        assertThat(outcome("d.opml").status()).isEqualTo(Status.FAILED);
        assertThat(outcome("d.opml").error()).contains("nested more than " + Indexer.MAX_OPML_DEPTH + " deep");
        assertThat(outcome("alpha.xml").added()).isEqualTo(3);
        assertThat(outcomes).noneMatch(o -> o.source().endsWith("beta.xml"));
        assertThat(s.feedsFailed()).isEqualTo(1);
    }

    private static String opml(String... urls) {
        StringBuilder x = new StringBuilder("<opml version=\"2.0\"><body>");
        for (String u : urls) {
            x.append("<outline text=\"").append(u).append("\" xmlUrl=\"").append(u).append("\"/>");
        }
        return x.append("</body></opml>").toString();
    }

    @Test
    void theFirstOfSeveralPostsWithTheSameIdWinsWithinARun() throws Exception {
        // Global guids (full URLs) give one id wherever the post appears: twice in one feed, and once in another.
        TestFeed.rss("First", "https://first.example")
                .item("same", "The original", Instant.parse("2020-01-01T00:00:00Z"), "Original text.")
                .item("same", "A repeat in the same feed", Instant.parse("2020-01-02T00:00:00Z"), "Repeat text.")
                .item("other", "Another post", Instant.parse("2020-01-03T00:00:00Z"), "Other text.")
                .write(dir.resolve("feeds/a-first.xml"));
        Files.writeString(dir.resolve("feeds/b-second.xml"), TestFeed.rss("Second", "https://second.example")
                .item("own", "Its own post", Instant.parse("2020-02-01T00:00:00Z"), "Own text.")
                .xml().replace("</channel>", """
                        <item><title>Syndicated copy</title><guid>https://first.example/same</guid>
                        <description>Copy text.</description></item>
                        </channel>"""));

        Summary s = run(List.of(dir.resolve("feeds").toString()), ONE_THREAD);

        assertThat(s.added()).isEqualTo(3);
        assertThat(posts()).isEqualTo(3);
        assertThat(allPosts().values()).extracting(Post::title)
                .containsExactlyInAnyOrder("The original", "Another post", "Its own post");
        FeedOutcome first = outcome("a-first.xml");
        FeedOutcome second = outcome("b-second.xml");
        assertThat(first.added()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(second.added()).isEqualTo(1);
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(s.duplicates()).isEqualTo(2);
    }

    @Test
    void anIndexerCanRunAgain() {
        alpha().write(dir.resolve("feeds/alpha.xml"));
        List<String> sources = List.of(dir.resolve("feeds").toString());
        try (PostIndex index = PostIndex.open(indexPath())) {
            Indexer indexer = new Indexer(new LuceneEngine(index), ONE_THREAD, Indexer.Listener.NONE);
            Summary first = indexer.run(sources);
            Summary second = indexer.run(sources);

            assertThat(first.feedsIndexed()).isEqualTo(1);
            assertThat(first.added()).isEqualTo(3);
            assertThat(second.feedsUnchanged()).as("the second run looks at the feed again").isEqualTo(1);
            assertThat(second.added()).isZero();
        }
    }

    @Test
    void moreFeedsThanAPhaserCanCountAreAllProcessed() {
        int n = 70_000; // a Phaser holds at most 65,535 parties
        List<String> sources = IntStream.range(0, n).mapToObj(i -> "https://feeds.example/" + i + ".xml").toList();
        CountDownLatch queued = new CountDownLatch(1);
        Indexer.Listener slowStart = new Indexer.Listener() {
            @Override
            public void feedsQueued(int total) {
                queued.countDown();
            }

            @Override
            public void feedDone(FeedOutcome outcome, int done, int total, long posts) {
                if (done == 1) {
                    await(queued, 10); // keep every feed queued at once, as with slow feeds
                }
            }
        };
        Summary s;
        try (PostIndex index = PostIndex.open(indexPath())) {
            s = new Indexer(new LuceneEngine(index), ONE_THREAD, slowStart).run(sources);
        }

        assertThat(s.skipped()).hasSize(n);
        assertThat(s.skipped().get(0).error()).contains("offline");
        assertThat(s.feedsFailed()).isZero();
    }

    @Test
    void aSlowFeedDoesNotHoldBackTheCommitsOfTheOthers() throws Exception {
        for (int i = 0; i < 6; i++) {
            TestFeed.rss("Feed " + i, "https://f" + i + ".example")
                    .item("p", "Post " + i, Instant.parse("2020-01-01T00:00:00Z"), "Text " + i)
                    .write(dir.resolve("feeds/f" + i + ".xml"));
        }
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = slowFeedServer(release);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (PostIndex index = PostIndex.open(indexPath())) {
            String slow = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow.xml";
            // Commit after every feed, so the only thing that could hold a commit back is the slow feed.
            Indexer indexer = new Indexer(new LuceneEngine(index), new Indexer.Options(2, Duration.ZERO, false, false),
                    Indexer.Listener.NONE);
            Future<Summary> running = background.submit(() -> indexer.run(
                    List.of(slow, dir.resolve("feeds").toString())));

            long committed = awaitCommittedPosts(6, Duration.ofSeconds(15));
            assertThat(running).as("the slow feed is still being read").isNotDone();
            release.countDown();
            Summary s = running.get(30, TimeUnit.SECONDS);

            assertThat(committed).isEqualTo(6);
            assertThat(s.ok()).as("failures: %s", s.failures()).isTrue();
            assertThat(s.added()).isEqualTo(7);
        } finally {
            release.countDown();
            background.shutdownNow();
            server.stop(0);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Summary run(List<String> sources, Indexer.Options options) {
        try (PostIndex index = PostIndex.open(indexPath())) {
            return new Indexer(new LuceneEngine(index), options.withOffline(true), new Indexer.Listener() {
                @Override
                public void feedDone(FeedOutcome outcome, int done, int total, long posts) {
                    outcomes.add(outcome);
                }
            }).run(sources);
        }
    }

    private FeedOutcome outcome(String fileName) {
        List<FeedOutcome> matching = outcomes.stream().filter(o -> o.source().endsWith("/" + fileName)).toList();
        assertThat(matching).as("outcomes for %s among %s", fileName, outcomes).hasSize(1);
        return matching.get(0);
    }

    private long posts() throws IOException {
        try (PostIndex index = PostIndex.openReadOnly(indexPath())) {
            IndexSearcher s = index.acquire();
            try {
                return s.count(new TermQuery(PostSchema.postType()));
            } finally {
                index.release(s);
            }
        }
    }

    private Map<String, Post> allPosts() throws IOException {
        try (PostIndex index = PostIndex.openReadOnly(indexPath())) {
            IndexSearcher s = index.acquire();
            try {
                Map<String, Post> posts = new HashMap<>();
                TopDocs top = s.search(new TermQuery(PostSchema.postType()), 1000);
                for (var sd : top.scoreDocs) {
                    Post p = PostSchema.toPost(s.storedFields().document(sd.doc));
                    assertThat(posts.put(p.id(), p)).as("one document per id").isNull();
                }
                return posts;
            } finally {
                index.release(s);
            }
        }
    }

    /** The posts whose body has {@code word}, in the language each post was found to be in (a short text may be Dutch). */
    private List<String> idsWithWord(String word) throws IOException {
        try (PostIndex index = PostIndex.openReadOnly(indexPath())) {
            IndexSearcher s = index.acquire();
            try {
                List<String> ids = new ArrayList<>();
                List<String> fields = new ArrayList<>(List.of(PostSchema.BODY));
                PostSchema.languages(s.getIndexReader()).forEach(l -> fields.add(PostSchema.inLanguage(PostSchema.BODY, l)));
                for (String field : fields) {
                    String stem = PostSchema.analyzer().normalize(field, word).utf8ToString();
                    try (var ts = PostSchema.analyzer().tokenStream(field, word)) {
                        var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
                        ts.reset();
                        if (ts.incrementToken()) {
                            stem = term.toString(); // the body holds stems
                        }
                        ts.end();
                    }
                    for (var sd : s.search(new TermQuery(new Term(field, stem)), 100).scoreDocs) {
                        ids.add(s.storedFields().document(sd.doc).get(PostSchema.ID));
                    }
                }
                return ids;
            } finally {
                index.release(s);
            }
        }
    }

    private static String idWithTitle(Map<String, Post> posts, String title) {
        return posts.values().stream().filter(p -> p.title().equals(title)).map(Post::id).findFirst().orElseThrow();
    }

    /** Polls the last commit (not the writer's uncommitted state) until it holds {@code n} posts. */
    private long awaitCommittedPosts(long n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        try (Directory d = FSDirectory.open(indexPath())) {
            while (System.nanoTime() < deadline) {
                if (DirectoryReader.indexExists(d)) {
                    try (DirectoryReader r = DirectoryReader.open(d)) {
                        count = new IndexSearcher(r).count(new TermQuery(PostSchema.postType()));
                    }
                    if (count >= n) {
                        return count;
                    }
                }
                Thread.sleep(20);
            }
        }
        return count;
    }

    /** Serves /slow.xml: headers and the start of a feed at once, the rest when {@code release} opens. */
    private static HttpServer slowFeedServer(CountDownLatch release) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String feed = TestFeed.rss("Slow", "https://slow.example")
                .item("s", "Slow post", Instant.parse("2021-01-01T00:00:00Z"), "Slowly written.").xml();
        byte[] bytes = feed.getBytes(StandardCharsets.UTF_8);
        server.createContext("/slow.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes, 0, 100);
                out.flush();
                await(release, 30);
                out.write(bytes, 100, bytes.length - 100);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private static void await(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
