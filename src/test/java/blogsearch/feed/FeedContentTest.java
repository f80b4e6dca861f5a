package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.post.Post;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What ends up as a post's text, summary, tags and dates. */
class FeedContentTest {

    private static Post onlyPost(String xml) {
        List<Post> posts = TestFeeds.read(xml).posts();
        assertThat(posts).hasSize(1);
        return posts.getFirst();
    }

    // --- content precedence

    @Test
    void contentEncodedWinsOverTheDescriptionWhichBecomesTheSummary() {
        Post post = onlyPost(TestFeeds.rss("""
                <item><title>t</title><link>https://blog.example/1</link>
                  <description>&lt;p&gt;Short teaser.&lt;/p&gt;</description>
                  <content:encoded><![CDATA[<p>The <b>full</b> article.</p><p>Second paragraph.</p>]]></content:encoded>
                </item>
                """));

        assertThat(post.text()).isEqualTo("The full article. Second paragraph.");
        assertThat(post.summary()).isEqualTo("Short teaser.");
    }

    @Test
    void aDescriptionAloneIsBothTextAndSummary() {
        Post post = onlyPost(TestFeeds.rss("""
                <item><title>t</title><description>&lt;p&gt;Only &lt;em&gt;this&lt;/em&gt; here.&lt;/p&gt;</description></item>
                """));

        assertThat(post.text()).isEqualTo("Only this here.");
        assertThat(post.summary()).isEqualTo("Only this here.");
    }

    @Test
    void aLongTextMakesASummaryCutAtAWordBoundary() {
        String words = IntStream.range(0, 200).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        Post post = onlyPost(TestFeeds.rss("<item><title>t</title><description>" + words + "</description></item>"));

        assertThat(post.text()).isEqualTo(words);
        assertThat(post.summary()).endsWith("…").hasSizeLessThanOrEqualTo(FeedEntry.SUMMARY_CHARS + 1);
        assertThat(words).startsWith(post.summary().substring(0, post.summary().length() - 1) + " ");
    }

    @Test
    void atomContentWinsOverTheSummary() {
        Post post = onlyPost(TestFeeds.atom("""
                <entry><title>t</title><id>urn:t</id><updated>2024-01-02T00:00:00Z</updated>
                  <summary type="html">&lt;i&gt;In short&lt;/i&gt;</summary>
                  <content type="html">&lt;p&gt;In &lt;b&gt;full&lt;/b&gt;&lt;/p&gt;</content>
                </entry>
                """));

        assertThat(post.text()).isEqualTo("In full");
        assertThat(post.summary()).isEqualTo("In short");
    }

    @Test
    void atomXhtmlContentIsReadAsMarkup() {
        Post post = onlyPost(TestFeeds.atom("""
                <entry><title>t</title><id>urn:t</id><updated>2024-01-02T00:00:00Z</updated>
                  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>there</b></p></div></content>
                </entry>
                """));

        assertThat(post.text()).isEqualTo("Hello there");
    }

    @Test
    void plainTextAtomContentIsNotParsedAsHtml() {
        Post post = onlyPost(TestFeeds.atom("""
                <entry><title>t</title><id>urn:t</id><updated>2024-01-02T00:00:00Z</updated>
                  <content type="text">Use &lt;b&gt; for bold &amp; &lt;script&gt;alert(1)&lt;/script&gt; for trouble</content>
                </entry>
                """));

        assertThat(post.text()).isEqualTo("Use <b> for bold & <script>alert(1)</script> for trouble");
    }

    @Test
    void aPlainTextAtomSummaryAloneIsTheTextVerbatim() {
        Post post = onlyPost(TestFeeds.atom("""
                <entry><title>t</title><id>urn:t</id><updated>2024-01-02T00:00:00Z</updated>
                  <summary type="text">if a &lt; b &amp;&amp; c &gt; d</summary>
                </entry>
                """));

        assertThat(post.text()).isEqualTo("if a < b && c > d");
        assertThat(post.summary()).isEqualTo("if a < b && c > d");
    }

    /** Atom content may be an image or a PDF in base64: no text to index, so the summary stands in. */
    @Test
    void atomContentThatIsMediaIsNotTakenForText() {
        Post post = onlyPost(TestFeeds.atom("""
                <entry><title>t</title><id>urn:t</id><updated>2024-01-02T00:00:00Z</updated>
                  <summary>A tiny picture</summary>
                  <content type="image/png">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==</content>
                </entry>
                """));

        assertThat(post.text()).isEqualTo("A tiny picture");
    }

