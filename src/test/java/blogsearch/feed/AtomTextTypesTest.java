package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Atom titles, summaries and content read by their declared type and, in Atom 0.3, mode (escaped, xml, base64). */
class AtomTextTypesTest {

    /** An Atom 0.3 feed around {@code entries}; its title is escaped HTML. */
    private static String atom03(String entries) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <feed version="0.3" xmlns="http://purl.org/atom/ns#">
                  <title type="text/html" mode="escaped">Pickles &lt;em&gt;weekly&lt;/em&gt;</title>
                  <link rel="alternate" type="text/html" href="https://pickles.example/"/>
                  <modified>2005-03-01T00:00:00Z</modified>
                """ + entries + """
                </feed>
                """;
    }

    private static String entry03(int n, String parts) {
        return "<entry><link rel=\"alternate\" type=\"text/html\" href=\"https://pickles.example/" + n + "\"/>"
                + "<id>tag:pickles.example," + n + "</id><issued>2005-03-0" + n + "T00:00:00Z</issued>"
                + "<modified>2005-03-0" + n + "T00:00:00Z</modified>" + parts + "</entry>\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void escapedHtmlInAtom03IsConvertedToTextWithItsScriptsDropped() {
        TestFeeds.Read read = TestFeeds.read(atom03(entry03(1, """
                <title type="text/html" mode="escaped">Brine&lt;script&gt;steal()&lt;/script&gt; &lt;b&gt;basics&lt;/b&gt;</title>
                <summary type="text/html" mode="escaped">Salt &lt;i&gt;first&lt;/i&gt;&lt;script&gt;x()&lt;/script&gt;</summary>
                <content type="text/html" mode="escaped">&lt;p&gt;Dill and garlic.&lt;/p&gt;&lt;script&gt;y()&lt;/script&gt;</content>
                """)));

        Post post = read.posts().getFirst();
        assertThat(read.info().title()).isEqualTo("Pickles weekly");
        assertThat(post.title()).isEqualTo("Brine basics");
        assertThat(post.summary()).isEqualTo("Salt first");
        assertThat(post.text()).isEqualTo("Dill and garlic.");
    }

    @Test
    void declaredPlainTextKeepsWhatLooksLikeMarkup() {
        Post atom03 = TestFeeds.read(atom03(entry03(1, """
                <title type="text/plain" mode="escaped">Why &lt;b&gt; is not &lt;strong&gt;</title>
                <content type="text/plain" mode="xml">Use &lt;p&gt; for paragraphs</content>
                """))).posts().getFirst();
        Post atom10 = TestFeeds.read(TestFeeds.atom("""
                <entry><title type="text">Why &lt;b&gt; is not &lt;strong&gt;</title><id>urn:1</id>
                  <updated>2024-01-02T00:00:00Z</updated><summary>&lt;i&gt; slants</summary>
                  <content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>
                """)).posts().getFirst();

        assertThat(atom03.title()).isEqualTo("Why <b> is not <strong>");
        assertThat(atom03.text()).isEqualTo("Use <p> for paragraphs");
        assertThat(atom10.title()).isEqualTo("Why <b> is not <strong>");
        assertThat(atom10.summary()).isEqualTo("<i> slants");
    }

    @Test
    void base64InAtom03IsDecodedAndABadEntryNeverFailsItsFeed() {
        String unpadded = base64("<p>Crunchy cucumbers.</p>").replace("=", "");
        TestFeeds.Read read = TestFeeds.read(atom03(
                entry03(1, "<title>Unpadded</title><content type=\"text/html\" mode=\"base64\">"
                        + unpadded + "</content>")
                + entry03(2, "<title>Wrapped</title><content type=\"text/plain\" mode=\"base64\">\n"
                        + base64("Sour and sweet, in lines.").replaceAll("(.{8})", "$1\n") + "</content>")
                + entry03(3, "<title>Not base64</title><summary>Kept</summary>"
                        + "<content type=\"text/html\" mode=\"base64\">this is no base64!</content>")
                + entry03(4, "<title>A picture</title><content type=\"image/png\" mode=\"base64\">iVBORw0KGgo=</content>")));

        assertThat(read.entries()).extracting(FeedEntry::title)
                .containsExactly("Unpadded", "Wrapped", "Not base64", "A picture");
        List<Post> posts = read.posts();
        assertThat(posts.get(0).text()).isEqualTo("Crunchy cucumbers.");
        assertThat(posts.get(1).text()).isEqualTo("Sour and sweet, in lines.");
        assertThat(posts.get(2).text()).isEqualTo("Kept");
        assertThat(posts.get(3).text()).isEmpty();
    }

    @Test
    void base64InAnAtom03FeedsOwnElementsIsDecodedOrLeftOutNeverFailingIt() {
        String xml = atom03(entry03(1, "<title>Only entry</title>"))
                .replaceFirst("<title [^<]*</title>", "<title type=\"text/plain\" mode=\"base64\">"
                        + base64("Pickles, encoded").replace("=", "") + "</title>"
                        + "<tagline mode=\"base64\">no base64 here!</tagline><info mode=\"base64\">QQ</info>");

        TestFeeds.Read read = TestFeeds.read(xml);

        assertThat(read.info().title()).isEqualTo("Pickles, encoded");
        assertThat(read.entries()).extracting(FeedEntry::title).containsExactly("Only entry");
    }

    @Test
    void base64TitlesAndSummariesInAtom10AreDecoded() {
        Post post = TestFeeds.read(TestFeeds.atom("""
                <entry><title type="text/plain" mode="base64">%s</title><id>urn:1</id>
                  <updated>2024-01-02T00:00:00Z</updated>
                  <summary type="text/html" mode="base64">%s</summary></entry>
                """.formatted(base64("Jars & lids"), base64("<b>Sterilize</b> first")))).posts().getFirst();

        assertThat(post.title()).isEqualTo("Jars & lids");
        assertThat(post.text()).isEqualTo("Sterilize first");
    }

    @Test
    void atom10ContentOfABinaryTypeIsNotText() {
        List<Post> posts = TestFeeds.read(TestFeeds.atom("""
                <entry><title>Photo</title><id>urn:1</id><updated>2024-01-02T00:00:00Z</updated>
                  <summary>A jar on a shelf</summary><content type="image/png">iVBORw0KGgo=</content></entry>
                """)).posts();

        assertThat(posts.getFirst().text()).isEqualTo("A jar on a shelf");
    }
}
