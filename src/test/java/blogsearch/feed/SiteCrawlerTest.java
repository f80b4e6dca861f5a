package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.bench.BlogSite;
import blogsearch.bench.BlogSiteServer;
import blogsearch.post.Post;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crawling a generated blog of 300 posts served on loopback, and the same blog as a built folder. */
class SiteCrawlerTest {
    static final int POSTS = 300;
    static final BlogSite SITE = new BlogSite(POSTS);
    static final SiteCrawler.Options FAST = new SiteCrawler.Options(Duration.ZERO, 2, 100, 10_000);
    /** Long enough for requests in flight together to overlap on the server. */
    static final Duration ANSWER_TIME = Duration.ofMillis(2);
    static BlogSiteServer server;
    static Fetcher fetcher;

    @BeforeAll
    static void serve() {
        server = new BlogSiteServer(SITE, ANSWER_TIME);
        fetcher = new Fetcher(Fetcher.Options.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
        fetcher.close();
    }

    @BeforeEach
    void reset() {
        server.resetCounts();
    }

    /** Memos and posts kept in maps, as the index keeps them. */
    static final class Store implements SiteCrawler.Memory, SiteCrawler.Sink {
        final Map<String, SiteCrawler.Memo> memos = new ConcurrentHashMap<>();
        final List<FeedEntry> entries = new CopyOnWriteArrayList<>();

        @Override
        public Optional<SiteCrawler.Memo> recall(String key) {
            return Optional.ofNullable(memos.get(key));
        }

        @Override
        public void post(FeedEntry entry) {
            entries.add(entry);
        }

        @Override
        public void remember(String key, SiteCrawler.Memo memo) {
            memos.put(key, memo);
        }

        Map<String, Post> byUrl() {
            Map<String, Post> posts = new ConcurrentHashMap<>();
            for (FeedEntry e : entries) {
                assertThat(posts.put(e.url(), e.toPost())).as("posted twice: " + e.url()).isNull();
            }
            return posts;
        }
    }

    static SiteCrawler.Report crawl(Store store, SiteCrawler.Options options) {
        return new SiteCrawler(fetcher, options).crawl(server.uri("/"), store, store, false);
    }

    /** Every generated post is there once, with its metadata and its text alone. */
    static void assertEveryPost(Map<String, Post> posts, String base) {
        assertEveryPost(posts, base, true);
    }

    static void assertEveryPost(Map<String, Post> posts, String base, boolean language) {
        assertThat(posts).hasSize(POSTS);
        for (BlogSite.Post p : SITE.posts()) {
            Post got = posts.get(base + p.path());
            assertThat(got).as(p.path()).isNotNull();
            assertThat(got.title()).as(p.path()).isEqualTo(p.title());
            assertThat(got.published()).as(p.path()).contains(p.published());
            assertThat(got.author()).as(p.path()).isEqualTo(p.author());
            assertThat(got.tags()).as(p.path()).containsExactlyInAnyOrderElementsOf(p.tags());
            assertThat(got.language()).as(p.path()).isEqualTo(language ? "en" : got.language());
            assertThat(got.text()).as(p.path()).contains("marker" + p.n() + "x")
                    .doesNotContain(BlogSite.BOILERPLATE_WORDS);
        }
    }

    @Test
    void aBlogsAddressGivesEveryPostOnceFromTheFullContentFeedItsArchiveAndItsSitemap() {
        Store store = new Store();
        SiteCrawler.Report report = crawl(store, FAST);

        assertEveryPost(store.byUrl(), server.base());
        assertThat(report.posts()).isEqualTo(POSTS);
        assertThat(report.feed()).isEqualTo(server.base() + "/feed.json");
        assertThat(report.feedPages()).isEqualTo(BlogSite.FEED_ARCHIVE / BlogSite.FEED_PAGE);
        assertThat(String.join("\n", report.notes()))
                .contains("feed " + server.base() + "/feed.json (JSON Feed")
                .contains("chosen over " + server.base() + "/feed.xml")
                .contains("feed pages: 10 read, to the end")
                .contains("100 in the feed", "8 tag or category list", "1 archive", "1 pagination", "1 home page",
                        "1 disallowed by robots.txt", "1 not an article (no date or article markup)");
        assertThat(server.paths()).noneMatch(p -> p.startsWith("/private/") || p.startsWith("/tags/")
                || p.startsWith("/comments/"));
        assertThat(server.maxConcurrent()).isLessThanOrEqualTo(2);
    }

    @Test
    void aRerunWithNothingChangedCostsOnlyConditionalRequests() {
        Store store = new Store();
        crawl(store, FAST);
        int first = server.requests();
        server.resetCounts();
        store.entries.clear();

        SiteCrawler.Report again = crawl(store, FAST);

        assertThat(store.entries).isEmpty();
        assertThat(again.posts()).isZero();
        assertThat(server.requests()).as("requests on re-run, %d on the first run", first).isLessThanOrEqualTo(5);
        assertThat(server.conditionalRequests()).isEqualTo(server.requests());
        assertThat(server.fullResponses()).isZero();
    }

    @Test
    void anEditedPageWithANewerLastmodIsTheOnlyPageFetchedAgain() {
        Store store = new Store();
        crawl(store, FAST);
        BlogSite.Post old = SITE.posts().get(5);
        String page = server.page(old.path()).replace("marker5x", "marker5x edited");
        server.put(old.path(), "text/html; charset=utf-8", page);
        String map = server.page("/sitemap-posts-1.xml").replace(old.path() + "</loc><lastmod>2020-01-06",
                old.path() + "</loc><lastmod>2024-06-01");
        server.put("/sitemap-posts-1.xml", "application/xml", map);
        server.put("/sitemap_index.xml", "application/xml", server.page("/sitemap_index.xml")
                .replaceFirst("sitemap-posts-1.xml</loc><lastmod>2024-01-01", "sitemap-posts-1.xml</loc><lastmod>2024-06-01"));
        server.resetCounts();
        store.entries.clear();

        crawl(store, FAST);

        assertThat(store.entries).singleElement().satisfies(e -> assertThat(e.toPost().text()).contains("edited"));
        assertThat(server.paths()).filteredOn(p -> p.startsWith("/posts/")).containsExactly(old.path());
    }

    @Test
    void pagedFeedsAreFollowedToTheEnd() {
        for (String[] feed : new String[][] {{"/atom.xml", "application/atom+xml"},
                {"/wp/feed/", "application/rss+xml"}, {"/feeds/posts/default", "application/atom+xml"}}) {
            try (BlogSiteServer other = new BlogSiteServer(SITE)) {
                other.homeFeed(feed[0], feed[1]);
                Store store = new Store();
                SiteCrawler.Report report = new SiteCrawler(fetcher, FAST).crawl(other.uri("/"), store, store, false);
                assertThat(report.feedPages()).as(feed[0]).isEqualTo(POSTS / BlogSite.FEED_PAGE);
                assertThat(report.notes()).as(feed[0]).anyMatch(n -> n.contains("to the end (300 posts)"));
                assertThat(report.pagesFetched()).as(feed[0]).isEqualTo(1); // the about page alone
                assertEveryPost(store.byUrl(), other.base(), false); // Rome reads no xml:lang in Atom
            }
        }
    }

    @Test
    void feedPagingStopsAtItsBoundAndSaysWhere() {
        try (BlogSiteServer other = new BlogSiteServer(SITE)) {
            other.homeFeed("/atom.xml", "application/atom+xml");
            Store store = new Store();
            SiteCrawler.Report report = new SiteCrawler(fetcher, new SiteCrawler.Options(Duration.ZERO, 2, 3, 25))
                    .crawl(other.uri("/"), store, store, false);
            assertThat(report.posts()).isEqualTo(25);
            assertThat(String.join("\n", report.notes())).contains("stopped at the limit of 25 posts");
            assertThat(store.byUrl()).hasSize(25);
        }
    }

    @Test
    void requestsToOneHostAreSpacedByTheDelayAndAtMostTwoAtATime() {
        BlogSite small = new BlogSite(12);
        try (BlogSiteServer other = new BlogSiteServer(small, ANSWER_TIME)) {
            Store store = new Store();
            new SiteCrawler(fetcher, new SiteCrawler.Options(Duration.ofMillis(60), 2, 100, 10_000))
                    .crawl(other.uri("/"), store, store, false);
            List<Long> starts = other.starts().stream().sorted().toList();
            assertThat(starts).hasSizeGreaterThan(5);
            // Measured where they arrive, after connection set-up: the span, not each gap, shows the spacing.
            assertThat(Duration.ofNanos(starts.getLast() - starts.getFirst()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(55L * (starts.size() - 1)));
            assertThat(other.maxConcurrent()).isLessThanOrEqualTo(2);
            assertThat(store.byUrl()).hasSize(12);
        }
    }

    @Test
    void aFeedOfExcerptsGivesWayToThePagesAndAFeedRobotsTxtDisallowsIsNeverRead() {
        Store store = new Store();
        SiteCrawler.Report report = new SiteCrawler(fetcher, FAST).crawl(server.uri("/alt/"), store, store, false);

        Map<String, Post> posts = store.byUrl();
        assertEveryPost(posts, server.base());
        assertThat(server.paths()).noneMatch(p -> p.startsWith("/private/"));
        assertThat(report.notes())
                .anyMatch(n -> n.equals("feed " + server.base() + "/private/feed.json left alone: robots.txt disallows it"))
                .anyMatch(n -> n.startsWith("feed " + server.base() + "/feed.xml ("))
                .contains("feed pages: 1 read, to the end (10 posts, 10 of them excerpts)")
                .contains(BlogSite.FEED_PAGE + " posts the feed carries as excerpts read whole from their pages");

        int entries = store.entries.size();
        server.resetCounts();
        new SiteCrawler(fetcher, FAST).crawl(server.uri("/alt/"), store, store, false);
        assertThat(store.entries).as("nothing changed, nothing posted again").hasSize(entries);
        assertThat(server.conditionalRequests()).isEqualTo(server.requests());
    }

    @Test
    void aBuiltFolderGivesTheSamePostsAsTheAddress(@TempDir Path folder) {
        SITE.write(folder, server.base());
        assertThat(SiteFolder.isBuiltSite(folder)).isTrue();
        Store byAddress = new Store();
        crawl(byAddress, FAST);
        Store byFolder = new Store();

        SiteFolder.Report report = SiteFolder.read(folder, "", byFolder, byFolder, false);

        Map<String, Post> fromFolder = byFolder.byUrl();
        assertEveryPost(fromFolder, server.base());
        Map<String, Post> fromAddress = byAddress.byUrl();
        for (Map.Entry<String, Post> e : fromFolder.entrySet()) {
            Post a = fromAddress.get(e.getKey());
            Post f = e.getValue();
            assertThat(List.of(f.title(), f.author(), f.published(), f.tags(), f.language()))
                    .isEqualTo(List.of(a.title(), a.author(), a.published(), a.tags(), a.language()));
        }
        assertThat(report.skipped()).containsEntry("tag or category list", 8).containsEntry("home page", 1);
        assertThat(SiteFolder.read(folder, "", byFolder, byFolder, false).unchanged()).isEqualTo(report.pages());
    }
}
