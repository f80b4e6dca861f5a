package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void scriptStyleAndIframeContentIsRemoved() {
        String text = HtmlText.fromHtml("""
                <p>Before</p><script>var secret = "s1";</script><style>p { color: red }</style>
                <iframe src="https://ads.example/">frame text</iframe><noscript>enable js</noscript>
                <svg><text>svg label</text></svg><p>After</p>
                """);

        assertThat(text).isEqualTo("Before After");
    }

    @Test
    void imageAltTextIsKeptWhereTheImageWas() {
        assertThat(HtmlText.fromHtml("<p>A photo:<img src=\"a.jpg\" alt=\" Casa Batlló \">of the roof</p>"
                + "<img src=\"b.jpg\" alt=\"\"><img src=\"c.jpg\">"))
                .isEqualTo("A photo: Casa Batlló of the roof");
    }

    @Test
    void preformattedCodeKeepsItsTextWithWhitespaceCollapsed() {
        String text = HtmlText.fromHtml("<p>Run:</p><pre><code>for (int i = 0; i &lt; n; i++) {\n"
                + "    sum += a[i];\n}</code></pre>");

        assertThat(text).isEqualTo("Run: for (int i = 0; i < n; i++) { sum += a[i]; }");
    }

    @Test
    void entitiesAreDecoded() {
        assertThat(HtmlText.fromHtml("Caf&eacute; &amp; cr&#232;me &#x2014; &lt;tag&gt; &quot;q&quot; &nbsp;end"))
                .isEqualTo("Café & crème — <tag> \"q\" end");
    }

    @Test
    void whitespaceIsNormalizedToSingleSpaces() {
        assertThat(HtmlText.fromHtml("  <p>one\n\n\ttwo</p>\u00A0<div>three\u2003\u3000four</div>\r\n"))
                .isEqualTo("one two three four");
        assertThat(HtmlText.fromText("\t a \n\n b\u2028c  ")).isEqualTo("a b c");
    }

    @Test
    void blockElementsDoNotRunWordsTogether() {
        assertThat(HtmlText.fromHtml("<p>end.</p><p>Start</p><ul><li>one</li><li>two</li></ul>line<br>break"))
                .isEqualTo("end. Start one two line break");
    }

    @Test
    void controlCharactersAreRemoved() {
        String dirty = "red\u001b[31m alert\u0007 nul\u0000 del\u007f c1\u0085 end";

        for (String text : List.of(HtmlText.fromHtml(dirty), HtmlText.fromText(dirty))) {
            assertThat(text).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f]").startsWith("red").endsWith("end")
                    .contains("alert", "nul", "del", "c1");
        }
    }

    @Test
    void emptyAndBlankHtmlGiveEmptyText() {
        assertThat(HtmlText.fromHtml("")).isEmpty();
        assertThat(HtmlText.fromHtml("  \n ")).isEmpty();
        assertThat(HtmlText.fromHtml("<p> </p><script>x()</script>")).isEmpty();
    }

    @Test
    void summaryCutsAtAWordBoundaryAndMarksTheCut() {
        assertThat(HtmlText.summary("short text", 280)).isEqualTo("short text");
        assertThat(HtmlText.summary("alpha beta gamma delta", 12)).isEqualTo("alpha beta…");
        assertThat(HtmlText.summary("x".repeat(30), 10)).isEqualTo("x".repeat(10) + "…");
    }

    /** Cutting between the halves of a surrogate pair would leave a character no encoder can write. */
    @Test
    void aSummaryNeverCutsAnEmojiInHalf() {
        String text = "x".repeat(9) + "😀" + "y".repeat(20);

        String summary = HtmlText.summary(text, 10);

        assertThat(summary).isEqualTo("x".repeat(9) + "…");
    }

    // --- titles

    @Test
    void titlesWithInlineMarkupOrEntitiesBecomePlainText() {
        assertThat(HtmlText.title("<b>Bold</b> move &amp; <em>more</em>", false)).isEqualTo("Bold move & more");
        assertThat(HtmlText.title("Caf&eacute; &#8220;quoted&#8221;", false)).isEqualTo("Café “quoted”");
        assertThat(HtmlText.title("  A   title\n  on two lines ", false)).isEqualTo("A title on two lines");
    }

    @Test
    void aTitleThatNamesATagStaysLiteralText() {
        assertThat(HtmlText.title("Why <script> tags block rendering", false))
                .isEqualTo("Why <script> tags block rendering");
        assertThat(HtmlText.title("Styling with <style> & friends", false))
                .isEqualTo("Styling with <style> & friends");
        assertThat(HtmlText.title("if a < b then", false)).isEqualTo("if a < b then");
    }

    /** An entity made the title count as HTML, and then the literal script tag swallowed the rest of it. */
    @Test
    void aTitleThatNamesATagKeepsItsWordsEvenWithAnEntityBesideIt() {
        assertThat(HtmlText.title("Why <script> tags block rendering &amp; what to do", false))
                .isEqualTo("Why <script> tags block rendering & what to do");
        assertThat(HtmlText.title("<code><iframe></code> vs <code><object></code>", false))
                .isEqualTo("<iframe> vs <object>");
    }

    @Test
    void aTitleDeclaredHtmlIsParsedAsHtml() {
        assertThat(HtmlText.title("<script>alert(1)</script>Hello <i>there</i>", true)).isEqualTo("Hello there");
    }

    @Test
    void feedTitlesFollowTheSameRules() {
        List<Post> posts = TestFeeds.read(TestFeeds.rss("""
                <item><title>Why &lt;script&gt; tags block rendering</title></item>
                <item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; more</title></item>
                <item><title><![CDATA[Tom &amp; Jerry <i>return</i>]]></title></item>
                """)).posts();

        assertThat(posts).extracting(Post::title)
                .containsExactly("Why <script> tags block rendering", "Bold & more", "Tom & Jerry return");
    }

    /** Atom says whether a title is text or HTML: a text title is literal even when it looks like markup. */
    @Test
    void atomTitlesFollowTheirDeclaredType() {
        List<Post> posts = TestFeeds.read(TestFeeds.atom("""
                <entry><title type="text">Using &lt;b&gt; for bold &amp;amp; more</title><id>urn:1</id></entry>
                <entry><title type="html">&lt;em&gt;Really&lt;/em&gt; HTML &amp;amp; more</title><id>urn:3</id></entry>
                <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X<b>HTML</b></div></title>
                  <id>urn:4</id></entry>
                """)).posts();

        assertThat(posts).extracting(Post::title).containsExactly(
                "Using <b> for bold &amp; more", "Really HTML & more", "XHTML");
    }
}
