package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A feed's encoding as XML parsers and browsers find it (XML 1.0, appendix F): a byte order mark first, then the
 * byte pattern of the first characters (UTF-16 and UTF-32 without a mark), then the declaration, which cannot
 * make single-byte text UTF-16.
 */
class XmlEncodingTest {
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
    private static final String TITLE = "Grüße “quoted” – 日本語 😀";

    private static String feed(String declaration) {
        return declaration + "<rss version=\"2.0\"><channel><title>" + TITLE + "</title>"
                + "<link>https://blog.example/</link><description>d</description><item><title>" + TITLE
                + "</title></item></channel></rss>";
    }

    private static byte[] bytes(String text, Charset charset, boolean bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(((bom ? "\uFEFF" : "") + text).getBytes(charset));
        return out.toByteArray();
    }

    private static String titleOf(byte[] bytes, String contentType) {
        List<FeedEntry> entries = new ArrayList<>();
        FeedReader.read(new ByteArrayInputStream(bytes), contentType, TestFeeds.SITE, entries::add);
        assertThat(entries).hasSize(1);
        return entries.getFirst().title();
    }

    @Test
    void utf16WithoutAByteOrderMarkIsFoundByItsZeroBytes() {
        for (Charset cs : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            byte[] declared = bytes(feed("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"), cs, false);
            assertThat(titleOf(declared, null)).as("%s", cs).isEqualTo(TITLE);
            assertThat(titleOf(bytes(feed(""), cs, false), null)).as("%s, undeclared", cs).isEqualTo(TITLE);
            assertThat(titleOf(bytes(feed("<?xml version=\"1.0\"?>"), cs, false), "application/rss+xml"))
                    .as("%s, declared without an encoding", cs).isEqualTo(TITLE);
        }
    }

    @Test
    void utf32IsFoundWithOrWithoutAByteOrderMark() {
        for (Charset cs : List.of(UTF_32BE, UTF_32LE)) {
            for (boolean bom : List.of(true, false)) {
                assertThat(titleOf(bytes(feed("<?xml version=\"1.0\" encoding=\"UTF-32\"?>"), cs, bom), null))
                        .as("%s, BOM %s", cs, bom).isEqualTo(TITLE);
                assertThat(titleOf(bytes(feed(""), cs, bom), null)).as("%s, BOM %s, undeclared", cs, bom)
                        .isEqualTo(TITLE);
            }
        }
    }

    @Test
    void utf8DeclaredAsUtf16IsReadAsUtf8() {
        byte[] utf8 = bytes(feed("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"), StandardCharsets.UTF_8, false);
        byte[] bare = bytes(feed(""), StandardCharsets.UTF_8, false);

        assertThat(titleOf(utf8, null)).isEqualTo(TITLE);
        assertThat(titleOf(utf8, "application/rss+xml; charset=UTF-16")).isEqualTo(TITLE);
        assertThat(titleOf(bare, "text/xml; charset=utf-16")).isEqualTo(TITLE);
        assertThat(titleOf(bare, "application/xml; charset=UTF-32")).isEqualTo(TITLE);
    }

    @Test
    void theByteOrderMarksAndPatternsOfAppendixF() {
        assertThat(XmlEncoding.sniff(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}))
                .isEqualTo(new XmlEncoding.Sniffed(UTF_32BE, 4));
        assertThat(XmlEncoding.sniff(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}))
                .isEqualTo(new XmlEncoding.Sniffed(UTF_32LE, 4));
        assertThat(XmlEncoding.sniff(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '<'}))
                .isEqualTo(new XmlEncoding.Sniffed(StandardCharsets.UTF_16BE, 2));
        assertThat(XmlEncoding.sniff(new byte[] {(byte) 0xFF, (byte) 0xFE, '<', 0}))
                .isEqualTo(new XmlEncoding.Sniffed(StandardCharsets.UTF_16LE, 2));
        assertThat(XmlEncoding.sniff(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '<'}))
                .isEqualTo(new XmlEncoding.Sniffed(StandardCharsets.UTF_8, 3));
        assertThat(XmlEncoding.sniff(new byte[] {0, 0, 0, '<'})).isEqualTo(new XmlEncoding.Sniffed(UTF_32BE, 0));
        assertThat(XmlEncoding.sniff(new byte[] {'<', 0, 0, 0})).isEqualTo(new XmlEncoding.Sniffed(UTF_32LE, 0));
        assertThat(XmlEncoding.sniff(new byte[] {0, '<', 0, '?'}))
                .isEqualTo(new XmlEncoding.Sniffed(StandardCharsets.UTF_16BE, 0));
        assertThat(XmlEncoding.sniff(new byte[] {'<', 0, 'r', 0}))
                .isEqualTo(new XmlEncoding.Sniffed(StandardCharsets.UTF_16LE, 0));
        assertThat(XmlEncoding.sniff("<?xm".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(XmlEncoding.sniff(new byte[] {'<'})).isNull();
        assertThat(XmlEncoding.sniff(new byte[0])).isNull();
    }
}
