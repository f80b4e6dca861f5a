package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;

/** XML faults common in feeds, which feed readers overlook: the feed is read, and said to be repaired. */
class MalformedXmlTest {

    @Test
    void aBareAmpersandInALinkOrATitleIsTextAndTheFeedIsSaidToBeRepaired() {
        TestFeeds.Read read = TestFeeds.read(TestFeeds.rss("""
                <item><title>Salt & pepper</title><link>https://blog.example/search?a=1&b=2</link>
                  <description>Before</description></item>
                <item><title>Second</title><link>https://blog.example/2</link><description>After</description></item>
                """));

        assertThat(read.entries()).extracting(FeedEntry::title).containsExactly("Salt & pepper", "Second");
        assertThat(read.first().url()).isEqualTo("https://blog.example/search?a=1&b=2");
        assertThat(read.info().repairs()).containsExactly("read 2 bare '&' as text");
    }

    @Test
    void anUpperCaseHexReferenceIsReadAsHex() {
        TestFeeds.Read read = TestFeeds.read(TestFeeds.rss("""
                <item><title>Plan &#X41; and plan &#x42;</title><link>https://blog.example/1</link></item>
                """));

        assertThat(read.first().title()).isEqualTo("Plan A and plan B");
        assertThat(read.info().repairs()).containsExactly("read 1 '&#X' references as '&#x'");
    }

    @Test
    void aWellFormedFeedNeedsNoRepair() {
        TestFeeds.Read read = TestFeeds.read(TestFeeds.rss("""
                <!-- Ben & Jerry's generator -->
                <item><title>Salt &amp; pepper</title><link>https://blog.example/1?a=1&amp;b=2</link>
                  <description><![CDATA[R & D]]></description></item>
                """));

        assertThat(read.first().title()).isEqualTo("Salt & pepper");
        assertThat(read.info().repairs()).isEqualTo(List.of());
    }

    @Test
    void anEntityNeitherXmlNorHtmlKnowsStillFailsTheFeed() {
        assertThat(catchThrowable(() -> TestFeeds.read(TestFeeds.rss("""
                <item><title>Tom &madeup; Jerry</title></item>
                """)))).isInstanceOf(FeedReader.FeedError.class).hasMessageContaining("madeup");
    }
}