    @Test
    void atomContentOfATextualMediaTypeIsRead() {
        List<Post> posts = TestFeeds.read(TestFeeds.atom("""
                <entry><title>a</title><id>urn:a</id><content type="text/html">&lt;p&gt;As html&lt;/p&gt;</content></entry>
                <entry><title>b</title><id>urn:b</id><content type="text/plain">As &lt;plain&gt;</content></entry>
                <entry><title>c</title><id>urn:c</id><content type="application/xhtml+xml">
                  <div xmlns="http://www.w3.org/1999/xhtml">As <b>xhtml</b></div></content></entry>
                """)).posts();

        assertThat(posts).extracting(Post::text).containsExactly("As html", "As <plain>", "As xhtml");
    }

    /** Rome labels RSS 0.9x and 1.0 descriptions text/plain whatever they hold; in the wild they hold HTML. */
    @Test
    void rss10AndRss091DescriptionsAreHtmlLikeEveryOtherRssDescription() {
        String rss10 = """
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
                  <channel rdf:about="https://rdf.example/"><title>R</title><link>https://rdf.example/</link>
                    <description>d</description></channel>
                  <item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link>
                    <description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt; &amp;amp; all&lt;/p&gt;</description></item>
                </rdf:RDF>
                """;
        String rss091 = """
                <rss version="0.91"><channel><title>R</title><link>https://old.example/</link><description>d</description>
                  <item><title>One</title><link>https://old.example/1</link>
                    <description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt; &amp;amp; all&lt;/p&gt;</description></item>
                </channel></rss>
                """;

        assertThat(onlyPost(rss10).text()).isEqualTo("Hello world & all");
        assertThat(onlyPost(rss091).text()).isEqualTo("Hello world & all");
        assertThat(onlyPost(rss091).summary()).isEqualTo("Hello world & all");
    }

    @Test
    void anItemWithoutAnyBodyHasEmptyTextAndSummary() {
        Post post = onlyPost(TestFeeds.rss("<item><title>Just a title</title></item>"));

        assertThat(post.text()).isEmpty();
        assertThat(post.summary()).isEmpty();
        assertThat(post.title()).isEqualTo("Just a title");
    }

    @Test
    void overlongTitlesAreClippedWithoutSplittingACharacter() {
        String title = "a".repeat(FeedReader.MAX_TITLE_CHARS - 1) + "😀" + " and more";

        Post post = onlyPost(TestFeeds.rss("<item><title>" + title + "</title></item>"));

        assertThat(post.title()).isEqualTo("a".repeat(FeedReader.MAX_TITLE_CHARS - 1));
    }

    // --- tags

    @Test
    void tagsAreTrimmedAndDeduplicatedIgnoringCaseKeepingTheFirstSpelling() {
        Post post = onlyPost(TestFeeds.rss("""
                <item><title>t</title>
                  <category>  Java </category><category>java</category><category>JAVA</category>
                  <category>Lucene</category><category>   </category><category>
                     Search   Engines </category><category>lucene</category>
                </item>
                """));

        assertThat(post.tags()).containsExactly("Java", "Lucene", "Search Engines");
    }

    @Test
    void tagsAreCappedInNumberAndLength() {
        String categories = IntStream.range(0, 100).mapToObj(i -> "<category>tag" + i + "</category>")
                .collect(Collectors.joining());
        String longTag = "x".repeat(FeedReader.MAX_TAG_CHARS + 1);
        String maxTag = "y".repeat(FeedReader.MAX_TAG_CHARS);
        Post many = onlyPost(TestFeeds.rss("<item><title>t</title>" + categories + "</item>"));
        Post longOnes = onlyPost(TestFeeds.rss("<item><title>t</title><category>" + longTag + "</category><category>"
                + maxTag + "</category></item>"));

        assertThat(many.tags()).hasSize(FeedReader.MAX_TAGS).startsWith("tag0", "tag1").endsWith("tag63");
        assertThat(longOnes.tags()).containsExactly(maxTag);
    }

    @Test
    void atomCategoriesGiveTheirTermAsTag() {
        Post post = onlyPost(TestFeeds.atom("""
                <entry><title>t</title><id>urn:t</id><updated>2024-01-02T00:00:00Z</updated>
                  <category term="java" label="Java (language)"/><category term=" Java "/><category term="jvm"/>
                </entry>
                """));

        assertThat(post.tags()).containsExactly("java", "jvm");
    }

    // --- dates

    @Test
    void aMissingDateStaysMissingAndIsNeverNow() {
        // The channel's own pubDate must not leak into its items.
        String xml = TestFeeds.rss("<item><title>undated</title><link>https://blog.example/u</link></item>")
                .replace("<description>Posts</description>",
                        "<description>Posts</description><pubDate>Mon, 01 Jan 2001 00:00:00 GMT</pubDate>");

        Post post = onlyPost(xml);

        assertThat(post.published()).isEmpty();
        assertThat(post.updated()).isEmpty();
    }

