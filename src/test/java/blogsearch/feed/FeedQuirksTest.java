package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.feed.TestFeeds.Read;
import blogsearch.post.Post;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What real blogs' feeds do that the specifications did not foresee, each in a fixture under
 * src/test/resources/feeds/quirks written after the feeds of common site generators (Hugo, Jekyll, Pelican,
 * WordPress, Nikola, Docusaurus and others).
 */
class FeedQuirksTest {

    private static Read read(String name, String location) {
        return TestFeeds.read(TestFeeds.resource("feeds/quirks/" + name), URI.create(location));
    }

    /** Hugo writes pages without a date as "Mon, 01 Jan 0001": no post is that old, so they stay undated. */
    @Test
    void hugoZeroDatesLeaveAPostUndatedRatherThanInTheYearOne() {
        Read read = read("hugo-zero-dates.xml", "https://kobo.example/ja/index.xml");
        List<Post> posts = read.posts();

        assertThat(posts).extracting(Post::title).containsExactly("工房について", "漆の乾かし方", "Contact");
        assertThat(posts.get(0).published()).isEmpty();
        assertThat(posts.get(0).updated()).isEmpty();
        assertThat(posts.get(2).published()).isEmpty();
        assertThat(posts.get(1).published()).contains(Instant.parse("2026-11-04T00:00:00Z"));
        assertThat(posts).extracting(Post::url).containsExactly("https://kobo.example/ja/about/",
                "https://kobo.example/ja/posts/urushi/", "https://kobo.example/ja/contact/");
        assertThat(posts.get(1).text()).isEqualTo("漆は湿度の高い室で乾かします。");
        assertThat(posts.get(0).summary()).isEqualTo("小さな木工房のページです。");
        assertThat(posts).allSatisfy(p -> {
            assertThat(p.language()).isEqualTo("ja");
            assertThat(p.feedUrl()).isEqualTo("https://kobo.example/ja/index.xml");
        });
    }

