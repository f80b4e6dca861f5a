package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

/** iTunes and Media RSS elements fill in author, text, tags and title where the core elements are missing. */
class PodcastFieldsTest {

    /** An RSS 2.0 podcast around {@code items}, with the iTunes and Media RSS namespaces declared. */
    private static String podcast(String channelExtras, String items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
                     xmlns:media="http://search.yahoo.com/mrss/">
                  <channel><title>Bee talk</title><link>https://bees.example/</link><description>Hives</description>
                """ + channelExtras + items + """
                  </channel>
                </rss>
                """;
    }

    @Test
    void itunesFieldsGiveAuthorTextAndTags() {
        List<Post> posts = TestFeeds.read(podcast("<itunes:author>Hive Radio</itunes:author>", """
                <item><title>Swarms</title><link>https://bees.example/1</link>
                  <itunes:author>Mel Comb</itunes:author><itunes:summary>Why colonies split.</itunes:summary>
                  <itunes:keywords>swarming, queens ,, spring</itunes:keywords></item>
                <item><title>Wax</title><link>https://bees.example/2</link><category>Crafts</category>
                  <itunes:keywords>candles</itunes:keywords></item>
                """)).posts();

        assertThat(posts.get(0).author()).isEqualTo("Mel Comb");
        assertThat(posts.get(0).text()).isEqualTo("Why colonies split.");
        assertThat(posts.get(0).tags()).containsExactly("swarming", "queens", "spring");
        assertThat(posts.get(1).author()).as("the channel's").isEqualTo("Hive Radio");
        assertThat(posts.get(1).tags()).as("categories come first").containsExactly("Crafts");
    }

    @Test
    void mediaTitleAndDescriptionGiveTitleAndText() {
        List<Post> posts = TestFeeds.read(podcast("", """
                <item><link>https://bees.example/1</link>
                  <media:title>Smoker basics</media:title>
                  <media:description>Cool smoke &lt;calms&gt; bees.</media:description></item>
                <item><link>https://bees.example/2</link>
                  <media:group><media:content url="https://bees.example/2.mp3">
                    <media:title type="html">Honey &lt;i&gt;flow&lt;/i&gt;</media:title>
                    <media:description type="html">&lt;p&gt;Late summer.&lt;/p&gt;</media:description>
                  </media:content></media:group></item>
                """)).posts();

        assertThat(posts).extracting(Post::title).containsExactly("Smoker basics", "Honey flow");
        assertThat(posts).extracting(Post::text).containsExactly("Cool smoke <calms> bees.", "Late summer.");
    }
}
