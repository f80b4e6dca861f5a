package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A large feed is parsed in chunks: entries reach the sink while the rest is still unread. */
class FeedStreamingTest {
    private static final int ITEMS = 5_000;

    /** Counts the bytes the reader has pulled so far. */
    private static final class Counting extends FilterInputStream {
        long consumed;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            consumed += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            consumed += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            consumed += skipped;
            return skipped;
        }
    }

    private static byte[] bigFeed(String items) {
        return TestFeeds.rss(items).getBytes(StandardCharsets.UTF_8);
    }

    private static String rssItems() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            items.append("<item><title>Post ").append(i).append("</title><link>https://blog.example/p/").append(i)
                    .append("</link><description>&lt;p&gt;Body of post ").append(i)
                    .append(", long enough to look like a teaser of a real article.&lt;/p&gt;</description>")
                    .append("<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>\n");
        }
        return items.toString();
    }

    @Test
    void theFirstEntryArrivesBeforeTheInputHasBeenReadToItsEnd() {
        byte[] feed = bigFeed(rssItems());
        Counting in = new Counting(new ByteArrayInputStream(feed));
        long[] consumedAtFirst = {-1};
        List<String> titles = new ArrayList<>();

        FeedReader.FeedInfo info = FeedReader.read(in, "application/rss+xml", TestFeeds.SITE, entry -> {
            if (titles.isEmpty()) {
                consumedAtFirst[0] = in.consumed;
            }
            titles.add(entry.title());
        });

        assertThat(feed.length).isGreaterThan(1_000_000);
        assertThat(consumedAtFirst[0]).isPositive().isLessThan(feed.length / 4);
        assertThat(in.consumed).isEqualTo(feed.length);
        assertThat(info.entries()).isEqualTo(ITEMS);
        assertThat(titles).hasSize(ITEMS).startsWith("Post 0", "Post 1").endsWith("Post " + (ITEMS - 1));
    }

    @Test
    void aLargeAtomFeedStreamsToo() {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            entries.append("<entry><title>Entry ").append(i).append("</title><id>urn:e:").append(i)
                    .append("</id><updated>2024-01-02T00:00:00Z</updated><link href=\"/e/").append(i)
                    .append("\"/><content type=\"html\">&lt;p&gt;Entry body ").append(i)
                    .append(" with enough words to be a paragraph.&lt;/p&gt;</content></entry>\n");
        }
        byte[] feed = TestFeeds.atom(entries.toString()).getBytes(StandardCharsets.UTF_8);
        Counting in = new Counting(new ByteArrayInputStream(feed));
        long[] consumedAtFirst = {-1};
        List<FeedEntry> seen = new ArrayList<>();

        FeedReader.read(in, null, TestFeeds.SITE, entry -> {
            if (seen.isEmpty()) {
                consumedAtFirst[0] = in.consumed;
            }
            seen.add(entry);
        });

        assertThat(consumedAtFirst[0]).isPositive().isLessThan(feed.length / 4);
        assertThat(seen).hasSize(ITEMS);
        assertThat(seen.get(ITEMS - 1).url()).isEqualTo("https://atom.example/e/" + (ITEMS - 1));
        assertThat(seen.stream().map(FeedEntry::id).distinct().count()).isEqualTo(ITEMS);
    }

    /** Chunks are separate documents for Rome: each must still carry the channel's metadata. */
    @Test
    void everyChunkKnowsTheChannel() {
        List<FeedEntry> seen = new ArrayList<>();
        String xml = TestFeeds.rss("<atom:link rel=\"self\" href=\"https://blog.example/feed.xml\"/>"
                + "<language>de</language>" + rssItems().replace("<link>https://blog.example/p/", "<link>/p/"));

        FeedReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), null, TestFeeds.SITE, seen::add);

        assertThat(seen).hasSize(ITEMS).allSatisfy(e -> {
            assertThat(e.feedTitle()).isEqualTo("Example Blog");
            assertThat(e.feedUrl()).isEqualTo("https://blog.example/feed.xml");
            assertThat(e.language()).isEqualTo("de");
            assertThat(e.url()).startsWith("https://blog.example/p/");
        });
    }

    /** RSS 1.0 keeps its items beside the channel, not in it: chunks must still give every one. */
    @Test
    void anRss10FeedLargerThanAChunkGivesEveryItem() {
        int n = FeedReader.CHUNK_ITEMS * 3 + 5;
        StringBuilder xml = new StringBuilder("""
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
                  <channel rdf:about="https://rdf.example/"><title>R</title><link>https://rdf.example/</link>
                    <description>d</description><items><rdf:Seq>
                """);
        for (int i = 0; i < n; i++) {
            xml.append("<rdf:li resource=\"https://rdf.example/").append(i).append("\"/>");
        }
        xml.append("</rdf:Seq></items></channel>\n");
        for (int i = 0; i < n; i++) {
            xml.append("<item rdf:about=\"https://rdf.example/").append(i).append("\"><title>Item ").append(i)
                    .append("</title><link>https://rdf.example/").append(i).append("</link></item>\n");
        }
        xml.append("</rdf:RDF>");

        List<FeedEntry> seen = TestFeeds.read(xml.toString()).entries();

        assertThat(seen).hasSize(n);
        assertThat(seen).extracting(FeedEntry::url)
                .startsWith("https://rdf.example/0").endsWith("https://rdf.example/" + (n - 1));
        assertThat(seen).allSatisfy(e -> assertThat(e.feedTitle()).isEqualTo("R"));
    }
}
