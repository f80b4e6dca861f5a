package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourcesTest {
    @TempDir
    Path dir;

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static URI uri(Path p) {
        return p.toAbsolutePath().normalize().toUri();
    }

    // --- expand

    @Test
    void aFolderExpandsRecursivelyInSortedOrderSkippingHiddenFilesAndFolders() throws IOException {
        Path b = write("b.xml", "<rss/>");
        Path a = write("a.rss", "<rss/>");
        Path nested = write("sub/deeper/c.atom", "<feed/>");
        Path rdf = write("sub/d.RDF", "<rdf/>");
        write(".hidden.xml", "<rss/>");
        write(".git/config.xml", "<rss/>");
        write("sub/.cache/e.xml", "<rss/>");

        Sources.Expansion x = Sources.expand(List.of(dir.toString()));

        assertThat(x.feeds()).containsExactly(uri(a), uri(b), uri(rdf), uri(nested)); // "d.RDF" < "deeper/"
        assertThat(x.problems()).isEmpty();
        assertThat(x.skippedFiles()).isZero();
    }

    @Test
    void filesWithoutAFeedExtensionInAFolderAreCountedAsSkipped() throws IOException {
        Path feed = write("blog.feed", "<rss/>");
        write("notes.txt", "text");
        write("photo.png", "png");
        write("README", "readme");

        Sources.Expansion x = Sources.expand(List.of(dir.toString()));

        assertThat(x.feeds()).containsExactly(uri(feed));
        assertThat(x.skippedFiles()).isEqualTo(3);
    }

    @Test
    void aFileNamedExplicitlyIsTakenWhateverItsExtension() throws IOException {
        Path odd = write("feed.php", "<rss/>");

        assertThat(Sources.expand(List.of(odd.toString())).feeds()).containsExactly(uri(odd));
    }

    @Test
    void fileUrisNameFilesAndFolders() throws IOException {
        Path feed = write("in/f.xml", "<rss/>");

        assertThat(Sources.expand(List.of(uri(feed).toString())).feeds()).containsExactly(uri(feed));
        assertThat(Sources.expand(List.of(uri(dir.resolve("in")).toString())).feeds()).containsExactly(uri(feed));
    }

    @Test
    void aPathThatDoesNotExistIsReportedAsAProblem() {
        String missing = dir.resolve("nope.xml").toString();

        Sources.Expansion x = Sources.expand(List.of(missing, "file:///no/such/place.xml"));

        assertThat(x.feeds()).isEmpty();
        assertThat(x.problems()).containsExactly(
                new Sources.Problem(missing, "no such file, folder or URL"),
                new Sources.Problem("file:///no/such/place.xml", "no such file, folder or URL"));
    }

    @Test
    void urlsPassThroughAndMalformedOnesAreProblems() {
        Sources.Expansion x = Sources.expand(List.of(" https://blog.example/feed.xml ", "http://", "https://bad host/"));

        assertThat(x.feeds()).containsExactly(URI.create("https://blog.example/feed.xml"));
        assertThat(x.problems()).extracting(Sources.Problem::source).containsExactly("http://", "https://bad host/");
        assertThat(x.problems()).allSatisfy(p -> assertThat(p.reason()).startsWith("not a valid URL"));
    }

    @Test
    void aUrlOfAnotherSchemeIsNamedUnsupportedRatherThanMissing() {
        Sources.Expansion x = Sources.expand(List.of("ftp://files.example/feed.xml", "FTP://files.example/b.xml"));

        assertThat(x.feeds()).isEmpty();
        assertThat(x.problems()).extracting(Sources.Problem::reason).containsExactly(
                "unsupported scheme 'ftp': only files, http and https",
                "unsupported scheme 'ftp': only files, http and https");
    }

    @Test
    void aFeedNamedTwiceIsExpandedOnce() throws IOException {
        Path feed = write("f.xml", "<rss/>");

        Sources.Expansion x = Sources.expand(List.of(feed.toString(), dir.toString(), uri(feed).toString(),
                "https://blog.example/feed", "https://blog.example/feed"));

        assertThat(x.feeds()).containsExactly(uri(feed), URI.create("https://blog.example/feed"));
    }

    // --- OPML

    @Test
    void opmlOutlinesResolveRelativeXmlUrlsAgainstTheListsLocation() throws IOException {
        Path list = write("lists/blogroll.opml", """
                <?xml version="1.0"?>
                <opml version="2.0"><head><title>Blogroll</title></head><body>
                  <outline text="Local" xmlUrl="../feeds/local.xml"/>
                  <outline text="Folder">
                    <outline text="Nested" type="rss" xmlUrl="nested/n.xml"/>
                    <outline text="Remote" xmlUrl="https://blog.example/feed.xml"/>
                  </outline>
                  <outline text="A blog by its address" htmlUrl="https://site.example/"/>
                  <outline text="Lower case" xmlurl="lower.xml"/>
                  <outline text="Duplicate" xmlUrl="https://blog.example/feed.xml"/>
                </body></opml>
                """);

        List<URI> feeds;
        try (InputStream in = Files.newInputStream(list)) {
            feeds = Sources.outlines(in, uri(list));
        }

        assertThat(feeds).containsExactly(
                uri(dir.resolve("feeds/local.xml")),
                uri(dir.resolve("lists/nested/n.xml")),
                URI.create("https://blog.example/feed.xml"),
                URI.create("https://site.example/"),
                uri(dir.resolve("lists/lower.xml")));
    }

    @Test
    void anOpmlListFromTheWebResolvesAgainstItsUrlAndMayNotNameLocalFiles() {
        String opml = """
                <opml version="1.0"><body>
                  <outline xmlUrl="feeds/a.xml"/>
                  <outline xmlUrl="/b.rss"/>
                  <outline xmlUrl="file:///etc/passwd"/>
                  <outline xmlUrl="javascript:alert(1)"/>
                </body></opml>
                """;

        List<URI> feeds = Sources.outlines(new ByteArrayInputStream(opml.getBytes(StandardCharsets.UTF_8)),
                URI.create("https://lists.example/people/blogroll.opml"));

        assertThat(feeds).containsExactly(URI.create("https://lists.example/people/feeds/a.xml"),
                URI.create("https://lists.example/b.rss"));
    }

    @Test
    void opmlSubscriptionListsOfBothVersionsListTheirFeedsInOrderOnce() throws IOException {
        Path v2 = TestFeeds.resource("feeds/opml/subscriptions-2.0.opml");
        Path v1 = TestFeeds.resource("feeds/opml/subscriptions-1.0.opml");

        // Folders are walked in order, a link outline is no feed, a feed listed twice counts once, and a
        // relative xmlUrl names a file beside the list.
        assertThat(outlinesOf(v2)).containsExactly(
                URI.create("https://kiln.example/rss"),
                URI.create("https://orchard.example/rss"),
                URI.create("https://loom.example/guild/blog/index.xml"),
                URI.create("https://knots.example/atom.xml"),
                URI.create("https://nightsky.example/feed.xml"),
                URI.create("http://tides.example/rss.xml"),
                uri(TestFeeds.resource("feeds/formats/rss-2.0.xml")));
        // OPML 1.0 writers spelled the attribute "xmlurl" too, and padded it.
        assertThat(outlinesOf(v1)).containsExactly(
                URI.create("https://marginalia.example/rss.xml"),
                URI.create("https://lantern.example/rss.rdf"),
                URI.create("https://signalbox.example/index.xml"));
    }

    @Test
    void anOpmlListWithoutFeedsIsReportedClearly() {
        Path links = TestFeeds.resource("feeds/opml/links-1.0.opml");

        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class, () -> outlinesOf(links));

        assertThat(e).hasMessage("OPML list names no feeds (no outline has an xmlUrl or htmlUrl)");
    }

    private static List<URI> outlinesOf(Path opml) throws IOException {
        try (InputStream in = Files.newInputStream(opml)) {
            return Sources.outlines(in, uri(opml));
        }
    }

    @Test
    void aBrokenOpmlListFailsWithOneLine() {
        String opml = "<opml version=\"2.0\"><body>\n<outline xmlUrl=\"https://a.example/f\">\n</body></opml>";

        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class, () -> Sources.outlines(
                new ByteArrayInputStream(opml.getBytes(StandardCharsets.UTF_8)), URI.create("https://l.example/x.opml")));

        assertThat(e.getMessage()).startsWith("invalid OPML at line 3").doesNotContain("\n", "ParseError");
    }

    // --- rootElement

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rss                               | <rss version="2.0"><channel/></rss>
            atom with declaration             | <?xml version="1.0" encoding="utf-8"?>\\n<feed xmlns="http://www.w3.org/2005/Atom"/>
            rdf                               | <?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>
            opml                              | <opml version="1.0"><body/></opml>
            html5                             | <!doctype html>\\n<html lang="en"><head>
            html4                             | <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">\\n<HTML>
            comment before the root           | <!-- <html> in a comment --><rss/>
            doctype before the root           | <?xml version="1.0"?>\\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\\n<rss version="0.91"/>
            doctype with an internal subset   | <!DOCTYPE rss [<!ENTITY a "1"><!ENTITY b "<html><p>">]>\\n<rss/>
            stylesheet before the root        | <?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="s.xsl"?><feed/>
            whitespace before the root        | \\n\\n   \\t<rss/>
            """)
    void rootElementNamesTheFirstElement(String name, String doc) throws IOException {
        String expected = switch (name.split(" ")[0]) {
            case "atom", "stylesheet" -> "feed";
            case "rdf" -> "rdf";
            case "opml" -> "opml";
            case "html5", "html4" -> "html";
            default -> "rss";
        };

        assertThat(rootOf(doc.replace("\\n", "\n").replace("\\t", "\t").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
    }

    @Test
    void rootElementLooksPastAByteOrderMark() throws IOException {
        byte[] utf8 = ("\uFEFF<?xml version=\"1.0\"?><feed/>").getBytes(StandardCharsets.UTF_8);
        byte[] utf16 = ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss/>").getBytes(StandardCharsets.UTF_16BE);

        assertThat(rootOf(utf8)).isEqualTo("feed");
        assertThat(rootOf(utf16)).isEqualTo("rss");
    }

    @Test
    void rootElementIsEmptyWhenThereIsNone() throws IOException {
        assertThat(rootOf(new byte[0])).isEmpty();
        assertThat(rootOf("just text, no markup".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(rootOf("<!-- only a comment -->".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void rootElementLeavesTheStreamWhereItWas() throws IOException {
        byte[] doc = TestFeeds.rss("<item><title>x</title></item>").repeat(100).getBytes(StandardCharsets.UTF_8);
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(doc), 64);

        assertThat(Sources.rootElement(in)).isEqualTo("rss");
        assertThat(in.readAllBytes()).isEqualTo(doc);
    }

    private static String rootOf(byte[] doc) throws IOException {
        return Sources.rootElement(new BufferedInputStream(new ByteArrayInputStream(doc)));
    }

    // --- display

    @Test
    void displayShowsFilesInsideTheWorkingFolderRelativeAndUrlsAsTheyAre() {
        Path here = Path.of("src", "test", "resources", "feeds", "hostile", "xxe.xml");

        assertThat(Sources.display(uri(here))).isEqualTo(here.toString());
        assertThat(Sources.display(URI.create("https://blog.example/feed.xml"))).isEqualTo("https://blog.example/feed.xml");
    }

    @Test
    void aListOnAPublicHostCannotPointAtPrivateAddresses() {
        String opml = "<opml version=\"2.0\"><body>"
                + "<outline xmlUrl=\"http://93.184.216.35/feed.xml\"/>"
                + "<outline xmlUrl=\"http://127.0.0.1:8080/admin\"/>"
                + "<outline xmlUrl=\"http://10.0.0.7/internal.xml\"/>"
                + "<outline xmlUrl=\"http://[::1]/x\"/></body></opml>";
        List<URI> fromPublic = Sources.outlines(new ByteArrayInputStream(opml.getBytes(StandardCharsets.UTF_8)),
                URI.create("http://93.184.216.34/blogroll.opml"));
        assertThat(fromPublic).containsExactly(URI.create("http://93.184.216.35/feed.xml"));
        // A list the reader serves on their own network may name their own feeds.
        List<URI> fromLoopback = Sources.outlines(new ByteArrayInputStream(opml.getBytes(StandardCharsets.UTF_8)),
                URI.create("http://127.0.0.1/blogroll.opml"));
        assertThat(fromLoopback).hasSize(4);
    }
}
