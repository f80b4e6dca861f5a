package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlCharFilterTest {

    /** Hands out at most {@code chunk} chars per read, so that every boundary gets crossed somewhere. */
    private static Reader chunked(String s, int chunk) {
        return new FilterReader(new StringReader(s)) {
            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, chunk));
            }
        };
    }

    private static String filter(String s, int chunk, int readSize) {
        StringBuilder out = new StringBuilder();
        try (Reader r = new XmlCharFilter(chunked(s, chunk))) {
            char[] buf = new char[readSize];
            for (int n; (n = r.read(buf, 0, buf.length)) >= 0; ) {
                out.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String readAll(Reader r) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buf = new char[64];
        for (int n; (n = r.read(buf, 0, buf.length)) >= 0; ) {
            out.append(buf, 0, n);
        }
        return out.toString();
    }

    private static String spaces(String replaced) {
        return " ".repeat(replaced.length());
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 2, 3, 5, 7, 8192})
    void forbiddenCharactersBecomeSpacesWhateverTheChunking(int chunk) {
        String in = "<t a=\"x\u0001y\">tab\there\nNUL\u0000 ESC\u001b \uFFFE\uFFFF end</t>";

        assertThat(filter(in, chunk, 1)).isEqualTo(in.replaceAll("[\u0000\u0001\u001b\uFFFE\uFFFF]", " "))
                .contains("tab\there\nNUL ");
        assertThat(filter(in, chunk, 4096)).isEqualTo(filter(in, chunk, 1));
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 2, 3, 5, 8192})
    void surrogatePairsSurviveAndLoneSurrogatesGo(int chunk) {
        String pair = "\uD83D\uDE00"; // 😀
        String in = "a" + pair + "b\uD800c\uDC00d" + pair + pair + "\uD800";

        assertThat(filter(in, chunk, 3)).isEqualTo("a" + pair + "b c d" + pair + pair + " ");
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 2, 3, 4, 6, 8192})
    void referencesToForbiddenCharactersBecomeSpacesWhateverTheChunking(int chunk) {
        String in = "<t>a&#27;b&#x1B;c&#0;d&#x0000000008;e&#xFFFE;f&#55296;g&#x110000;h</t>";

        assertThat(filter(in, chunk, 2)).isEqualTo("<t>a" + spaces("&#27;") + "b" + spaces("&#x1B;") + "c"
                + spaces("&#0;") + "d" + spaces("&#x0000000008;") + "e" + spaces("&#xFFFE;") + "f"
                + spaces("&#55296;") + "g" + spaces("&#x110000;") + "h</t>");
    }

    @Test
    void referencesToAllowedCharactersAndOtherEntitiesAreLeftAlone() {
        String in = "<t>&#9;&#10;&#x20;&#169;&#x263A;&#x1F600;&amp;&lt;&bogus;&my-entity;</t>";

        assertThat(filter(in, 8192, 8192)).isEqualTo(in);
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 2, 3, 5, 8192})
    void anAmpersandThatStartsNoReferenceIsText(int chunk) {
        String in = "<a href=\"/p?a=1&b=2\">Tom & Jerry &copy 2024 &#; &#x; &#12a; AT&T;&</a>";

        assertThat(filter(in, chunk, 3)).isEqualTo(
                "<a href=\"/p?a=1&amp;b=2\">Tom &amp; Jerry &amp;copy 2024 &amp;#; &amp;#x; &amp;#12a; AT&T;&amp;</a>");
    }

    @Test
    void bareAmpersandsAndUpperCaseHexAreCountedAsRepairs() throws IOException {
        try (XmlCharFilter f = new XmlCharFilter(new StringReader("<t a=\"x&y\">&#X41;&#x42; a & b &amp; c</t>"))) {
            assertThat(f.repairs()).isEmpty();

            assertThat(readAll(f)).isEqualTo("<t a=\"x&amp;y\">&#x41;&#x42; a &amp; b &amp; c</t>");
            assertThat(f.repairs()).containsExactly("read 2 bare '&' as text", "read 1 '&#X' references as '&#x'");
        }
    }

    @Test
    void ampersandsInCdataCommentsAndProcessingInstructionsAreLeftAlone() throws IOException {
        String in = "<?xml-stylesheet href=\"s.xsl?a=1&b=2\"?><t><!-- R & D --><![CDATA[R & D]]></t>";
        try (XmlCharFilter f = new XmlCharFilter(new StringReader(in))) {
            assertThat(readAll(f)).isEqualTo(in);
            assertThat(f.repairs()).isEmpty();
        }
    }

    @Test
    void aLongRunOfBareAmpersandsAcrossBuffersIsEscapedWhole() {
        String in = "<t>" + "a & b ".repeat(20_000) + "</t>";

        assertThat(filter(in, 8191, 1000)).isEqualTo("<t>" + "a &amp; b ".repeat(20_000) + "</t>");
        assertThat(filter("<t>" + "&".repeat(50_000) + "</t>", 8192, 8192))
                .isEqualTo("<t>" + "&amp;".repeat(50_000) + "</t>");
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 2, 3, 8192})
    void c1ControlsAndReferencesToThemAreReadAsWindows1252(int chunk) {
        String in = "<t>don&#146;t &#150; &#x85; &#X93;q&#x94; \u0092 \u0080 <![CDATA[\u0096]]> &#129; \u008D</t>";

        assertThat(filter(in, chunk, 2)).isEqualTo(
                "<t>don\u2019t \u2013 \u2026 \u201cq\u201d \u2019 \u20ac <![CDATA[\u2013]]> \u0081 \u008D</t>");
    }

    @Test
    void referencesInsideCdataAreTextAndStay() {
        String in = "<t><![CDATA[write &#27; for ESC]]> but &#27; here</t>";

        assertThat(filter(in, 3, 5)).isEqualTo("<t><![CDATA[write &#27; for ESC]]> but " + spaces("&#27;") + " here</t>");
    }

    @Test
    void aLongInputComesThroughUnchangedInLength() {
        String in = ("<p>text &#27; more\u0007 &#169;</p>\n").repeat(5_000);

        String out = filter(in, 8191, 1000);

        assertThat(out).hasSameSizeAs(in).doesNotContain("&#27;", "\u0007").contains("&#169;");
    }

    @ParameterizedTest(name = "chunks of {0}")
    @ValueSource(ints = {1, 2, 3, 7, 8192})
    void htmlEntitiesBecomeTheCharactersTheyName(int chunk) {
        String in = "<t>caf&eacute;&nbsp;au lait&hellip; &amp; &lt;b&gt; &LT;x&GT; &AMP; &bogus; <![CDATA[&eacute;]]></t>";

        assertThat(filter(in, chunk, 1)).isEqualTo(
                "<t>caf\u00e9\u00a0au lait\u2026 &amp; &lt;b&gt; &lt;x&gt; &amp; &bogus; <![CDATA[&eacute;]]></t>");
        assertThat(filter(in, chunk, 4096)).isEqualTo(filter(in, chunk, 1));
    }

    @Test
    void anEntityAcrossTheEndOfTheBufferIsStillReplaced() {
        for (int pad = 8170; pad < 8200; pad++) {
            String in = "<t>" + "x".repeat(pad) + "&eacute;&CounterClockwiseContourIntegral;</t>";
            assertThat(filter(in, 8192, 8192)).as("padding %d", pad)
                    .endsWith("x\u00e9\u2233</t>").hasSize(in.length() - 7 - 32);
        }
    }

    @Test
    void whitespaceBeforeTheXmlDeclarationIsDropped() {
        assertThat(filter("\n\n  \uFEFF<?xml version=\"1.0\"?><rss/>", 3, 2)).isEqualTo("<?xml version=\"1.0\"?><rss/>");
        assertThat(filter(" ".repeat(20_000) + "<rss/>", 100, 50)).isEqualTo("<rss/>");
        assertThat(filter("   ", 1, 1)).isEmpty();
        assertThat(filter("\n<!-- generator --> <!----><?xml version=\"1.0\"?><rss/>", 2, 3))
                .isEqualTo("<?xml version=\"1.0\"?><rss/>");
    }
}
