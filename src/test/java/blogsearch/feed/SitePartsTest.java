package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** The parts a site crawl is made of: JSON Feed, robots.txt, sitemaps, discovery, paging, article extraction. */
class SitePartsTest {
    private static final URI SITE = URI.create("https://blog.example/");

    @Test
    void jsonFeedItemsBecomeEntriesLikeRssItems() {
        String json = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "J &amp; Blog",
                 "home_page_url": "https://blog.example/", "feed_url": "https://blog.example/feed.json",
                 "language": "de", "authors": [{"name": "Feed Author"}],
                 "next_url": "https://blog.example/feed.json?page=2",
                 "items": [
                  {"id": "1", "url": "/posts/one/", "title": "One", "content_html": "<p>Hello <b>world</b></p>",
                   "summary": "Short", "date_published": "2024-03-05T10:00:00+01:00", "tags": ["a", "A", "b"]},
                  {"id": "2", "external_url": "https://else.example/x", "content_text": "Plain text",
                   "date_modified": "2024-03-06T00:00:00Z", "author": {"name": "Old Style"}, "language": "en"}]}
                """;
        TestFeeds.Read read = TestFeeds.read(json, URI.create("https://blog.example/feed.json"));
        assertThat(read.info().title()).isEqualTo("J & Blog");
        assertThat(read.entries()).hasSize(2);
        FeedEntry one = read.first();
        assertThat(one.url()).isEqualTo("https://blog.example/posts/one/");
        assertThat(one.toPost().text()).isEqualTo("Hello world");
        assertThat(one.toPost().summary()).isEqualTo("Short");
        assertThat(one.published()).contains(Instant.parse("2024-03-05T09:00:00Z"));
        assertThat(one.tags()).containsExactly("a", "b");
        assertThat(one.author()).isEqualTo("Feed Author");
        assertThat(one.language()).isEqualTo("de");
        FeedEntry two = read.entries().get(1);
        assertThat(two.url()).isEqualTo("https://else.example/x");
        assertThat(two.author()).isEqualTo("Old Style");
        assertThat(two.published()).contains(Instant.parse("2024-03-06T00:00:00Z"));
        assertThat(two.language()).isEqualTo("en");
        assertThat(JsonFeedReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                SITE, e -> { }).next()).isEqualTo("https://blog.example/feed.json?page=2");
    }

    @Test
    void jsonThatIsNoJsonFeedIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TestFeeds.read("{\"items\": []}")).hasMessageContaining("not a JSON Feed");
        assertThatThrownBy(() -> TestFeeds.read("{\"version\": ")).hasMessageContaining("invalid JSON Feed");
    }

    @Test
    void robotsTxtGroupForUsWinsOverTheStarGroupAndTheLongestRuleDecides() {
        RobotsTxt robots = RobotsTxt.parse("""
                User-agent: *
                Disallow: /

