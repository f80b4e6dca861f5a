package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dublin Core elements fill in tags, titles, text and dates where the core elements are missing. */
class DublinCoreTest {

    /** An RSS 1.0 feed around {@code items}, with Dublin Core and DC terms declared. */
    private static String rdf(String items) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
                  <channel rdf:about="https://orchard.example/">
                    <title>Orchard notes</title><link>https://orchard.example/</link><description>Trees</description>
                  </channel>
                """ + items + """
                </rdf:RDF>
                """;
    }

    @Test
    void dcSubjectsAreTagsInRss10AndBesideRssCategories() {
        Post rdf = TestFeeds.read(rdf("""
                <item rdf:about="https://orchard.example/1"><title>Pruning</title><link>https://orchard.example/1</link>
                  <dc:subject>Apples</dc:subject><dc:subject>Winter work</dc:subject><dc:subject>apples</dc:subject></item>
                """)).posts().getFirst();
        Post rss = TestFeeds.read(TestFeeds.rss("""
                <item><title>Grafting</title><link>https://blog.example/1</link><category>Pears</category>
                  <dc:subject>Rootstock</dc:subject></item>
                """)).posts().getFirst();

        assertThat(rdf.tags()).containsExactly("Apples", "Winter work");
        assertThat(rss.tags()).containsExactly("Pears", "Rootstock");
    }

    @Test
    void dcTitleAndDescriptionStandInForMissingCoreElements() {
        List<Post> posts = TestFeeds.read(rdf("""
                <item rdf:about="https://orchard.example/1"><link>https://orchard.example/1</link>
                  <dc:title>Cider season</dc:title><dc:description>Pressing &lt;b&gt;early&lt;/b&gt; apples.</dc:description></item>
                <item rdf:about="https://orchard.example/2"><link>https://orchard.example/2</link>
                  <title>Core title</title><description>Core text</description>
                  <dc:title>Ignored title</dc:title><dc:description>Ignored text</dc:description></item>
                """)).posts();

        assertThat(posts).extracting(Post::title).containsExactly("Cider season", "Core title");
        assertThat(posts).extracting(Post::text).containsExactly("Pressing early apples.", "Core text");
    }

    @Test
    void dcTermsDatesArePublishedAndUpdatedDates() {
        List<Post> posts = TestFeeds.read(rdf("""
                <item rdf:about="https://orchard.example/1"><title>Issued</title><link>https://orchard.example/1</link>
                  <dcterms:issued>2012-04-05T06:07:08Z</dcterms:issued><dcterms:modified>2013-01-02T03:04:05Z</dcterms:modified></item>
                <item rdf:about="https://orchard.example/2"><title>Created</title><link>https://orchard.example/2</link>
                  <dcterms:created>2011-09-10</dcterms:created></item>
                """)).posts();
        Post atom = TestFeeds.read(TestFeeds.atom("""
                <entry xmlns:dc="http://purl.org/dc/elements/1.1/"><title>Dated by DC</title><id>urn:dc</id>
                  <dc:date>2010-06-07T08:09:10Z</dc:date></entry>
                """)).posts().getFirst();

        assertThat(posts.get(0).published()).contains(Instant.parse("2012-04-05T06:07:08Z"));
        assertThat(posts.get(0).updated()).contains(Instant.parse("2013-01-02T03:04:05Z"));
        assertThat(posts.get(1).published()).contains(Instant.parse("2011-09-10T00:00:00Z"));
        assertThat(posts.get(1).updated()).isEqualTo(Optional.empty());
        assertThat(atom.published()).contains(Instant.parse("2010-06-07T08:09:10Z"));
    }
}
