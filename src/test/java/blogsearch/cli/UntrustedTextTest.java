package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from feeds is untrusted: escape sequences in it could clear the screen, set the window title or make
 * text read other than it is. The post is written straight into the index, so nothing upstream cleans it.
 */
class UntrustedTextTest {
    /**
     * Clear screen, set title, bell, 8-bit CSI, right-to-left override and isolate, and the marks (right-to-left,
     * Arabic letter), which posts keep.
     */
    private static final String HOSTILE = "\u001b[2J\u001b]0;owned\u0007\u009b31m\u202eevil\u2067(x)\u200f.\u061c,";
    private static final List<String> RAW = List.of("\u001b[2J", "\u001b]0;", "\u0007", "\u009b", "\u202e", "\u2067",
            "\u200f", "\u061c");

    @TempDir
    static Path dir;

    static String index;
    static Post post;

    @BeforeAll
    static void indexAHostilePost() {
        index = dir.resolve("index").toString();
        post = new Post(PostId.of("feed", "https://evil.example/1", "", "", ""), "https://evil.example/1" + HOSTILE,
                "Zebra " + HOSTILE, "Mallory " + HOSTILE, Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
                Optional.empty(), List.of("tag " + HOSTILE), "Feed " + HOSTILE, "", "", "zebra body " + HOSTILE,
                "zebra summary " + HOSTILE);
        try (PostIndex idx = PostIndex.open(Path.of(index))) {
            idx.put(post, 1);
            idx.commit();
        }
    }

    @Test
    void plainTextOutputHasNoControlCharactersButNewlines() throws Exception {
        Path batch = dir.resolve("q.txt");
        Files.writeString(batch, "zebra\n" + HOSTILE + "\n");
        List<Invocation> runs = List.of(
                Invocation.of("search", "--index", index, "zebra"),
                Invocation.of("search", "--index", index),
                Invocation.of("search", "--index", index, "--json", "zebra"),
                Invocation.of("search", "--index", index, "--batch", batch.toString()),
                Invocation.of("search", "--index", index, "zebra " + HOSTILE),
                Invocation.of("stats", "--index", index),
                Invocation.of("stats", "--index", index, "--json"));
        for (Invocation r : runs) {
            assertThat(r.code()).as("%s", r).isZero();
            assertThat(unsafeIn(r.out() + r.err())).as("%s", r).isEmpty();
        }
        assertThat(runs.get(0).out()).contains("Zebra").contains("Mallory").contains("Feed").contains("tag");
    }

    @Test
    void coloredOutputHasOnlyItsOwnEscapeSequences() {
        Invocation r = Invocation.of("--color", "always", "search", "--index", index, "zebra");

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("\u001b[1m"); // our bold: color is on
        for (String raw : RAW) {
            assertThat(r.out()).doesNotContain(raw);
        }
    }

    @Test
    void jsonKeepsTheTextButEscapesWhatATerminalWouldActOn() throws Exception {
        Invocation r = Invocation.of("search", "--index", index, "--json", "zebra");

        JsonNode hit = new ObjectMapper().readTree(r.out()).get("hits").get(0);
        assertThat(hit.get("title").asText()).isEqualTo(post.title());
        assertThat(hit.get("author").asText()).isEqualTo(post.author());
        assertThat(r.out()).containsIgnoringCase("\\u001b[2J").containsIgnoringCase("\\u009b")
                .containsIgnoringCase("\\u202e").containsIgnoringCase("\\u061c");
    }

    @Test
    void safeReplacesEachUnsafeCharacterWithASpace() {
        assertThat(Terminal.safe("a\u001b[31mb\u009bc\u202ed\u2066e\tf\ng")).isEqualTo("a [31mb c d e f g");
        assertThat(Terminal.safe("x\u200ey\u200fz\u061c!")).isEqualTo("x y z !");
        assertThat(Terminal.safe("plain café ✓")).isEqualTo("plain café ✓");
    }

    private static List<String> unsafeIn(String s) {
        List<String> found = new ArrayList<>();
        s.codePoints().filter(c -> c != '\n' && Terminal.unsafe(c))
                .forEach(c -> found.add(String.format("U+%04X", c)));
        return found;
    }
}
