package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feeds arrive in many encodings, declared in the document, the HTTP header, a BOM, or nowhere. */
class FeedEncodingTest {
    private static final String TITLE = "Café “quoted” – naïve";

    private static String feed(String declaration, String title) {
        return declaration + "<rss version=\"2.0\"><channel><title>" + title + "</title><link>https://blog.example/</link>"
                + "<description>d</description><item><title>" + title + "</title></item></channel></rss>";
    }

    private static String titleOf(byte[] bytes, String contentType) {
        List<FeedEntry> entries = new ArrayList<>();
        FeedReader.read(new ByteArrayInputStream(bytes), contentType, TestFeeds.SITE, entries::add);
        assertThat(entries).hasSize(1);
        return entries.getFirst().title();
    }

    @Test
    void theXmlDeclarationNamesTheEncoding() {
        String latin1 = "Café naïve";
        byte[] iso = feed("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", latin1).getBytes(StandardCharsets.ISO_8859_1);
        byte[] cp1252 = feed("<?xml version=\"1.0\" encoding=\"windows-1252\"?>", TITLE)
                .getBytes(Charset.forName("windows-1252"));

        assertThat(titleOf(iso, null)).isEqualTo(latin1);
        assertThat(titleOf(cp1252, null)).isEqualTo(TITLE);
        assertThat(titleOf(cp1252, "application/rss+xml")).isEqualTo(TITLE);
    }

    @Test
    void aByteOrderMarkNamesTheEncoding() {
        byte[] utf16 = feed("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", TITLE).getBytes(StandardCharsets.UTF_16);
        byte[] utf8Bom = ("\uFEFF" + feed("<?xml version=\"1.0\"?>", TITLE)).getBytes(StandardCharsets.UTF_8);

        assertThat(titleOf(utf16, null)).isEqualTo(TITLE);
        assertThat(titleOf(utf8Bom, null)).isEqualTo(TITLE);
    }

    @Test
    void withoutAnyDeclarationUtf8IsAssumed() {
        byte[] bare = feed("", TITLE).getBytes(StandardCharsets.UTF_8);

        assertThat(titleOf(bare, null)).isEqualTo(TITLE);
        assertThat(titleOf(bare, "application/rss+xml")).isEqualTo(TITLE);
    }

    /** RFC 3023 read text/xml without a charset as US-ASCII; RFC 7303 lets the document decide, as browsers do. */
    @Test
    void textXmlWithoutACharsetDoesNotGarbleAnUndeclaredUtf8Feed() {
        byte[] bare = feed("", TITLE).getBytes(StandardCharsets.UTF_8);

        assertThat(titleOf(bare, "text/xml")).isEqualTo(TITLE);
        assertThat(titleOf(bare, "text/plain")).isEqualTo(TITLE);
    }

    @Test
    void aCharsetInTheContentTypeIsHonoured() {
        byte[] latin1 = feed("", "Café").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(titleOf(latin1, "text/xml; charset=ISO-8859-1")).isEqualTo("Café");
        assertThat(titleOf(latin1, "application/rss+xml; charset=iso-8859-1")).isEqualTo("Café");
    }

    @Test
    void htmlEntitiesThatXmlLacksAreUnderstood() {
        byte[] xml = feed("", "caf&eacute;&nbsp;&mdash; &hellip;").getBytes(StandardCharsets.UTF_8);

        assertThat(titleOf(xml, null)).isEqualTo("café — …");
    }
}
