package blogsearch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import blogsearch.feed.TestFeeds.Read;
import blogsearch.post.Post;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Feeds come from strangers: hostile and broken input fails with one clear line, or is salvaged. */
class FeedSafetyTest {
    private static final String CANARY = "XXE-CANARY-7f3a";

    /** Reads a fixture expecting failure; entries delivered before the failure land in {@code delivered}. */
    private static FeedReader.FeedError failure(String fixture, List<FeedEntry> delivered) {
        Path file = TestFeeds.resource("feeds/hostile/" + fixture);
        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class, () -> {
            try (InputStream in = Files.newInputStream(file)) {
                FeedReader.read(in, null, file.toUri(), delivered::add);
            }
        });
        assertThat(e).as(fixture + " should fail").isNotNull();
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r", "Exception", "ParseError");
        return e;
    }

    /** The fixture is a live attack: a parser with default settings does read the local file. */
    @Test
    void theXxeFixtureReallyReachesTheLocalFileWhenEntitiesAreExpanded() throws Exception {
        Path file = TestFeeds.resource("feeds/hostile/xxe.xml");

        DocumentBuilderFactory permissive = DocumentBuilderFactory.newInstance();
        permissive.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "all");
        permissive.setExpandEntityReferences(true);

        String expanded = permissive.newDocumentBuilder().parse(file.toFile()).getDocumentElement().getTextContent();

        assertThat(expanded).contains(CANARY);
    }

    @Test
    void anExternalEntityNeverReachesAPostAndTheFeedFailsSayingWhy() {
        List<FeedEntry> delivered = new ArrayList<>();

        FeedReader.FeedError e = failure("xxe.xml", delivered);

        // Only our own words are checked: the parser's vary with the JVM's locale.
        assertThat(e.getMessage()).contains("line 12", "xxe").containsIgnoringCase("DOCTYPE").doesNotContain(CANARY);
        assertThat(delivered).isEmpty();
        assertThat(e.salvaged()).isZero();
    }

    /** The same attack with the file's absolute URI, which any parser that expands entities would find. */
    @Test
    void anExternalEntityNamingTheAbsoluteFileIsNotReadEither(@TempDir Path dir) throws Exception {
        Path secret = Files.copy(TestFeeds.resource("feeds/hostile/secret.txt"), dir.resolve("secret.txt"));
        String xml = Files.readString(TestFeeds.resource("feeds/hostile/xxe.xml"))
                .replace("\"secret.txt\"", "\"" + secret.toUri() + "\"");
        assertThat(xml).contains(secret.toUri().toString());
        List<FeedEntry> delivered = new ArrayList<>();

        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class, () -> FeedReader.read(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), null, TestFeeds.SITE, delivered::add));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(delivered).allSatisfy(entry -> assertThat(entry.toString()).doesNotContain(CANARY));
    }

    @Test
    void aBillionLaughsFailsFastWithAClearReason() {
        Runtime rt = Runtime.getRuntime();
        FeedReader.FeedError e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> failure("billion-laughs.xml", new ArrayList<>()));

        assertThat(e.getMessage()).contains("lol9").containsIgnoringCase("DOCTYPE");
        assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(rt.maxMemory());
    }

    /** Neither an external DTD nor a parameter entity is fetched: the server never hears from the parser. */
    @Test
    void externalDtdsAndParameterEntitiesAreNeverFetched() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] dtd = "<!ENTITY leak \"LEAKED\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String external = "<!DOCTYPE rss SYSTEM \"" + base + "/rss.dtd\">\n"
                    + TestFeeds.rss("<item><title>safe</title></item>").replaceFirst("<\\?xml[^>]*>", "");
            String parameter = "<!DOCTYPE rss [<!ENTITY % remote SYSTEM \"" + base + "/p.dtd\"> %remote;]>\n"
                    + TestFeeds.rss("<item><title>safe</title></item>").replaceFirst("<\\?xml[^>]*>", "");

            assertThat(TestFeeds.read(external).posts()).extracting(Post::title).containsExactly("safe");
            try {
                TestFeeds.read(parameter);
            } catch (FeedReader.FeedError refused) {
                assertThat(refused.getMessage()).doesNotContain("\n");
            }
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void controlCharactersInsideTextAreSalvaged() {
        Read read = TestFeeds.read(TestFeeds.resource("feeds/hostile/control-chars.xml"));
        List<Post> posts = read.posts();

        assertThat(read.info().title()).isEqualTo("Control characters");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).title()).isEqualTo("Raw [31m red and bell");
        assertThat(posts.get(0).text()).isEqualTo("ESC NUL FF end");
        assertThat(posts.get(0).tags()).containsExactly("tag one");
        assertThat(posts.get(1).title()).isEqualTo("Referenced [0m ok ☺ ©");
        assertThat(posts.get(1).text()).isEqualTo("Inside CDATA and outside");
        for (Post p : posts) {
            for (String s : List.of(p.title(), p.text(), p.summary(), p.feedTitle())) {
                assertThat(s).doesNotContainPattern("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ufffe\\uffff]");
            }
        }
    }

    @Test
    void aTruncatedFeedKeepsTheItemsBeforeTheBreakAndSaysHowMany() {
        List<FeedEntry> delivered = new ArrayList<>();

        FeedReader.FeedError e = failure("truncated.xml", delivered);

        assertThat(delivered).extracting(FeedEntry::title).containsExactly("One", "Two", "Three");
        assertThat(e.salvaged()).isEqualTo(3);
        assertThat(e.getMessage()).contains("kept 3 entries");
    }

    @Test
    void anHtmlPageIsRefusedAsNotAFeed() {
        FeedReader.FeedError e = failure("html-page.html", new ArrayList<>());

        assertThat(e.getMessage()).containsIgnoringCase("HTML page").contains("not a feed");
    }

    @Test
    void anHtml4PageWithAPublicDoctypeIsRefusedAsNotAFeed() {
        String page = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n"
                + "<HTML><HEAD><TITLE>We're Sorry</TITLE></HEAD><BODY><P>gone</BODY></HTML>";

        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class, () -> TestFeeds.read(page));

        assertThat(e.getMessage()).containsIgnoringCase("HTML page");
    }

    @Test
    void anEmptyFileIsRefusedAsEmpty() {
        FeedReader.FeedError e = failure("empty.xml", new ArrayList<>());

        assertThat(e.getMessage()).containsIgnoringCase("empty");
        FeedReader.FeedError blank = catchThrowableOfType(FeedReader.FeedError.class, () -> TestFeeds.read(" \n\t\n"));
        assertThat(blank.getMessage()).containsIgnoringCase("empty");
    }

    /** Rome assumes parts a feed may lack; whatever it trips on must come out as a FeedError, not a crash. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "<rss version=\"2.0\"/>",
            "<rss version=\"0.91\"></rss>",
            "<rss version=\"9.9\"><channel><title>x</title><item><title>a</title></item></channel></rss>",
            "<feed><title>no namespace</title><entry><title>a</title></entry></feed>",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"/>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/><entry><title/><link/><content/></entry></feed>",
            "<rss version=\"2.0\"><channel><title/><item><title/><pubDate/><category domain=\"x\"/><link/><guid/>"
                    + "<enclosure/><source/></item></channel></rss>"})
    void structurallyBrokenFeedsAreReadOrRefusedNeverACrash(String xml) {
        try {
            TestFeeds.Read read = TestFeeds.read(xml);
            assertThat(read.posts()).allSatisfy(p -> assertThat(p.id()).hasSize(16));
        } catch (FeedReader.FeedError e) {
            assertThat(e.getMessage()).startsWith("not a valid feed").doesNotContain("\n");
        }
    }

    @Test
    void anRssWithoutAChannelIsRefusedSayingSo() {
        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class,
                () -> TestFeeds.read("<rss version=\"2.0\"><item><title>lost</title></item></rss>"));

        assertThat(e.getMessage()).startsWith("not a valid feed").doesNotContain("\n");
    }

    @Test
    void textThatIsNotXmlAtAllFailsWithOneLine() {
        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class,
                () -> TestFeeds.read("items: this is YAML, no markup"));

        assertThat(e.getMessage()).startsWith("invalid XML at line 1").doesNotContain("\n");
        // JSON is read as a JSON Feed, and refused as one.
        assertThat(catchThrowableOfType(FeedReader.FeedError.class, () -> TestFeeds.read("{\"items\": [\"x\"]}")))
                .hasMessageStartingWith("not a JSON Feed").message().doesNotContain("\n");
    }

    @Test
    void anUnknownRootElementIsNamedInTheReason() {
        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class,
                () -> TestFeeds.read("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"));

        assertThat(e).hasMessage("not an RSS or Atom feed (root element <svg>)");
    }

    /** Deep nesting inside an item is flattened into text; JDK 24+ would refuse the feed beyond depth 100. */
    @Test
    void deeplyNestedMarkupInsideAnItemIsFlattenedNotFatal() {
        int depth = FeedReader.MAX_ITEM_DEPTH * 2;
        String xml = TestFeeds.rss("<item xmlns:x=\"urn:x\"><title>deep</title><description>"
                + "&lt;div&gt;".repeat(2_000) + "nested html" + "</description>"
                + "<x:d>".repeat(depth) + "deep text" + "</x:d>".repeat(depth) + "</item>"
                + "<item><title>after</title></item>");

        List<Post> posts = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> TestFeeds.read(xml).posts());

        assertThat(posts).extracting(Post::title).containsExactly("deep", "after");
        assertThat(posts.getFirst().text()).isEqualTo("nested html");
    }

    @Test
    void absurdlyDeepNestingFailsFastWithOneLine() {
        int depth = FeedReader.MAX_DOCUMENT_DEPTH * 20;
        String xml = TestFeeds.rss("<item><title>ok</title></item><item xmlns:x=\"urn:x\"><title>deep</title>"
                + "<x:d>".repeat(depth) + "</x:d>".repeat(depth) + "</item>");
        List<FeedEntry> delivered = new ArrayList<>();

        FeedReader.FeedError e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
                FeedReader.FeedError.class, () -> FeedReader.read(new ByteArrayInputStream(
                        xml.getBytes(StandardCharsets.UTF_8)), null, TestFeeds.SITE, delivered::add)));

        assertThat(e.getMessage()).startsWith("invalid XML at line").contains("(kept 1 ").doesNotContain("\n");
        assertThat(delivered).extracting(FeedEntry::title).containsExactly("ok");
    }

    @Test
    void everyEntryDeliveredBeforeAFaultIsCountedInTheError() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            items.append("<item><title>n").append(i).append("</title></item>\n");
        }
        String broken = TestFeeds.rss(items + "<item><title>bad & worse</title><</item>");
        List<FeedEntry> delivered = new ArrayList<>();

        FeedReader.FeedError e = catchThrowableOfType(FeedReader.FeedError.class, () -> FeedReader.read(
                new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), null, TestFeeds.SITE, delivered::add));

        assertThat(delivered).hasSize(150);
        assertThat(e.salvaged()).isEqualTo(150);
        assertThat(e.getMessage()).contains("kept 150 entries").doesNotContain("\n");
    }
}
