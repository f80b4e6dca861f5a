package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.index.PostIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexCommandTest {
    @TempDir
    Path dir;

    private String index() {
        return dir.resolve("index").toString();
    }

    @Test
    void indexingPrintsASummaryAndExits0() {
        Invocation r = Invocation.of("index", "--offline", "--index", index(), Invocation.corpus().toString());

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("Indexed 9 posts from 3 feeds").contains("9 added, 0 updated, 0 unchanged")
                .contains("Feeds: 3 read, 0 unchanged, 0 failed.").contains("Embedded 9 posts for search by meaning");
        assertThat(r.err()).isEmpty();
        assertThat(Invocation.of("stats", "--index", index()).out()).contains("9 with a vector, 0 without");
    }

    @Test
    void withoutSemanticNoPostIsEmbeddedAndStatsSaySo() {
        Invocation r = Invocation.of("index", "--offline", "--no-semantic", "--index", index(),
                Invocation.corpus().toString());

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("Indexed 9 posts").doesNotContain("Embedded");
        assertThat(Invocation.of("stats", "--index", index()).out()).contains("0 with a vector, 9 without");
    }

    @Test
    void aSecondRunFindsEveryFeedUnchanged() {
        Invocation.of("index", "--offline", "--index", index(), Invocation.corpus().toString());
        Invocation r = Invocation.of("index", "--offline", "--index", index(), Invocation.corpus().toString());

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("Feeds: 0 read, 3 unchanged, 0 failed.");
        assertThat(Invocation.of("search", "--index", index()).out()).startsWith("9 results");
    }

    @Test
    void aFailedSourceExits1AndIsNamedWhileTheOthersAreIndexed() throws Exception {
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<rss><channel><item><title>never closed");
        String missing = dir.resolve("missing.xml").toString();

        Invocation r = Invocation.of("index", "--offline", "--index", index(), Invocation.corpus().toString(),
                broken.toString(), missing);

        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.out()).contains("2 failed")
                .contains("✗ " + broken + ": invalid XML")
                .contains("✗ " + missing + ": no such file");
        // Once, in the summary: not a second time as it happened.
        assertThat((r.out() + r.err()).split(java.util.regex.Pattern.quote(broken.toString()), -1)).hasSize(2);
        assertThat((r.out() + r.err()).split(java.util.regex.Pattern.quote(missing), -1)).hasSize(2);
        assertThat(Invocation.of("search", "--index", index()).out()).startsWith("9 results");
    }

    @Test
    void offlineUrlsAreSkippedNotFailed() throws Exception {
        String url = "https://feeds.example/blog.xml";

        Invocation r = Invocation.of("index", "--offline", "--index", index(), Invocation.corpus().toString(), url);
        Invocation json = Invocation.of("index", "--offline", "--json", "--index", index(), url);

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("Feeds: 3 read, 0 unchanged, 0 failed; skipped 1 URL (--offline).")
                .contains("  - " + url + ": skipped (--offline)").doesNotContain("✗").doesNotContain("✓ " + url);
        assertThat(json.code()).as("%s", json).isZero();
        JsonNode summary = new ObjectMapper().readTree(json.out());
        assertThat(summary.get("feeds_failed").asInt()).isZero();
        assertThat(summary.get("feeds_skipped").asInt()).isEqualTo(1);
        assertThat(summary.get("skipped").get(0).get("source").asText()).isEqualTo(url);
    }

    @Test
    void anUnsupportedSchemeIsNamed() {
        Invocation r = Invocation.of("index", "--index", index(), "ftp://files.example/feed.xml");

        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.out())
                .contains("ftp://files.example/feed.xml: unsupported scheme 'ftp': only files, http and https");
    }

    @Test
    void jsonSummaryListsFailuresBySource() throws Exception {
        String missing = dir.resolve("missing.xml").toString();

        Invocation r = Invocation.of("index", "--offline", "--json", "--index", index(), Invocation.corpus().toString(),
                missing);

        assertThat(r.code()).isEqualTo(1);
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertThat(summary.get("feeds_indexed").asInt()).isEqualTo(3);
        assertThat(summary.get("feeds_failed").asInt()).isEqualTo(1);
        assertThat(summary.get("posts_added").asInt()).isEqualTo(9);
        assertThat(summary.get("failures")).hasSize(1);
        assertThat(summary.get("failures").get(0).get("source").asText()).isEqualTo(missing);
        assertThat(summary.get("failures").get(0).get("error").asText()).contains("no such file");
    }

    @Test
    void aFeedReadInSpiteOfABareAmpersandIsIndexedAndReportedAsRepaired() throws Exception {
        Path feed = dir.resolve("amp.xml");
        Files.writeString(feed, """
                <rss version="2.0"><channel><title>Amp</title><link>https://amp.example/</link>
                <item><title>Salt & pepper</title><link>https://amp.example/1?a=1&b=2</link></item>
                </channel></rss>
                """);

        Invocation json = Invocation.of("index", "--offline", "--json", "--index", index(), feed.toString());
        Invocation text = Invocation.of("index", "--offline", "--force", "--index", index(), feed.toString());

        assertThat(json.code()).as("%s", json).isZero();
        JsonNode summary = new ObjectMapper().readTree(json.out());
        assertThat(summary.get("posts_added").asInt()).isEqualTo(1);
        assertThat(summary.get("failures")).isEmpty();
        assertThat(summary.get("repaired")).hasSize(1);
        assertThat(summary.get("repaired").get(0).get("source").asText()).isEqualTo(feed.toString());
        assertThat(summary.get("repaired").get(0).get("repairs").get(0).asText()).isEqualTo("read 2 bare '&' as text");
        assertThat(text.code()).as("%s", text).isZero();
        assertThat(text.out()).contains("0 failed.").contains("~ " + feed + ": repaired: read 2 bare '&' as text");
    }

    @Test
    void anIndexInUseExits1AndSaysSo() {
        try (PostIndex held = PostIndex.open(Path.of(index()))) {
            Invocation r = Invocation.of("index", "--offline", "--index", index(), Invocation.corpus().toString());

            assertThat(held.writable()).isTrue();
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("in use by another blogsearch process");
        }
    }

    @Test
    void badOptionsExit2() {
        Invocation threads = Invocation.of("index", "--threads", "0", "--index", index(), "x.xml");
        Invocation ram = Invocation.of("index", "--ram-buffer-mb", "1", "--index", index(), "x.xml");
        Invocation none = Invocation.of("index", "--index", index());

        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads").contains("0");
        assertThat(ram.code()).isEqualTo(2);
        assertThat(ram.err()).contains("--ram-buffer-mb");
        assertThat(none.code()).as("SOURCE is required").isEqualTo(2);
        assertThat(Files.exists(dir.resolve("index"))).as("nothing is created on bad input").isFalse();
    }
}
