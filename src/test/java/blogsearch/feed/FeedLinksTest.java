package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedLinksTest {

    private static List<String> urls(String xml, URI location) {
        return TestFeeds.read(xml, location).posts().stream().map(Post::url).toList();
    }

    private static String item(String link) {
        return "<item><title>t</title><link>" + link + "</link></item>\n";
    }

    @Test
    void relativeItemLinksResolveAgainstTheChannelLink() {
        String xml = TestFeeds.rss(item("posts/hello.html") + item("/about") + item("../up") + item("?page=2"))
                .replace("<link>https://blog.example/</link>", "<link>https://blog.example/blog/</link>");

        assertThat(urls(xml, URI.create("https://cdn.example/feeds/rss.xml"))).containsExactly(
                "https://blog.example/blog/posts/hello.html",
                "https://blog.example/about",
                "https://blog.example/up",
                "https://blog.example/blog/?page=2");
    }

    @Test
    void withoutAChannelLinkRelativeLinksResolveAgainstWhereTheFeedCameFrom() {
        String xml = TestFeeds.rss(item("posts/hello.html")).replace("<link>https://blog.example/</link>", "");

        assertThat(urls(xml, URI.create("https://cdn.example/feeds/rss.xml")))
                .containsExactly("https://cdn.example/feeds/posts/hello.html");
    }

    @Test
    void absoluteLinksAreKeptAsTheyAre() {
        String xml = TestFeeds.rss(item("https://other.example/a/b?x=1&amp;y=2#frag") + item("http://[2001:db8::1]/v6"));

        assertThat(urls(xml, TestFeeds.SITE))
                .containsExactly("https://other.example/a/b?x=1&y=2#frag", "http://[2001:db8::1]/v6");
    }

    @Test
    void javascriptDataAndOtherSchemesAreDroppedLeavingTheUrlEmpty() {
        String xml = TestFeeds.rss(item("javascript:alert(1)") + item("  JavaScript:alert(document.cookie)")
                + item("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==") + item("vbscript:msgbox")
                + item("file:///etc/passwd") + item("mailto:me@blog.example"));

        List<Post> posts = TestFeeds.read(xml).posts();

        assertThat(posts).hasSize(6).allSatisfy(p -> assertThat(p.url()).isEmpty());
    }

    /** Browsers follow such links; java.net.URI refuses them, which used to drop the link altogether. */
    @Test
    void linksWithCharactersUrisForbidAreEscapedNotDropped() {
        String xml = TestFeeds.rss(item("/search?tags[]=java&amp;tags[]=xml") + item("/wiki/A|B")
                + item("/posts/my post") + item("/100%real") + item("/already%20escaped"));

        assertThat(urls(xml, TestFeeds.SITE)).containsExactly(
                "https://blog.example/search?tags%5B%5D=java&tags%5B%5D=xml",
                "https://blog.example/wiki/A%7CB",
                "https://blog.example/posts/my%20post",
                "https://blog.example/100%25real",
                "https://blog.example/already%20escaped");
    }

    @Test
    void atomRelativeHrefsResolveAgainstTheFeedsLink() {
        String xml = TestFeeds.atom("""
                <entry><title>a</title><id>urn:a</id><updated>2024-01-02T00:00:00Z</updated>
                  <link rel="alternate" href="/2024/a.html"/></entry>
                <entry><title>b</title><id>urn:b</id><updated>2024-01-02T00:00:00Z</updated>
                  <link href="javascript:alert(1)"/></entry>
                """);

        assertThat(urls(xml, TestFeeds.SITE)).containsExactly("https://atom.example/2024/a.html", "");
    }

    /** Rome leaves xml:base alone, yet Atom feeds use it to make their links relative. */
    @Test
    void atomLinksResolveAgainstXmlBase() {
        String xml = """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/dir/">
                  <title>based</title><id>urn:f</id><link href="https://site.example/"/>
                  <entry><title>a</title><id>urn:a</id><link href="post.html"/></entry>
                  <entry xml:base="https://other.example/x/"><title>b</title><id>urn:b</id><link href="p2.html"/></entry>
                  <entry xml:base="sub/"><title>c</title><id>urn:c</id><link href="p3.html"/></entry>
                  <entry><title>d</title><id>urn:d</id><link href="https://abs.example/d"/></entry>
                </feed>
                """;

        assertThat(urls(xml, URI.create("https://cdn.example/feed.atom"))).containsExactly(
                "https://base.example/dir/post.html",
                "https://other.example/x/p2.html",
                "https://base.example/dir/sub/p3.html",
                "https://abs.example/d");
    }
}
