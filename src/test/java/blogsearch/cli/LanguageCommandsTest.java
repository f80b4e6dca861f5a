package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posts per language in the terminal: after an index run, in stats, and as a search facet and filter. */
class LanguageCommandsTest {
    @TempDir
    static Path dir;
    static String index;
    static Invocation indexed;

    @BeforeAll
    static void indexEightLanguages() throws IOException {
        Path feed = dir.resolve("places.atom");
        try (InputStream in = LanguageCommandsTest.class.getResourceAsStream("/search/languages.atom")) {
            Files.copy(in, feed);
        }
        index = dir.resolve("index").toString();
        indexed = Invocation.of("index", "--offline", "--index", index, feed.toString());
        assertThat(indexed.code()).as("%s", indexed).isZero();
    }

    @Test
    void theIndexRunAndStatsCountPostsPerLanguageMostFirst() {
        assertThat(indexed.out()).containsPattern("Languages in the index: de 2, [a-z]{2} 1, ");
        Invocation stats = Invocation.of("stats", "--index", index);
        assertThat(stats.out()).containsPattern("Languages +de 2, ").contains("ja 1").contains("zh 1");
    }

    @Test
    void searchNarrowsToALanguageAndShowsTheLanguageFacet() {
        Invocation r = Invocation.of("search", "--index", index, "--language", "ja");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("京都の古い寺").doesNotContain("周末的市场").containsPattern("Languages .*\\[ja\\] 1");
        Invocation bad = Invocation.of("search", "--index", index, "--language", "japanese");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'japanese'");
    }
}
