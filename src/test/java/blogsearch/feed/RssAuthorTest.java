package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RSS 2.0 authors are addresses with the name in parentheses (Blogger writes "noreply@blogger.com (Name)"): the name
 * is shown, never the address. An address alone is no name: the post has no author unless another field names one.
 */
class RssAuthorTest {

    @Test
    void theNameInParenthesesIsTheAuthorAndTheAddressIsLeftOut() {
        List<FeedEntry> entries = TestFeeds.read(TestFeeds.rss("""
                <item><title>a</title><link>https://blog.example/1</link>
                  <author>editor@example.com (Example editor)</author></item>
                <item><title>b</title><link>https://blog.example/2</link>
                  <author>noreply@blogger.com (Rosa Quill)</author></item>
                <item><title>c</title><link>https://blog.example/3</link>
                  <author>"Ana Lys" &lt;ana@example.com&gt;</author></item>
                """)).entries();

        assertThat(entries).extracting(FeedEntry::author).containsExactly("Example editor", "Rosa Quill", "Ana Lys");
    }

    @Test
    void anAddressAloneIsNoNameAndTheNextFieldThatNamesSomeoneIsUsed() {
        List<FeedEntry> entries = TestFeeds.read(TestFeeds.rss("""
                <item><title>a</title><link>https://blog.example/1</link><author>editor@example.com</author></item>
                <item><title>b</title><link>https://blog.example/2</link><author>editor@example.com</author>
                  <dc:creator>Ivo Mint</dc:creator></item>
                """)).entries();

        assertThat(entries).extracting(FeedEntry::author).containsExactly("", "Ivo Mint");
    }

    @Test
    void theChannelsEditorIsNamedTheSameWay() {
        String xml = TestFeeds.rss("<item><title>a</title><link>https://blog.example/1</link></item>")
                .replace("<description>Posts</description>",
                        "<description>Posts</description><managingEditor>desk@example.com (News Desk)</managingEditor>");

        assertThat(TestFeeds.read(xml).first().author()).isEqualTo("News Desk");
    }
}