    @Test
    void anUnreadableDateIsMissingRatherThanGuessed() {
        Post post = onlyPost(TestFeeds.rss("<item><title>t</title><pubDate>the day after tomorrow</pubDate></item>"));

        assertThat(post.published()).isEmpty();
    }

    @Test
    void rfc822W3cAndDublinCoreDatesAreRead() {
        List<Post> posts = TestFeeds.read(TestFeeds.rss("""
                <item><title>rfc822</title><pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate></item>
                <item><title>rfc822 zone name</title><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
                <item><title>w3c in pubDate</title><pubDate>2024-03-05T10:00:00Z</pubDate></item>
                <item><title>dc:date</title><dc:date>2024-03-05T10:00:00-05:00</dc:date></item>
                <item><title>dc:date, day only</title><dc:date>2024-03-05</dc:date></item>
                """)).posts();

        assertThat(posts).extracting(p -> p.published().orElseThrow()).containsExactly(
                Instant.parse("2024-03-05T09:00:00Z"),
                Instant.parse("2024-03-05T10:00:00Z"),
                Instant.parse("2024-03-05T10:00:00Z"),
                Instant.parse("2024-03-05T15:00:00Z"),
                Instant.parse("2024-03-05T00:00:00Z"));
    }

    @Test
    void atomPublishedAndUpdatedAreKeptApart() {
        Post post = onlyPost(TestFeeds.atom("""
                <entry><title>t</title><id>urn:t</id>
                  <published>2024-01-02T03:04:05Z</published><updated>2024-02-03T04:05:06+02:00</updated>
                </entry>
                """));

        assertThat(post.published()).contains(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(post.updated()).contains(Instant.parse("2024-02-03T02:05:06Z"));
    }

    @Test
    void atomUpdatedAloneServesAsThePublishedDate() {
        List<Post> posts = TestFeeds.read(TestFeeds.atom("""
                <entry><title>a</title><id>urn:a</id><updated>2024-02-03T04:05:06Z</updated></entry>
                <entry><title>b</title><id>urn:b</id></entry>
                """)).posts();

        assertThat(posts.get(0).published()).contains(Instant.parse("2024-02-03T04:05:06Z"));
        assertThat(posts.get(0).updated()).contains(Instant.parse("2024-02-03T04:05:06Z"));
        assertThat(posts.get(1).published()).isEmpty();
        assertThat(posts.get(1).updated()).isEmpty();
    }

    // --- feed metadata carried by each post

    @Test
    void postsCarryTheFeedsTitleLanguageAndAuthor() {
        String xml = TestFeeds.rss("""
                <item><title>t</title><author>jane@blog.example (Jane)</author></item>
                <item><title>u</title><dc:creator>  Bob   Smith </dc:creator></item>
                """).replace("<description>Posts</description>",
                "<description>Posts</description><language>en_US</language>");

        List<Post> posts = TestFeeds.read(xml).posts();

        assertThat(posts).allSatisfy(p -> {
            assertThat(p.feedTitle()).isEqualTo("Example Blog");
            assertThat(p.language()).isEqualTo("en-us");
        });
        assertThat(posts.get(0).author()).isEqualTo("Jane");
        assertThat(posts.get(1).author()).isEqualTo("Bob Smith");
    }

    @Test
    void anAtomEntrysXmlLangWinsOverTheFeedsAndTheFeedsOverNothing() {
        String xml = TestFeeds.atom("""
                <entry><title>Eins</title><id>urn:a:1</id><link href="https://atom.example/1"/>
                  <updated>2024-01-02T00:00:00Z</updated></entry>
                <entry xml:lang="de-AT"><title>Zwei</title><id>urn:a:2</id><link href="https://atom.example/2"/>
                  <updated>2024-01-03T00:00:00Z</updated></entry>
                <entry xml:lang="not a language"><title>Drei</title><id>urn:a:3</id>
                  <link href="https://atom.example/3"/><updated>2024-01-04T00:00:00Z</updated></entry>
                """).replace("<feed xmlns=\"http://www.w3.org/2005/Atom\">",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">");

        assertThat(TestFeeds.read(xml).posts()).extracting(Post::language).containsExactly("fr", "de-at", "fr");
        assertThat(TestFeeds.read(TestFeeds.atom("""
                <entry><title>One</title><id>urn:a:1</id><link href="https://atom.example/1"/>
                  <updated>2024-01-02T00:00:00Z</updated></entry>
                """)).posts()).extracting(Post::language).containsExactly("");
    }
}