                User-agent: Googlebot
                User-agent: blogsearch
                Disallow: /private/
                Allow: /private/open$
                Disallow: /*.pdf$
                Crawl-delay: 2.5
                Sitemap: /sitemap.xml
                """, URI.create("https://blog.example/robots.txt"));
        assertThat(robots.allows(URI.create("https://blog.example/posts/a/"))).isTrue();
        assertThat(robots.allows(URI.create("https://blog.example/private/x"))).isFalse();
        assertThat(robots.allows(URI.create("https://blog.example/private/open"))).isTrue();
        assertThat(robots.allows(URI.create("https://blog.example/files/a.pdf"))).isFalse();
        assertThat(robots.allows(URI.create("https://blog.example/files/a.pdf?x=1"))).isTrue();
        assertThat(robots.crawlDelay()).contains(Duration.ofMillis(2500));
        assertThat(robots.sitemaps()).containsExactly("https://blog.example/sitemap.xml");
        RobotsTxt star = RobotsTxt.parse("User-agent: *\nDisallow: /tmp\n", SITE);
        assertThat(star.allows(URI.create("https://blog.example/tmp/x"))).isFalse();
        assertThat(star.allows(URI.create("https://blog.example/"))).isTrue();
        String hostile = "User-agent: *\nDisallow: /" + "*a".repeat(200) + "$\n";
        assertThat(RobotsTxt.parse(hostile, SITE).allows(URI.create("https://blog.example/" + "a".repeat(1999) + "b")))
                .isTrue();
    }

    @Test
    void sitemapsAreReadPlainOrGzippedWithTheirLastmodAndOnlyOnTheirHost() throws IOException {
        String xml = """
                <?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>https://blog.example/a/</loc><lastmod>2024-03-05</lastmod></url>
                <url><loc>https://www.blog.example/b/</loc></url>
                <url><loc>https://evil.example/c/</loc></url></urlset>""";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] bytes : List.of(xml.getBytes(StandardCharsets.UTF_8), gz.toByteArray())) {
            SitemapReader.Sitemap map = SitemapReader.read(new ByteArrayInputStream(bytes),
                    URI.create("https://blog.example/sitemap.xml"));
            assertThat(map.pages()).extracting(e -> e.loc().toString())
                    .containsExactly("https://blog.example/a/", "https://www.blog.example/b/");
            assertThat(map.pages().getFirst().lastmod()).contains(Instant.parse("2024-03-05T00:00:00Z"));
        }
        SitemapReader.Sitemap index = SitemapReader.read(new ByteArrayInputStream(("<sitemapindex><sitemap><loc>"
                + "/s1.xml</loc></sitemap></sitemapindex>").getBytes(StandardCharsets.UTF_8)), SITE);
        assertThat(index.sitemaps()).extracting(e -> e.loc().toString()).containsExactly("https://blog.example/s1.xml");
        assertThatThrownBy(() -> SitemapReader.read(new ByteArrayInputStream("<html></html>".getBytes()), SITE))
                .hasMessageContaining("not a sitemap");
    }

    @Test
    void discoveryListsAlternateFeedsButNotCommentFeeds() {
        var page = Jsoup.parse("""
                <head><link rel="alternate" type="application/rss+xml" href="/feed/" title="Blog">
                <link rel="alternate" type="application/rss+xml" href="/comments/feed/" title="Blog » Comments Feed">
                <link rel="alternate" type="application/feed+json" href="https://blog.example/feed.json">
                <link rel="alternate" type="text/html" href="/fr/" hreflang="fr"></head>""", SITE.toString());
        assertThat(Discovery.alternates(page, SITE)).extracting(l -> l.uri().toString())
                .containsExactly("https://blog.example/feed/", "https://blog.example/feed.json");
    }

    @Test
    void feedPagesFollowRfc5005LinksWordPressAndBlogger() {
        URI atom = URI.create("https://blog.example/atom.xml");
        FeedPaging.Header archive = FeedPaging.header(("<feed xmlns='http://www.w3.org/2005/Atom'><link "
                + "rel='prev-archive' href='/archive/2.xml'/><entry><link rel='next' href='/no'/></entry></feed>")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(FeedPaging.next(archive, atom, 10)).contains(URI.create("https://blog.example/archive/2.xml"));
        FeedPaging.Header wp = FeedPaging.header(("<rss><channel><generator>https://wordpress.org/?v=6.5</generator>"
                + "<item/></channel></rss>").getBytes(StandardCharsets.UTF_8));
        assertThat(FeedPaging.next(wp, URI.create("https://blog.example/feed/?paged=3"), 10))
                .contains(URI.create("https://blog.example/feed/?paged=4"));
        assertThat(FeedPaging.next(wp, URI.create("https://blog.example/feed/"), 0)).isEmpty();
        FeedPaging.Header hidden = FeedPaging.header(("<rss xmlns:wfw='http://wellformedweb.org/CommentAPI/' "
                + "xmlns:slash='http://purl.org/rss/1.0/modules/slash/'><channel><item/></channel></rss>")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(FeedPaging.next(hidden, URI.create("https://blog.example/feed/"), 10))
                .as("WordPress with its generator tag removed").contains(URI.create("https://blog.example/feed/?paged=2"));
        assertThat(FeedPaging.next(FeedPaging.header("<rss><channel><item/></channel></rss>"
                .getBytes(StandardCharsets.UTF_8)), URI.create("https://blog.example/?feed=rss2"), 10))
                .contains(URI.create("https://blog.example/?feed=rss2&paged=2"));
        assertThat(FeedPaging.next(FeedPaging.header(("<rss xmlns:wfw='http://wellformedweb.org/CommentAPI/'><channel>"
                + "<item/></channel></rss>").getBytes(StandardCharsets.UTF_8)), URI.create("https://blog.example/rss"), 10))
                .as("not WordPress").isEmpty();
        FeedPaging.Header blogger = new FeedPaging.Header("", "", "Blogger", 60, 26, 25, List.of());
        assertThat(FeedPaging.next(blogger, URI.create("https://x.blogspot.com/feeds/posts/default?start-index=26"),
                25)).contains(URI.create("https://x.blogspot.com/feeds/posts/default?start-index=51"));
        assertThat(FeedPaging.next(new FeedPaging.Header("", "", "Blogger", 60, 51, 25, List.of()),
                URI.create("https://x.blogspot.com/feeds/posts/default?start-index=51"), 10)).isEmpty();
    }

    @Test
    void articleMetadataComesFromJsonLdThenMetaTagsThenMicroformats() {
        Article a = ArticleExtractor.extract("""
                <html lang="fr"><head><title>Ignored | Site</title>
                <link rel="canonical" href="https://blog.example/2024/03/post/">
                <script type="application/ld+json">[{"@type": "Organization", "name": "X"},
                  {"@type": ["NewsArticle"], "headline": "The headline", "datePublished": "2024-03-05",
                   "author": [{"name": "A"}, {"name": "B"}], "keywords": ["k1", "k2"]}]</script>
                <meta property="og:title" content="OG title"><meta property="article:tag" content="k3">
                </head><body><nav>Menu words</nav><article><h1>Shown</h1><p>Body text here.</p>
                <div class="comments">A comment</div><aside>Aside</aside></article></body></html>""",
                URI.create("https://blog.example/?p=12"));
        assertThat(a.isPost()).isTrue();
        assertThat(a.url()).isEqualTo("https://blog.example/2024/03/post/");
        assertThat(a.title()).isEqualTo("The headline");
        assertThat(a.author()).isEqualTo("A, B");
        assertThat(a.published()).contains(Instant.parse("2024-03-05T00:00:00Z"));
        assertThat(a.tags()).containsExactly("k1", "k2", "k3");
        assertThat(a.language()).isEqualTo("fr");
        assertThat(a.toEntry("Site", "https://blog.example/").toPost().text())
                .isEqualTo("Shown Body text here.");
    }

    @Test
    void pagesThatAreNotPostsSayWhatTheyAre() {
        assertThat(ArticleExtractor.skipByUrl(URI.create("https://b.example/tag/java/"))).contains("tag or category list");
        assertThat(ArticleExtractor.skipByUrl(URI.create("https://b.example/category/x/page/2/"))).contains("pagination");
        assertThat(ArticleExtractor.skipByUrl(URI.create("https://b.example/2024/03/"))).contains("archive");
        assertThat(ArticleExtractor.skipByUrl(URI.create("https://b.example/"))).contains("home page");
        assertThat(ArticleExtractor.skipByUrl(URI.create("https://b.example/?p=12"))).isEmpty();
        assertThat(ArticleExtractor.skipByUrl(URI.create("https://b.example/2024/03/05/post/"))).isEmpty();
        Article list = ArticleExtractor.extract("<article><time datetime='2024-01-01'></time>a</article>"
                + "<article><time datetime='2024-01-02'></time>b</article>", URI.create("https://b.example/x/"));
        assertThat(list.notAPost()).contains("a list of posts");
        Article about = ArticleExtractor.extract("<main><h1>About me</h1><p>Hi.</p></main>",
                URI.create("https://b.example/about/"));
        assertThat(about.notAPost()).contains("not an article (no date or article markup)");
    }

    @Test
    void withoutArticleMarkupTheDensestBlockIsTheText() {
        Article a = ArticleExtractor.extract("""
                <head><meta property="article:published_time" content="2024-03-05T10:00:00+0100"></head>
                <body><div class="menu"><p>Home</p></div><div id="c"><h1>T</h1><p>First paragraph of the post.</p>
                <p>Second paragraph of the post.</p></div><div class="side"><p>Links</p></div></body>""",
                URI.create("https://b.example/post/"));
        assertThat(a.published()).contains(Instant.parse("2024-03-05T09:00:00Z"));
        assertThat(a.toEntry("", "").toPost().text())
                .isEqualTo("T First paragraph of the post. Second paragraph of the post.");
    }

    @Test
    void anOpmlOutlineWithOnlyABlogsAddressNamesTheBlog() {
        String opml = "<opml version=\"2.0\"><body><outline text=\"A\" htmlUrl=\"https://a.example/\"/>"
                + "<outline text=\"B\" xmlUrl=\"https://b.example/feed\" htmlUrl=\"https://b.example/\"/></body></opml>";
        assertThat(Sources.outlines(new ByteArrayInputStream(opml.getBytes(StandardCharsets.UTF_8)),
                URI.create("https://list.example/blogroll.opml")))
                .containsExactly(URI.create("https://a.example/"), URI.create("https://b.example/feed"));
    }
}
