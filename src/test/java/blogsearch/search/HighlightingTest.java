package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.Marks;
import blogsearch.engine.BadRequest;
import blogsearch.engine.HighlightedPost;
import blogsearch.engine.SearchResult;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snippets, highlighted titles and whole highlighted posts: matches in {@code <mark>}, everything else escaped. */
class HighlightingTest {
    @TempDir
    static Path dir;
    static Corpus corpus;

    @BeforeAll
    static void open() {
        corpus = Corpus.open(dir);
    }

    @AfterAll
    static void close() {
        corpus.close();
    }

    private static SearchResult.Hit hit(String query, String key) {
        return corpus.search(query).hits().stream().filter(h -> h.id().equals(corpus.id(key))).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not found by " + query));
    }

    private static HighlightedPost highlighted(String key, String query) {
        return corpus.service().highlighted(corpus.id(key), query).orElseThrow();
    }

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    /** Every tag in {@code html} is {@code <mark>} or {@code </mark>}: nothing from the post became markup. */
    static void assertOnlyMarkTags(String html) {
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            assertThat(m.group()).as("tag in %s", html).isIn("<mark>", "</mark>");
        }
        assertThat(html.replace("<mark>", "").replace("</mark>", "")).as("markup in %s", html).doesNotContain("<", ">");
    }


    /** The text again: marks removed, entities decoded. */
    private static String plain(String html) {
        return html.replace("<mark>", "").replace("</mark>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    @Test
    void snippetsAndTitlesMarkTheMatches() {
        SearchResult.Hit bread = hit("garlic", "bread1");
        assertThat(bread.titleHtml()).isEqualTo("<mark>Garlic</mark> bread");
        assertThat(bread.title()).isEqualTo("Garlic bread");
        assertThat(bread.snippet()).isEqualTo("Bake the bread with <mark>garlic</mark> and butter for ten minutes.");
        assertThat(hit("garlic", "soup").titleHtml()).isEqualTo("Tomato soup");
    }

    @Test
    void stemmedFormsAreMarkedAsWritten() {
        assertThat(Marks.in(hit("indexing", "batch").snippet())).containsExactly("indexed");
        assertThat(Marks.in(hit("indexing", "indexing").snippet())).containsExactly("indexed", "Indexing");
    }

    @Test
    void phrasesAndPrefixesAreMarked() {
        assertThat(hit("\"open source\"", "licenses").titleHtml()).isEqualTo("<mark>Open source</mark> licenses");
        assertThat(Marks.in(hit("garl*", "soup").snippet())).containsExactly("garlic");
    }

    @Test
    void aPhraseWithStopWordsIsMarked() {
        String phrase = "\"lazy evaluation and type\"";
        assertThat(Marks.in(hit(phrase, "haskell1").snippet())).containsExactly("lazy evaluation and type");
        assertThat(Marks.in(highlighted("haskell1", phrase).bodyHtml())).containsExactly("lazy evaluation and type");
        assertThat(Marks.in(hit("title:\"being and becoming\"", "being").titleHtml())).containsExactly("Being and becoming");
    }

    @Test
    void aPostsMarkupComesOutEscaped() {
        for (String query : List.of("escaping", "script", "alert", "quotes", "img onerror", "\"<script>\"", "trust",
                "mode:strict", "titles", "tag:security")) {
            SearchResult.Hit h = hit(query, "hostile");
            assertOnlyMarkTags(h.titleHtml());
            assertOnlyMarkTags(h.snippet());
            assertThat(plain(h.titleHtml())).isEqualTo(Corpus.HOSTILE_TITLE);
            assertThat(h.titleHtml() + h.snippet()).doesNotContain("\"", "'", "<script", "<img");
        }
        assertThat(hit("alert", "hostile").titleHtml())
                .isEqualTo("Escaping &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &quot;quotes&quot; in titles");
    }

    @Test
    void aHighlightedPostIsEscapedToo() {
        HighlightedPost h = highlighted("hostile", "script alert onerror quotes");
        assertOnlyMarkTags(h.titleHtml());
        assertOnlyMarkTags(h.bodyHtml());
        assertThat(plain(h.titleHtml())).isEqualTo(Corpus.HOSTILE_TITLE);
        assertThat(plain(h.bodyHtml())).isEqualTo(Corpus.HOSTILE_BODY);
        assertThat(Marks.in(h.bodyHtml())).containsExactly("onerror", "alert", "quotes");
        HighlightedPost none = highlighted("hostile", "garlic");
        assertThat(none.titleHtml()).isEqualTo(Html.escape(Corpus.HOSTILE_TITLE));
        assertThat(none.bodyHtml()).isEqualTo(Html.escape(Corpus.HOSTILE_BODY));
    }

    @Test
    void highlightedReturnsTheWholeTextWithEveryMatchMarked() {
        HighlightedPost h = highlighted("indexing", "indexing lucene");
        assertThat(h.titleHtml()).isEqualTo("<mark>Indexing</mark> with <mark>Lucene</mark>");
        assertThat(h.bodyHtml()).isEqualTo("We <mark>indexed</mark> ten thousand posts with <mark>Lucene</mark>. "
                + "<mark>Indexing</mark> is fast when the analyzer is simple.");
        HighlightedPost essay = highlighted("essay", "needle filler");
        assertThat(plain(essay.bodyHtml())).isEqualTo(Corpus.LONG_BODY);
        // 59 sentences say "filler", one says "needle".
        assertThat(Marks.in(essay.bodyHtml())).hasSize(60).containsOnlyOnce("needle");
        assertThat(essay.post().text()).isEqualTo(Corpus.LONG_BODY);
    }

    @Test
    void highlightedFindsPostsByUrlAndNotUnknownOnes() {
        assertThat(corpus.service().highlighted("http://blog.example/kube1", "kubernetes").orElseThrow().titleHtml())
                .isEqualTo("<mark>Kubernetes</mark> cluster");
        assertThat(corpus.service().highlighted("AAAAAAAAAAAAAAAA", "kubernetes")).isEmpty();
        assertThat(corpus.service().highlighted("", "kubernetes")).isEmpty();
    }

    @Test
    void aLongQuestionMarksTheWordsItWasSearchedFor() {
        String question = "garlic " + "please kindly ".repeat(40) + "soup";
        String marked = corpus.service().highlighted(corpus.id("soup"), question).orElseThrow().bodyHtml();
        assertThat(marked).contains("<mark>garlic</mark>", "<mark>soup</mark>");
    }

    @Test
    void longBodiesGiveShortSnippetsAroundTheMatch() {
        String snippet = hit("needle", "essay").snippet();
        assertThat(snippet).contains("<mark>needle</mark>");
        assertThat(plain(snippet).length()).isLessThanOrEqualTo(2 * Snippets.PASSAGE_CHARS * 2);
        assertThat(snippet).startsWith(MarkFormatter.ELLIPSIS).endsWith(MarkFormatter.ELLIPSIS);
    }

    @Test
    void textWithoutSpacesStillGivesAShortSnippetAroundTheMatch() {
        // The unbroken post is about 4,100 characters without a space or a sentence end; "needle" is in the middle.
        int bound = Snippets.PASSAGES * (Snippets.PASSAGE_CHARS * 3 / 2
                + 2 * MarkFormatter.WORD_SLACK) + 2;
        String needle = hit("needle", "unbroken").snippet();
        assertThat(needle).contains("<mark>needle</mark>");
        assertThat(plain(needle).length()).isLessThanOrEqualTo(bound);
        String alpha = hit("alpha", "unbroken").snippet();
        assertThat(alpha).startsWith("<mark>alpha</mark>");
        assertThat(plain(alpha).length()).isLessThanOrEqualTo(bound);
    }

    @Test
    void aSnippetNeverSplitsASurrogatePair() {
        // 300 emoji (600 chars) without spaces around a word, shifted so that window edges fall on both halves
        // of pairs: a cut inside a pair would leave a lone surrogate.
        MarkFormatter f = new MarkFormatter(Snippets.PASSAGE_CHARS);
        for (int shift = 0; shift < 4; shift++) {
            String text = "\ud83d\ude00".repeat(150) + "x".repeat(shift) + "needle" + "\ud83d\ude00".repeat(150);
            Passage p = new Passage();
            p.setStartOffset(0);
            p.setEndOffset(text.length());
            p.addMatch(300 + shift, 306 + shift, new BytesRef("needle"), 1);
            String out = f.format(new Passage[] {p}, text);
            assertThat(out.length()).isLessThan(text.length() / 2);
            assertThat(out).contains("<mark>needle</mark>");
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertThat(i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1))).as(out).isTrue();
                } else if (Character.isLowSurrogate(c)) {
                    assertThat(i > 0 && Character.isHighSurrogate(out.charAt(i - 1))).as(out).isTrue();
                }
            }
        }
    }

    @Test
    void aPostMatchedWithoutTextMatchesShowsItsSummary() {
        assertThat(hit("tag:pasta", "pasta").snippet()).isEqualTo("Boil the pasta, then add olive oil.");
        assertThat(hit("tag:pasta", "pasta").titleHtml()).isEqualTo("Pasta night");
    }
}
