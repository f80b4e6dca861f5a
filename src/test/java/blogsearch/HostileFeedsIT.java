package blogsearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Engine;
import blogsearch.engine.HighlightedPost;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.index.PostIndex;
import blogsearch.index.PostSchema;
import blogsearch.post.Post;
import blogsearch.search.SearchService;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile feeds through the whole pipeline: the small fixtures in {@code feeds/hostile} and enormous
 * ones written here, indexed offline by {@code blogsearch index} in a JVM with a 256 MB heap (an out-of-memory shows),
 * then indexed again, and again with {@code --force}. Every feed is salvaged or reported in one clear line; what is
 * salvaged reads right in the index; the index stays consistent and a second run changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HostileFeedsIT {
    private static final List<String> JVM = List.of("-Xmx256m", "--add-modules", "jdk.incubator.vector");
    private static final String VECTOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";
    private static final String CANARY = "XXE-CANARY-7f3a";
    private static final int MB = 1 << 20;
    private static final int MAX_TAGS = 64;
    private static final int MAX_TAG_CHARS = 100;
    private static final int MAX_TEXT_CHARS = 1_000_000;
    private static final int NESTED_DIVS = 100_000;
    private static final int JUNK_ITEMS = 1_000;

    /** Fixtures that cannot be salvaged whole, and words their one-line reason must contain. */
    private static final Map<String, List<String>> FAILING = Map.of(
            "billion-laughs.xml", List.of("lol9", "never expanded"),
            "xxe.xml", List.of("xxe", "never expanded"),
            "empty.xml", List.of("empty document"),
            "html-page.html", List.of("an HTML page, not a feed"),
            "truncated.xml", List.of("invalid XML at line 10", "kept 3 entries"),
            "undeclared-entity.xml", List.of("invalid XML at line 9", "kept 1 entr"),
            "deep-xhtml.atom", List.of("invalid XML", "depth", "kept 1 entr"));

    private Path dir;
    private Path feeds;
    private Path index;
    private Run first;
    private Run second;
    private Run forced;

    /** One run of the indexer: how it ended, what it printed, and every post in the index afterwards. */
    private record Run(int exitCode, String stdout, String stderr, Map<String, Post> posts) {
        @Override
        public String toString() {
            return "--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    @BeforeAll
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void indexEveryHostileFeedThreeTimes(@TempDir Path tmp) throws Exception {
        dir = tmp;
        feeds = dir.resolve("feeds");
        index = dir.resolve("index");
        copyFixtures(feeds);
        writeEnormousFeeds(feeds);
        first = index();
        second = index();
        forced = index("--force");
    }

    @Test
    void everyRunFinishesWithEachBrokenFeedReportedInOneClearLine() {
        for (Run run : List.of(first, second, forced)) {
            assertThat(run.exitCode()).as("exit code (1: some feeds failed)\n%s", run).isEqualTo(1);
            assertThat(run.stdout() + run.stderr()).as("%s", run)
                    .doesNotContain("Exception", "unexpected error", "java.lang", "\tat ", "OutOfMemory");
            for (String line : run.stderr().lines().toList()) {
                assertThat(line).as("stderr of %s", run).matches("(indexing|embedding): .*|" + VECTOR_NOTICE);
            }
            Map<String, String> failures = failures(run.stdout(), "  ✗ ");
            assertThat(failures).as("failures reported once, in the summary\n%s", run)
                    .containsOnlyKeys(FAILING.keySet());
            FAILING.forEach((file, words) -> assertThat(failures.get(file)).as(file).contains(words));
            assertThat(run.stdout()).contains(FAILING.size() + " failed; skipped 2 files that are not feeds.");
        }
        assertThat(first.stdout()).contains("Feeds: " + (feedFiles().size() - FAILING.size()) + " read, 0 unchanged");
        // A feed read to its end is remembered (with its posts, in one commit); a failed one never is.
        try (PostIndex idx = PostIndex.openReadOnly(index); Engine.Snapshot snapshot = idx.snapshot()) {
            for (Path feed : feedFiles()) {
                String name = feed.getFileName().toString();
                assertThat(snapshot.feed(feed.toAbsolutePath().normalize().toUri().toString()).isPresent())
                        .as(name).isEqualTo(!FAILING.containsKey(name));
            }
        }
    }

    @Test
    void aSecondRunChangesNothingAndAForcedOneKeepsEveryPost() {
        assertThat(second.stdout()).as("%s", second)
                .contains(" 0 added, 0 updated, ")
                .contains("Feeds: 0 read, " + (feedFiles().size() - FAILING.size()) + " unchanged");
        assertThat(second.posts()).isEqualTo(first.posts());

        assertThat(forced.stdout()).as("%s", forced).contains(" 0 added, ");
        assertThat(forced.posts().keySet()).isEqualTo(first.posts().keySet());
        // Which of two feeds carrying the same global guid is read first depends on the threads: that post may
        // come from either. Every other post is exactly what it was.
        String shared = post("Duplicate guids", "Global first").or(() -> post("Duplicate guids elsewhere",
                "Global syndicated")).orElseThrow().id();
        Map<String, Post> before = new HashMap<>(first.posts());
        Map<String, Post> after = new HashMap<>(forced.posts());
        before.remove(shared);
        after.remove(shared);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theIndexOpensAndCheckIndexFindsItClean() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Directory d = FSDirectory.open(index); CheckIndex check = new CheckIndex(d)) {
            check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
            CheckIndex.Status status = check.checkIndex();
            assertThat(status.clean).as("CheckIndex:\n%s", log.toString(StandardCharsets.UTF_8)).isTrue();
        }
        assertThat(first.posts()).hasSizeGreaterThan(1_000);
    }

    @Test
    void mislabelledAndMixedEncodingsReadAsWritten() {
        assertThat(title("Smart quotes")).containsExactly("Café “smart” quotes");
        assertThat(only("Smart quotes").text()).isEqualTo("It’s pasted from Word… – twice");
        assertThat(title("Latin-1 label, UTF-8 bytes")).containsExactly("Café crème, naïve façade");
        assertThat(only("Latin-1 label, UTF-8 bytes").text()).isEqualTo("Ünïcödé über alles — 20 €");
        assertThat(title("UTF-8 label, Latin-1 bytes")).containsExactly("Café crème, naïve façade");
        assertThat(only("UTF-8 label, Latin-1 bytes").text()).isEqualTo("Grüße aus Köln, 20 °C");
        assertThat(title("UTF-8 BOM")).containsExactly("Naïve “BOM” title");
        assertThat(title("UTF-16LE BOM")).containsExactly("Ελληνικά and 日本語");
        assertThat(title("UTF-16BE BOM")).containsExactly("Ελληνικά and 日本語");
        assertThat(title("Unknown encoding")).containsExactly("Café in a made-up charset");
        assertThat(title("Malformed encoding name")).containsExactly("Café with a typo");
        for (Post p : first.posts().values()) {
            assertThat(p.title() + p.text() + p.feedTitle() + String.join("", p.tags()) + p.author())
                    .as("%s", p.title()).doesNotContain("\uFFFD", "Ã", "â€");
        }
    }

    @Test
    void invalidCharactersBecomeSpacesAndEntitiesAreDecoded() {
        assertThat(title("Control characters"))
                .containsExactlyInAnyOrder("Raw [31m red and bell", "Referenced [0m ok ☺ ©");
        assertThat(title("Entities & references")).containsExactlyInAnyOrder("Café crème — “quoted” …",
                "Numeric été “☺” 😀", "Twice escaped été & ’s");
        assertThat(post("Entities & references", "Café crème — “quoted” …").orElseThrow())
                .satisfies(p -> assertThat(p.text()).isEqualTo("naïve & © €"))
                .satisfies(p -> assertThat(p.tags()).containsExactly("Résumé"));
        assertThat(post("Entities & references", "Numeric été “☺” 😀").orElseThrow().text())
                .isEqualTo("bold <literal>");
        assertThat(post("Entities & references", "Twice escaped été & ’s").orElseThrow())
                .satisfies(p -> assertThat(p.text()).isEqualTo("Inside CDATA été & ☺ <tag>"))
                .satisfies(p -> assertThat(p.tags()).containsExactly("Tom & Jerry"));
        for (Post p : first.posts().values()) {
            assertThat(p.title() + p.text() + p.summary() + p.feedTitle() + p.author() + String.join("", p.tags()))
                    .as("%s", p.title()).doesNotContainPattern("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ufffe\\uffff]");
        }
    }

    @Test
    void markupInTitlesTagsAndAuthorsIsPlainTextThatIsNeverRenderedAsMarkup() {
        String markup = "<script>alert('feed')</script>Markup"; // a feed title that mentions a script element
        assertThat(title(markup)).containsExactlyInAnyOrder("<script>alert(1)</script>Escaped script",
                "Image bold", "Raw element more", "link <iframe src=\"https://evil.example\"></iframe>framed",
                "Why <script> tags block rendering");
        assertThat(title("Atom markup")).containsExactlyInAnyOrder("HTML title", "XHTML title bold",
                "<script>alert(7)</script> is literal text here");
        Post escaped = post(markup, "<script>alert(1)</script>Escaped script").orElseThrow();
        assertThat(escaped.tags()).containsExactly("<script>alert(2)</script>", "bold tag");
        assertThat(escaped.author()).isEqualTo("Mallory");
        assertThat(escaped.text()).isEqualTo("body");
        assertThat(post(markup, "Image bold").orElseThrow().tags()).containsExactly("<svg onload=alert(7)>svg tag");
        assertThat(post("Atom markup", "XHTML title bold").orElseThrow().text()).isEqualTo("xhtml body");

        // Inline markup is gone from titles, tags and names; any '<' left is text, and shown, it is escaped.
        for (Post p : first.posts().values()) {
            assertThat(p.title() + p.feedTitle() + p.author() + String.join("", p.tags()))
                    .as("%s", p.title()).doesNotContainPattern("(?i)<(img|b|a|p|div)\\b");
        }
        try (PostIndex idx = PostIndex.openReadOnly(index); SearchService search = new SearchService(idx)) {
            SearchResult result = search.search(SearchRequest.of("alert script img onerror svg iframe")
                    .withPage(1, SearchRequest.MAX_SIZE));
            assertThat(result.hits()).hasSizeGreaterThanOrEqualTo(5);
            for (SearchResult.Hit hit : result.hits()) {
                assertThat(hit.titleHtml().replaceAll("</?mark>", "")).as(hit.title()).doesNotContain("<", ">");
                assertThat(hit.snippet().replaceAll("</?mark>", "")).as(hit.title()).doesNotContain("<", ">");
                HighlightedPost whole = search.highlighted(hit.id(), "alert").orElseThrow();
                assertThat(whole.titleHtml().replaceAll("</?mark>", "")).doesNotContain("<", ">");
                assertThat(whole.bodyHtml().replaceAll("</?mark>", "")).doesNotContain("<", ">");
            }
            assertThat(result.hits()).extracting(SearchResult.Hit::titleHtml)
                    .anySatisfy(html -> assertThat(html).contains("&lt;").contains("&gt;"));
        }
    }

    @Test
    void scriptAndDataLinksLeaveTheUrlEmptyAndRelativeLinksResolve() {
        for (String title : List.of("JavaScript", "JavaScript mixed case", "JavaScript with a tab",
                "JavaScript with an entity", "Data", "VBScript", "File", "Mailto", "Atom link javascript")) {
            assertThat(post("Links", title)).as(title).get().extracting(Post::url).isEqualTo("");
        }
        assertThat(url("Links", "Root relative")).isEqualTo("https://hostile.example/2024/root-relative.html");
        assertThat(url("Links", "Path relative")).isEqualTo("https://hostile.example/blog/posts/path-relative.html");
        assertThat(url("Links", "Dot dot")).isEqualTo("https://hostile.example/up/one.html");
        assertThat(url("Links", "Protocol relative")).isEqualTo("https://cdn.hostile.example/p.html");
        assertThat(url("Atom markup", "HTML title")).isEmpty();
        assertThat(url("Atom markup", "XHTML title bold")).isEmpty();
        assertThat(url("Atom markup", "<script>alert(7)</script> is literal text here"))
                .isEqualTo("https://hostile.example/atom-markup/literal.html");
        for (Post p : first.posts().values()) {
            assertThat(p.url()).as(p.title()).matches("(https?://[^\\s<>\"]+)?");
        }
    }

    @Test
    void brokenDatesAreMissingAndValidOnesExact() {
        Map<String, String> valid = Map.of(
                "Valid date", "2008-06-03T11:05:30Z",
                "Microseconds", "2019-01-01T09:00:00.123Z",
                "Lower case t and z", "2019-01-01T10:00:00Z",
                "Wrong weekday", "2019-01-01T10:00:00Z",
                "Two-digit year", "2019-01-01T15:00:00Z");
        List<Post> rss = posts("Broken dates");
        assertThat(rss).hasSize(18);
        for (Post p : rss) {
            assertThat(p.published().map(Instant::toString)).as(p.title())
                    .isEqualTo(Optional.ofNullable(valid.get(p.title())));
            assertThat(p.updated()).as(p.title()).isEmpty();
        }
        List<Post> atom = posts("Broken Atom dates");
        assertThat(atom).hasSize(6);
        for (Post p : atom) {
            boolean real = p.title().equals("Valid dates");
            assertThat(p.published().map(Instant::toString)).as(p.title())
                    .isEqualTo(real ? Optional.of("2008-06-03T11:05:30Z") : Optional.empty());
            assertThat(p.updated().map(Instant::toString)).as(p.title())
                    .isEqualTo(real ? Optional.of("2009-01-02T02:04:05Z") : Optional.empty());
        }
        // No fixture has a date after 2024: none is the time of the run, none the year 99999.
        for (Post p : first.posts().values()) {
            for (Optional<Instant> date : List.of(p.published(), p.updated())) {
                date.ifPresent(d -> assertThat(d).as(p.title())
                        .isBetween(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")));
            }
        }
    }

    @Test
    void duplicateGuidsGiveOnePostWithinAFeedAndAcrossFeeds() {
        List<String> titles = new ArrayList<>(title("Duplicate guids"));
        titles.addAll(title("Duplicate guids elsewhere"));
        assertThat(titles).containsOnlyOnce("Local first", "Same link no guid", "Local here")
                .doesNotContain("Local second", "Local third", "Global again", "Same link no guid again");
        assertThat(titles.stream().filter(t -> t.equals("Global first") || t.equals("Global syndicated")))
                .as("the post both feeds carry under one global guid").hasSize(1);
        assertThat(titles).hasSize(4);
    }

    @Test
    void enormousFieldsAndItemsAreCappedAndWhatFollowsThemIsKept() {
        Post huge = only("Huge content", "Twenty megabytes");
        assertThat(huge.text().length()).isBetween(MAX_TEXT_CHARS - 100, MAX_TEXT_CHARS);
        assertThat(huge.text()).startsWith("lorem & ipsum dolor été sit amet “quoted” consectetur link");
        assertThat(huge.summary().length()).isLessThan(300);
        assertThat(only("Huge content", "After the huge one").text()).isEqualTo("still here");

        Post sixty = only("Huge CDATA", "Sixty megabytes");
        assertThat(sixty.text().length()).isBetween(MAX_TEXT_CHARS - 100, MAX_TEXT_CHARS);
        assertThat(only("Huge CDATA", "After the huge one").text()).isEqualTo("still here");

        List<Post> fields = posts("Huge fields");
        assertThat(fields).hasSize(5);
        assertThat(fields).filteredOn(p -> p.title().startsWith("TTTT")).singleElement()
                .satisfies(p -> assertThat(p.title()).hasSize(1_000));
        assertThat(only("Huge fields", "Huge tag").tags()).containsExactly("small");
        assertThat(only("Huge fields", "Huge author").author()).hasSize(200);
        assertThat(only("Huge fields", "Huge link").url()).isEmpty();
        assertThat(only("Huge fields", "After the huge one").text()).isEqualTo("still here");

        List<String> tags = only("Many tags", "Thousands of tags").tags();
        assertThat(tags).hasSize(MAX_TAGS).startsWith("tag-0", "tag-1");
        for (Post p : first.posts().values()) {
            assertThat(p.tags()).as(p.title()).hasSizeLessThanOrEqualTo(MAX_TAGS)
                    .allSatisfy(t -> assertThat(t).hasSizeBetween(1, MAX_TAG_CHARS));
            assertThat(p.text()).as(p.title()).hasSizeLessThanOrEqualTo(MAX_TEXT_CHARS);
            assertThat(p.title()).as(p.title()).hasSizeLessThanOrEqualTo(1_000);
        }

        assertThat(only("Many elements", "Over a million elements").text()).isEqualTo("start");
        assertThat(only("Many elements", "After the huge one").text()).isEqualTo("still here");
        assertThat(posts("Header junk")).hasSize(JUNK_ITEMS);
    }

    @Test
    void deeplyNestedHtmlStillHasItsText() {
        assertThat(only("Deep HTML", "Deep CDATA").text()).isEqualTo("deep text");
        assertThat(only("Deep HTML", "Deep escaped").text()).isEqualTo("deep escaped text");
        assertThat(only("Deep HTML", "After the huge one").text()).isEqualTo("still here");
        // Nested as XML itself, past the parser's depth limit: the entry before is kept, the feed reported.
        assertThat(title("Deep XHTML")).containsExactly("Shallow");
    }

    @Test
    void entityBombsAndExternalEntitiesLeakNothing() {
        assertThat(title("Laughs")).isEmpty();
        assertThat(title("XXE")).isEmpty();
        for (Post p : first.posts().values()) {
            assertThat(p.toString()).doesNotContain(CANARY).doesNotContain("lollollol");
        }
    }

    @Test
    void aTruncatedFeedKeepsWhatCameBeforeTheBreak() {
        assertThat(title("Truncated")).containsExactlyInAnyOrder("One", "Two", "Three");
        assertThat(title("Undeclared entity")).containsExactly("Before the break");
    }

    // --- running the indexer

    private Run index(String... extra) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("index", "--offline", "--threads", "2", "--index",
                index.toString()));
        args.addAll(Arrays.asList(extra));
        // The HTML page is named as a source of its own: a folder is searched for feed files only.
        args.addAll(List.of(feeds.toString(), feeds.resolve("html-page.html").toString()));
        long start = System.nanoTime();
        ChildJvm child = ChildJvm.start(dir.resolve("logs"), JVM, args.toArray(String[]::new));
        int exit = child.exitCode(240);
        System.out.printf("HostileFeedsIT: blogsearch index%s took %,d ms%n",
                extra.length == 0 ? "" : " " + String.join(" ", extra), (System.nanoTime() - start) / 1_000_000);
        return new Run(exit, child.stdout(), child.stderr(), allPosts());
    }

    private Map<String, Post> allPosts() {
        try (PostIndex idx = PostIndex.openReadOnly(index)) {
            IndexSearcher s = idx.acquire();
            try {
                Map<String, Post> posts = new LinkedHashMap<>();
                for (ScoreDoc sd : s.search(new TermQuery(PostSchema.postType()), 100_000).scoreDocs) {
                    Post p = PostSchema.toPost(s.storedFields().document(sd.doc));
                    posts.put(p.id(), p);
                }
                return posts;
            } finally {
                idx.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "file name -> reason" from lines like "{prefix}/some/dir/file.xml: reason". */
    private static Map<String, String> failures(String output, String prefix) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (String line : output.lines().filter(l -> l.startsWith(prefix)).toList()) {
            String rest = line.substring(prefix.length());
            int colon = rest.indexOf(": ");
            String file = Path.of(rest.substring(0, colon)).getFileName().toString();
            assertThat(failures.put(file, rest.substring(colon + 2))).as("one line for %s", file).isNull();
        }
        return failures;
    }

    /** The feeds of every run: the files the folder walk takes for feeds, and the HTML page. */
    private List<Path> feedFiles() {
        try (Stream<Path> files = Files.list(feeds)) {
            List<Path> all = new ArrayList<>(files.filter(f -> f.getFileName().toString().matches(".*\\.(xml|atom)"))
                    .toList());
            all.add(feeds.resolve("html-page.html"));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- finding posts

    private List<Post> posts(String feedTitle) {
        return first.posts().values().stream().filter(p -> p.feedTitle().equals(feedTitle)).toList();
    }

    private List<String> title(String feedTitle) {
        return posts(feedTitle).stream().map(Post::title).toList();
    }

    private Optional<Post> post(String feedTitle, String title) {
        return posts(feedTitle).stream().filter(p -> p.title().equals(title)).findFirst();
    }

    private Post only(String feedTitle) {
        assertThat(posts(feedTitle)).as(feedTitle).hasSize(1);
        return posts(feedTitle).getFirst();
    }

    private Post only(String feedTitle, String title) {
        List<Post> found = posts(feedTitle).stream().filter(p -> p.title().equals(title)).toList();
        assertThat(found).as("%s / %s", feedTitle, title).hasSize(1);
        return found.getFirst();
    }

    private String url(String feedTitle, String title) {
        return only(feedTitle, title).url();
    }

    // --- the fixtures

    private static void copyFixtures(Path to) throws IOException, URISyntaxException {
        Path from = Path.of(HostileFeedsIT.class.getResource("/feeds/hostile").toURI());
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** Feeds too large to keep in the repository, each followed by a small item that must survive it. */
    private static void writeEnormousFeeds(Path to) throws IOException {
        String paragraph = "&lt;p&gt;lorem &amp;amp; ipsum&nbsp;dolor &eacute;t&eacute; sit amet &#8220;quoted&#8221; "
                + "consectetur &lt;a href=&quot;/x&quot;&gt;link&lt;/a&gt;&lt;/p&gt;\n";
        rss(to.resolve("huge-content.xml"), "Huge content", w -> {
            w.write("<item><title>Twenty megabytes</title><guid>huge</guid><content:encoded>");
            repeat(w, paragraph, 20 * MB);
            w.write("</content:encoded></item>\n");
        });
        rss(to.resolve("huge-cdata.xml"), "Huge CDATA", w -> {
            // One text node just under the 64 MB download limit: coalesced, it ran a 256 MB heap out.
            w.write("<item><title>Sixty megabytes</title><guid>sixty</guid><content:encoded><![CDATA[");
            repeat(w, "<p>lorem ipsum <b>dolor</b> sit amet</p>\n", 60 * MB);
            w.write("]]></content:encoded></item>\n");
        });
        String megabyte = "x".repeat(MB);
        rss(to.resolve("huge-fields.xml"), "Huge fields", w -> {
            w.write("<item><title>" + "T".repeat(MB) + "</title><guid>huge-title</guid></item>\n");
            w.write("<item><title>Huge tag</title><guid>huge-tag</guid><category>" + megabyte
                    + "</category><category>small</category></item>\n");
            w.write("<item><title>Huge author</title><guid>huge-author</guid><dc:creator>" + "A".repeat(MB)
                    + "</dc:creator></item>\n");
            w.write("<item><title>Huge link</title><guid isPermaLink=\"false\">huge-link</guid>"
                    + "<link>https://big.example/" + megabyte + "</link></item>\n");
        });
        rss(to.resolve("many-tags.xml"), "Many tags", w -> {
            w.write("<item><title>Thousands of tags</title><guid>many-tags</guid>");
            for (int i = 0; i < 5_000; i++) {
                // Every third one is too long to be a tag.
                w.write("<category>tag-" + i + (i % 3 == 2 ? "-" + "y".repeat(MAX_TAG_CHARS) : "") + "</category>");
            }
            w.write("</item>\n");
        });
        rss(to.resolve("deep-html.xml"), "Deep HTML", w -> {
            w.write("<item><title>Deep CDATA</title><guid>deep</guid><content:encoded><![CDATA[");
            w.write("<div>".repeat(NESTED_DIVS) + "deep text" + "</div>".repeat(NESTED_DIVS));
            w.write("]]></content:encoded></item>\n<item><title>Deep escaped</title><guid>deep-escaped</guid>"
                    + "<description>");
            w.write("&lt;div&gt;".repeat(NESTED_DIVS) + "deep escaped text" + "&lt;/div&gt;".repeat(NESTED_DIVS));
            w.write("</description></item>\n");
        });
        write(to.resolve("deep-xhtml.atom"), w -> {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                    + "<title>Deep XHTML</title><id>tag:big.example,2024:deep-xhtml</id>\n"
                    + "<entry><title>Shallow</title><id>tag:big.example,2024:shallow</id></entry>\n"
                    + "<entry><title>Deep</title><id>tag:big.example,2024:deep</id><content type=\"xhtml\">"
                    + "<div xmlns=\"http://www.w3.org/1999/xhtml\">");
            w.write("<div>".repeat(NESTED_DIVS) + "deep" + "</div>".repeat(NESTED_DIVS));
            w.write("</div></content></entry>\n<entry><title>After</title><id>tag:big.example,2024:after</id>"
                    + "</entry>\n</feed>\n");
        });
        rss(to.resolve("many-elements.xml"), "Many elements", w -> {
            w.write("<item><title>Over a million elements</title><guid>elements</guid>"
                    + "<description>start</description>");
            // Elements Rome ignores, yet each one a node in memory.
            repeat(w, "<x>w </x>", 1_500_000 * 9);
            w.write("</item>\n");
        });
        write(to.resolve("header-junk.xml"), w -> {
            // Channel-level elements between the items: every chunk of items carries the header.
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Header junk"
                    + "</title><link>https://big.example/junk/</link><description>junk</description>\n");
            for (int i = 0; i < JUNK_ITEMS; i++) {
                w.write("<item><title>Item " + i + "</title><guid>junk-" + i + "</guid></item>\n");
                w.write("<junk>j</junk>".repeat(1_000));
            }
            w.write("</channel></rss>\n");
        });
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    /** An RSS 2.0 feed around {@code items}, ending with a small item that must survive them. */
    private static void rss(Path file, String title, Body items) throws IOException {
        write(file, w -> {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                    + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
                    + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel><title>" + title + "</title>"
                    + "<link>https://big.example/" + file.getFileName() + "/</link><description>big</description>\n");
            items.write(w);
            w.write("<item><title>After the huge one</title><guid>after</guid><description>still here"
                    + "</description></item>\n</channel></rss>\n");
        });
    }

    private static void write(Path file, Body body) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.write(w);
        }
    }

    /** Writes {@code piece} over and over until about {@code chars} characters are written. */
    private static void repeat(Writer w, String piece, int chars) throws IOException {
        for (int written = 0; written < chars; written += piece.length()) {
            w.write(piece);
        }
    }
}
