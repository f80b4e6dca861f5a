package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Smart quotes, dashes and ellipses from Windows editors, written as references or bytes in the C1 range, read as
 * browsers read them (the WHATWG Windows-1252 table) instead of as controls that split words.
 */
class Windows1252Test {

    @Test
    void referencesInTheC1RangeAreWindows1252Characters() {
        Post post = TestFeeds.read(TestFeeds.rss("""
                <item><title>don&#146;t stop &#150; ever&#133;</title><link>https://blog.example/1</link>
                  <description>&#147;quoted&#148; &#x80;5</description></item>
                """)).posts().getFirst();

        assertThat(post.title()).isEqualTo("don\u2019t stop \u2013 ever\u2026");
        assertThat(post.text()).isEqualTo("\u201cquoted\u201d \u20ac5");
    }

    @Test
    void rawC1BytesAreWindows1252CharactersWhateverLatinEncodingIsDeclared() {
        for (String declared : new String[] {"ISO-8859-1", "ISO-8859-15", "windows-1252"}) {
            String head = "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>";
            String xml = TestFeeds.rss("<item><title>don\u0092t stop \u0096 ever\u0085</title>"
                    + "<link>https://blog.example/1</link></item>").replaceFirst("<\\?xml[^>]*>", head);
            byte[] bytes = xml.getBytes(StandardCharsets.ISO_8859_1); // U+0092 is the byte 0x92

            String title = TestFeeds.read(new ByteArrayInputStream(bytes), TestFeeds.SITE).first().title();

            assertThat(title).as(declared).isEqualTo("don\u2019t stop \u2013 ever\u2026");
        }
    }
}
