package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.OpenSearchCluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The commands on a cluster, given --engine opensearch: the same answers as over an index folder. */
@ExtendWith(OpenSearchCluster.class)
class OpenSearchCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOVA = "http://fewbar.com/2016/12/mr-nova-build-that-wall/";

    @TempDir
    static Path dir;
    static String index;

    @BeforeAll
    static void indexTheCorpusOnBothEngines() {
        index = dir.resolve("index").toString();
        // Words only: OpenSearch has no vectors, and the two engines are compared on the same ranking.
        for (List<String> where : List.of(List.of("--index", index), cluster("cli"))) {
            Invocation r = run("index", where, "--offline", "--no-semantic", Invocation.corpus().toString(),
                    "index-data/feeds");
            assertThat(r.code()).as("%s", r).isZero();
        }
    }

    static List<String> cluster(String name) {
        return List.of("--engine", "opensearch", "--opensearch", OpenSearchCluster.shared().url(),
                "--opensearch-index", name, "--shards", "2", "--replicas", "1");
    }

    static Invocation run(String command, List<String> where, String... args) {
        return Invocation.of(Stream.of(List.of(command), where, List.of(args)).flatMap(List::stream)
                .toArray(String[]::new));
    }

    @Test
    void searchPrintsTheSameResultsAsOverAnIndexFolder() throws Exception {
        Invocation r = run("search", cluster("cli"), "train");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("3 results for train").contains("1. Night train to Vienna")
                .contains("2014-03-10 · Travel Notes · Tess Traveller · rail, Europe");
        JsonNode onCluster = JSON.readTree(run("search", cluster("cli"), "--json", "--tag", "rail", "train").out());
        JsonNode onDisk = JSON.readTree(run("search", List.of("--index", index), "--json", "--tag", "rail", "train").out());
        assertThat(onCluster.get("total")).isEqualTo(onDisk.get("total"));
        assertThat(onCluster.get("facets")).isEqualTo(onDisk.get("facets"));
        assertThat(onCluster.get("hits").findValues("id")).isEqualTo(onDisk.get("hits").findValues("id"));
    }

    @Test
    void statsCountTheSamePostsFeedsTagsDatesAndLanguages() throws Exception {
        JsonNode onCluster = JSON.readTree(run("stats", cluster("cli"), "--json").out());
        JsonNode onDisk = JSON.readTree(run("stats", List.of("--index", index), "--json").out());
        for (String field : List.of("posts", "feeds", "tags", "oldest", "newest", "languages")) {
            assertThat(onCluster.get(field)).as(field).isEqualTo(onDisk.get(field));
        }
        assertThat(onCluster.get("posts").asLong()).isEqualTo(15);
        assertThat(run("stats", cluster("cli")).out()).contains("Posts").contains("15");
    }

    @Test
    void similarListsRelatedPostsNeverThePostItself() {
        Invocation r = run("similar", cluster("cli"), "--limit", "2", NOVA);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("Posts like OpenStack's nova-compute's border").contains("  1. ", "  2. ")
                .doesNotContain("  3. ").contains("shares: ").doesNotContain(NOVA);
        Invocation unknown = run("similar", cluster("cli"), "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no post with id or address 'nope'");
    }

    @Test
    void reindexMovesTheClusterIndexAndOnAFolderSaysWhatToDoInstead() {
        Invocation r = run("reindex", cluster("cli"));
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).containsPattern("Reindexed 15 posts from cli-\\d+ into cli-\\d+ in [0-9.]+ s\\.");
        assertThat(run("search", cluster("cli"), "train").out()).contains("3 results for train");
        Invocation folder = run("reindex", List.of("--index", index));
        assertThat(folder.code()).as("%s", folder).isEqualTo(2);
        assertThat(folder.err().strip()).contains("index --force").doesNotContain("\n");
    }

    @Test
    void aClusterWithNoSuchIndexOrNoAddressIsOneClearLine() {
        Invocation missing = run("search", cluster("nothing-here"), "train");
        assertThat(missing.code()).as("%s", missing).isEqualTo(1);
        assertThat(missing.err().strip()).contains("no blogsearch index 'nothing-here'").doesNotContain("\n");
        Invocation noAddress = Invocation.of("search", "--engine", "opensearch", "train");
        assertThat(noAddress.code()).isEqualTo(2);
        assertThat(noAddress.err()).contains("--opensearch URL");
        Invocation badAddress = Invocation.of("search", "--opensearch", "ftp://x", "train");
        assertThat(badAddress.code()).isEqualTo(2);
        assertThat(badAddress.err()).contains("'ftp://x'");
    }
}