    @Test
    void titlesLinksAndGuidsPaddedWithWhitespaceInsideCdataAreTrimmed() {
        Read read = read("cdata-padding.xml", "https://quill.example/feed.xml");
        List<Post> posts = read.posts();

        assertThat(read.info().title()).isEqualTo("Quill & Ink - A calligraphy journal");
        assertThat(read.info().link()).isEqualTo("https://quill.example/");
        assertThat(posts).extracting(Post::title)
                .containsExactly("Ink Notes (March 2025)", "Ruling guidelines without a pencil");
        assertThat(posts).extracting(Post::url).containsExactly(
                "https://quill.example/journal/2025/03/ink-notes/index.html",
                "https://quill.example/journal/2025/02/guidelines/index.html");
        assertThat(posts).extracting(Post::text)
                .containsExactly("Iron gall ink, and why it darkens on the page", "A folded card and a bone folder");
        assertThat(posts.get(0).summary()).isEqualTo("Iron gall ink, and why it darkens on the page");
        assertThat(posts).extracting(p -> p.published().orElseThrow())
                .containsExactly(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-02-15T00:00:00Z"));
        // The padded guid names the same post as the same guid written tightly in another feed.
        FeedEntry tight = TestFeeds.read(TestFeeds.rss("""
                <item><title>Ink</title><guid>https://quill.example/journal/2025/03/ink-notes/index.html</guid></item>
                """)).first();
        assertThat(read.first().id()).isEqualTo(tight.id());
    }

    /** Pelican writes root-relative links, a relative self link and "/" as the feed's id. */
    @Test
    void relativeAtomLinksResolveAgainstWhereTheFeedWasFetched() {
        Read read = read("relative-links.atom", "https://harbour.example/feeds/news.atom.xml");
        List<Post> posts = read.posts();

        assertThat(posts).extracting(Post::url).containsExactly("https://harbour.example/ferry-winter-timetable.html",
                "https://harbour.example/feeds/notices/slipway.html");
        assertThat(posts).extracting(Post::feedUrl).containsOnly("https://harbour.example/feeds/news.atom.xml");
        assertThat(posts).extracting(Post::title).containsExactly("Ferry timetable for the winter", "Slipway repairs");
        assertThat(posts).extracting(Post::author).containsOnly("Harbour Office");
        assertThat(posts).extracting(Post::tags).containsExactly(List.of("ferries"), List.of("works"));
        assertThat(posts.get(0).text()).isEqualTo("The last ferry now leaves at 17:40.");
        assertThat(posts.get(0).summary()).isEqualTo(posts.get(0).text());
        assertThat(posts.get(1).published()).contains(Instant.parse("2025-08-11T00:00:00Z"));
        // Their tag: ids are whole URIs, so the posts keep their ids wherever the feed is fetched from.
        Read mirrored = read("relative-links.atom", "https://mirror.example/harbour.xml");
        assertThat(mirrored.entries()).extracting(FeedEntry::id)
                .containsExactlyElementsOf(read.entries().stream().map(FeedEntry::id).toList());
        assertThat(mirrored.posts().get(0).url()).isEqualTo("https://mirror.example/ferry-winter-timetable.html");
    }

    /** Hugo themes write the channel link, the self link and every guid as paths on the site. */
    @Test
    void relativeGuidsNameAPostWithinItsFeedAndRelativeLinksFollowTheChannelLink() {
        Read read = read("relative-guids.xml", "https://loom.example/guild/blog/index.xml");
        List<Post> posts = read.posts();

        assertThat(read.info().link()).isEqualTo("https://loom.example/guild/blog/");
        assertThat(posts).extracting(Post::url).containsExactly("https://loom.example/guild/blog/2025/06/02/warping/",
                "https://loom.example/guild/blog/2025/05/20/drafts/");
        assertThat(posts).extracting(Post::title).containsExactly("Blog: Warping a floor loom", "Blog: Reading a draft");
        assertThat(posts.get(0).text())
                .isEqualTo("Warping Wind the warp back to front, under tension, a few threads at a time.");
        assertThat(posts.get(1).published()).contains(Instant.parse("2025-05-20T00:00:00Z"));
        assertThat(posts).extracting(Post::feedTitle).containsOnly("Loom Guild – Blog");

        List<String> ids = read.entries().stream().map(FeedEntry::id).toList();
        List<String> again = read("relative-guids.xml", "https://loom.example/guild/blog/index.xml").entries()
                .stream().map(FeedEntry::id).toList();
        List<String> elsewhere = read("relative-guids.xml", "https://weavers.example/blog/index.xml").entries()
                .stream().map(FeedEntry::id).toList();
        assertThat(ids).doesNotHaveDuplicates().isEqualTo(again);
        assertThat(elsewhere).as("the same paths on another site are other posts").doesNotContainAnyElementsOf(ids);
    }

    /** Eleventy's feed plugin sets xml:base on the feed and writes root-relative links and ids. */
    @Test
    void xmlBaseResolvesTheLinksOfTheFeedAndOfEachEntryWhereverTheFeedIsFetchedFrom() {
        Read read = read("xml-base.atom", "https://mirror.example/beacon.xml");
        List<Post> posts = read.posts();

        assertThat(posts).extracting(Post::url).containsExactly("https://beacon.example/blog/2026/05/31/may/",
                "https://beacon.example/blog/2026/04/april/");
        assertThat(posts).extracting(Post::feedUrl).containsOnly("https://beacon.example/blog/feed.xml");
        assertThat(posts).extracting(Post::author).containsOnly("Beacon Team");
        assertThat(posts.get(0).text()).isEqualTo("Layout of long tables is three times faster.");
        assertThat(posts.get(1).published()).contains(Instant.parse("2026-04-30T00:00:00Z"));
        assertThat(read.entries()).extracting(FeedEntry::id).doesNotHaveDuplicates()
                .containsExactlyElementsOf(read("xml-base.atom", "https://beacon.example/blog/feed.xml").entries()
                        .stream().map(FeedEntry::id).toList());
    }

    /** WordPress on Windows servers: every line ends in CR LF, and posts are Gutenberg blocks in CDATA. */
    @Test
    void crlfLineEndingsLeaveNoCarriageReturnInTheTextOfWordPressPosts() throws IOException {
        Path file = TestFeeds.resource("feeds/quirks/wordpress-crlf.xml");
        assertThat(Files.readString(file)).as("the fixture keeps its CR LF line endings").contains("</item>\r\n");

        Read read = TestFeeds.read(file, URI.create("https://greenhill.example/news/feed/"));
        List<Post> posts = read.posts();

        assertThat(read.info().title()).isEqualTo("Allotment News – Greenhill Allotments");
        assertThat(posts).extracting(Post::title).containsExactly("Seed swap on Saturday", "Water troughs turned on");
        assertThat(posts).extracting(Post::author).containsExactly("Hazel Okonkwo", "Bill Marsh");
        assertThat(posts).extracting(Post::tags).containsExactly(List.of("Events", "seeds"), List.of("Site"));
        assertThat(posts.get(0).text()).startsWith("Bring your spare seeds to the hut at ten.")
                .contains("runner beans").contains("the society’s own tomatoes").doesNotContain("wp:");
        assertThat(posts.get(0).summary())
                .isEqualTo("Bring your spare seeds to the hut at ten – beans, squash and the society’s own tomatoes.");
        assertThat(posts.get(1).published()).contains(Instant.parse("2025-03-24T07:30:00Z"));
        assertThat(posts.get(1).url()).isEqualTo("https://greenhill.example/news/2025/03/troughs/");
        assertThat(posts).allSatisfy(p -> {
            assertThat(p.title() + p.text() + p.summary() + p.author() + p.tags()).doesNotContain("\r");
            assertThat(p.feedUrl()).isEqualTo("https://greenhill.example/news/feed/");
            assertThat(p.language()).isEqualTo("en-gb");
        });
    }

    /** Nikola puts an xml-stylesheet instruction before the root element, on the same line as it. */
    @Test
    void aStylesheetInstructionBeforeTheRootElementIsPassedOver() throws IOException {
        Path file = TestFeeds.resource("feeds/quirks/xml-stylesheet.xml");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            assertThat(Sources.rootElement((BufferedInputStream) in)).isEqualTo("rss");
        }

        Post post = TestFeeds.read(file, URI.create("https://frogpond.example/rss.xml")).first().toPost();

        assertThat(post.title()).isEqualTo("A tiny tide clock in the terminal");
        assertThat(post.url()).isEqualTo("https://frogpond.example/posts/tide-clock.html");
        assertThat(post.author()).isEqualTo("Nuno Ferreira");
        assertThat(post.tags()).containsExactly("python", "terminal");
        assertThat(post.published()).contains(Instant.parse("2025-02-11T09:00:00Z"));
        assertThat(post.text()).isEqualTo("Forty lines of Python print a tide clock that updates every minute.");
    }

