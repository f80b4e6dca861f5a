package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stats over the fixed corpus in {@code cli/corpus}; expected values are counted off the fixture files. */
class StatsCommandTest {
    @TempDir
    static Path dir;

    static String index;

    @BeforeAll
    static void indexTheCorpus() {
        index = dir.resolve("index").toString();
        Invocation r = Invocation.of("index", "--offline", "--index", index, Invocation.corpus().toString());
        assertThat(r.code()).as("%s", r).isZero();
    }

    @Test
    void jsonCountsPostsFeedsTagsDatesAndBytes() throws Exception {
        Invocation r = Invocation.of("stats", "--index", index, "--json");

        assertThat(r.code()).as("%s", r).isZero();
        JsonNode stats = new ObjectMapper().readTree(r.out());
        assertThat(SearchCommandTest.fieldNames(stats))
                .contains("posts", "feeds", "tags", "oldest", "newest", "index_bytes");
        assertThat(stats.get("posts").asLong()).isEqualTo(9);
        assertThat(stats.get("feeds").asLong()).isEqualTo(3);
        assertThat(SearchCommandTest.counts(stats.get("tags"))).isEqualTo(Map.of("rail", 3, "Europe", 2, "bread", 2,
                "sea", 1, "baking", 1, "preserving", 1, "vegetables", 1, "seeds", 1, "fruit", 1));
        assertThat(stats.get("tags").get(0).get("value").asText()).isEqualTo("rail");
        assertThat(stats.get("oldest").asText()).isEqualTo("2014-03-10T08:00:00Z");
        assertThat(stats.get("newest").asText()).isEqualTo("2017-08-08T09:00:00Z");
        assertThat(stats.get("index_bytes").asLong()).isEqualTo(bytesIn(Path.of(index)));
    }

    @Test
    void theSynonymsFileInForceIsNamedWithItsRules() throws Exception {
        Path rules = dir.resolve("travel-synonyms.txt");
        Files.writeString(rules, "# comments are not rules\nlocomotive, train\n\nboat => ferry\n");

        JsonNode stats = new ObjectMapper().readTree(Invocation.of("stats", "--index", index, "--json",
                "--synonyms", rules.toString()).out());
        assertThat(stats.get("synonyms").get("file").asText()).isEqualTo("travel-synonyms.txt");
        assertThat(stats.get("synonyms").get("rules").asInt()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(Invocation.of("stats", "--index", index, "--json").out())
                .get("synonyms").isNull()).isTrue();
        assertThat(Invocation.of("stats", "--index", index, "--synonyms", rules.toString()).out())
                .containsPattern("Synonyms +travel-synonyms.txt \\(2 rules\\)");
    }

    @Test
    void textShowsTheSameFigures() {
        Invocation r = Invocation.of("stats", "--index", index);

        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).containsPattern("Posts +9\n").containsPattern("Feeds +3\n")
                .contains("2014-03-10 to 2017-08-08").contains("rail (3)");
    }

    @Test
    void aMissingIndexExitsWith1() {
        Invocation r = Invocation.of("stats", "--index", dir.resolve("nothing-here").toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no index at");
    }

    private static long bytesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
