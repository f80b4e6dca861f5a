package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text written as XHTML elements rather than escaped HTML: in Atom html content, and in RSS bodies. */
class XhtmlBodyTest {

    @Test
    void atomHtmlContentWrittenAsElementsKeepsItsText() {
        List<Post> posts = TestFeeds.read(TestFeeds.atom("""
                <entry><title>a</title><id>urn:1</id><updated>2024-01-02T00:00:00Z</updated>
                  <content type="html"><div xmlns="http://www.w3.org/1999/xhtml"><p>Typed as
                    <em>elements</em>.</p><p>Second block</p><script>track()</script></div></content></entry>
                <entry><title>b</title><id>urn:2</id><updated>2024-01-02T00:00:00Z</updated>
                  <content type="text/html">&lt;p&gt;Escaped&lt;/p&gt; <div>and an element</div></content></entry>
                """)).posts();

        assertThat(posts).extracting(Post::text)
                .containsExactly("Typed as elements. Second block", "Escaped and an element");
    }

    @Test
    void atomXhtmlContentWithPrefixedElementsKeepsItsBlocksApart() {
        Post post = TestFeeds.read(TestFeeds.atom("""
                <entry xmlns:x="http://www.w3.org/1999/xhtml"><title>a</title><id>urn:1</id>
                  <updated>2024-01-02T00:00:00Z</updated>
                  <content type="xhtml"><x:div><x:div><x:p>One</x:p><x:p>Two</x:p></x:div></x:div></content></entry>
                """)).posts().getFirst();

        assertThat(post.text()).isEqualTo("One Two");
    }

    @Test
    void rssItemsWithTheirTextInAnXhtmlBodyAreNotEmpty() {
        List<Post> posts = TestFeeds.read(TestFeeds.rss("""
                <item><title>a</title><link>https://blog.example/1</link>
                  <xhtml:body xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>Kept in
                    <xhtml:b>xhtml</xhtml:b></xhtml:p><xhtml:p>body</xhtml:p></xhtml:body></item>
                <item><title>b</title><link>https://blog.example/2</link><description>Teaser</description>
                  <body><p>Plain body element</p></body></item>
                """)).posts();

        assertThat(posts).extracting(Post::text).containsExactly("Kept in xhtml body", "Plain body element");
        assertThat(posts.get(1).summary()).isEqualTo("Teaser");
    }
}