    @Test
    void chineseCategoriesAreTagsAsWrittenAndRepeatsCountOnce() {
        Read read = read("cjk-categories.xml", "https://celadon.example/zh-CN/blog/rss.xml");
        List<Post> posts = read.posts();

        assertThat(read.info().title()).isEqualTo("青瓷工作室博客");
        assertThat(posts).extracting(Post::tags).containsExactly(List.of("Celadon", "生产实践", "釉料"), List.of("入门"));
        assertThat(posts).extracting(Post::title).containsExactly("龙泉窑的釉色实践", "拉坯入门");
        assertThat(posts.get(0).text()).isEqualTo("背景 青瓷的颜色取决于釉中的铁和窑内的气氛。 我们用Celadon-7配方做了十二次试烧。");
        assertThat(posts.get(0).summary()).isEqualTo("本文介绍我们在还原焰烧成中调整釉色的经验。");
        assertThat(posts.get(1).url()).isEqualTo("https://celadon.example/zh-CN/blog/throwing");
        assertThat(posts.get(1).published()).contains(Instant.parse("2025-09-01T00:00:00Z"));
        assertThat(posts).extracting(Post::language).containsOnly("zh-cn");
    }

    /**
     * Blogger marks every post with a category of the "kind" scheme, and video sites every video; such
     * categories say what an entry is, not what it is about, and a tag that is an address is no tag either.
     */
    @Test
    void categoriesOfAKindSchemeAndCategoriesThatAreAddressesAreNotTags() {
        List<Post> atom = read("kind-categories.atom", "https://wheelandkiln.example/feeds/posts/default").posts();
        List<Post> rss = read("kind-categories.xml", "https://knots.example/videos/feed.xml").posts();

        assertThat(atom).extracting(Post::tags).containsExactly(List.of("glazes", "firing"), List.of(),
                List.of("Trimming"));
        assertThat(rss).extracting(Post::tags).containsExactly(List.of("Howto", "sailing"), List.of("climbing"));
    }
}
