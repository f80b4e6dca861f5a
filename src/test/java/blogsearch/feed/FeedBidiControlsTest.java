package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bidirectional controls in a feed (see {@link blogsearch.post.BidiControls}): those that reorder the text
 * around them never reach a post; the marks stay, since right-to-left text needs them.
 */
class FeedBidiControlsTest {
    private static final String REORDERING = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";

    @Test
    void embeddingsOverridesAndIsolatesAreRemovedAndMarksKept() {
        List<Post> posts = TestFeeds.read(TestFeeds.rss("""
                <item><title>Price \u202e0.99\u202c and \u200fשלום\u200f!</title>
                  <link>https://blog.example/1</link>
                  <author>a@blog.example (Ada \u2067\u0633\u0644\u0627\u0645\u2069\u061c)</author>
                  <category>tag\u202d\u200e</category>
                  <description>&lt;p&gt;Body \u2066text\u2069 with \u202bembedded\u202c words,
                    \u061c\u0661\u200e.&lt;/p&gt;</description>
                </item>
                """)).posts();
        assertThat(posts).hasSize(1);
        Post p = posts.getFirst();
        for (String s : List.of(p.title(), p.author(), String.join(" ", p.tags()), p.text(), p.summary())) {
            assertThat(s.codePoints().filter(c -> REORDERING.indexOf(c) >= 0).toArray()).as(s).isEmpty();
        }
        assertThat(p.title()).contains("\u200f").startsWith("Price").contains("0.99");
        assertThat(p.author()).contains("\u061c");
        assertThat(p.tags()).allMatch(t -> t.contains("\u200e"));
        assertThat(p.text()).contains("\u061c\u0661\u200e").contains("embedded");
    }
}
