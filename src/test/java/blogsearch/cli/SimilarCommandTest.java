package blogsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blogsearch similar: related posts of one post, or of one post per line of a batch. */
class SimilarCommandTest {
    private static final String NOVA = "http://fewbar.com/2016/12/mr-nova-build-that-wall/";

    @TempDir
    static Path dir;
    static String index;

    @BeforeAll
    static void indexTheSample() {
        index = dir.resolve("index").toString();
        assertThat(Invocation.of("index", "--offline", "--index", index, "index-data/feeds").code()).isZero();
    }

    @Test
    void aPostByItsAddressListsItsRelatedPostsWithWhatTheyShare() {
        Invocation r = Invocation.of("similar", "--index", index, "--limit", "2", NOVA);
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("Posts like OpenStack's nova-compute's border").contains("  1. ", "  2. ")
                .doesNotContain("  3. ").contains("shares: ").doesNotContain(NOVA);
    }

    @Test
    void aBatchAnswersEveryLineAndNamesThePostsItDoesNotHave() throws Exception {
        Path batch = dir.resolve("posts.txt");
        Files.writeString(batch, NOVA + "\nhttps://nowhere.example/post/\n\n" + NOVA + "\n");
        Invocation r = Invocation.of("similar", "--index", index, "--batch", batch.toString(), "--json");
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.path("posts").size()).isPositive();
        assertThat(json.readTree(lines.get(1)).path("error").asText()).contains("https://nowhere.example/post/");
        assertThat(json.readTree(lines.get(2)).path("error").asText()).isNotEmpty();
        assertThat(json.readTree(lines.get(3))).isEqualTo(first);
    }

    @Test
    void noPostOrAnUnknownOneIsBadInput() {
        assertThat(Invocation.of("similar", "--index", index).code()).isEqualTo(2);
        Invocation unknown = Invocation.of("similar", "--index", index, "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no post with id or address 'nope'");
        assertThat(Invocation.of("similar", "--index", index, "--limit", "0", NOVA).code()).isEqualTo(2);
    }
}
