package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.engine.BadRequest;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.Stats;
import blogsearch.index.PostIndex;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synonyms a site owner declares, applied to queries only: the same index answers with or without them. */
class SynonymsTest {
    private static final String RULES = """
            # words that stand for each other
            k8s, kubernetes
            ML, machine learning
            # one word searched as another
            js => javascript
            kubernetse => kubernetes
            """;

    @TempDir
    static Path dir;
    static PostIndex index;
    static SearchService plain;
    static SearchService withRules;
    static final Map<String, String> keyById = new HashMap<>();

    @BeforeAll
    static void build() throws Exception {
        index = PostIndex.open(dir.resolve("index"));
        put("kubernetes", "Upgrading Kubernetes", "Draining nodes one by one while the cluster keeps serving.");
        put("k8s", "A k8s cheat sheet", "The commands for pods and deployments I look up every week.");
        put("ml", "Machine learning on a laptop", "Training a small model without a graphics card.");
        put("javascript", "JavaScript modules", "Import maps and bundlers, compared.");
        put("js", "Notes on js", "A post that says js but never the long name.");
        index.commit();
        plain = new SearchService(index);
        Path file = dir.resolve("synonyms.txt");
        Files.writeString(file, RULES);
        withRules = new SearchService(index, Synonyms.load(file));
        withRules.refresh();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static void put(String key, String title, String text) {
        String id = PostId.of("synonyms-test", key, "", "", "");
        keyById.put(id, key);
        index.put(new Post(id, "https://example.org/" + key, title, "", Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
                Optional.empty(), List.of(), "Test", "https://example.org/feed", "en", text, text), 0);
    }

    private static List<String> keys(SearchService s, String query) {
        return s.search(SearchRequest.of(query)).hits().stream().map(h -> keyById.get(h.id())).sorted().toList();
    }

    @Test
    void wordsDeclaredAlikeFindEachOther() {
        assertThat(keys(plain, "k8s")).containsExactly("k8s");
        assertThat(keys(withRules, "k8s")).containsExactly("k8s", "kubernetes");
        assertThat(keys(withRules, "Kubernetes")).containsExactly("k8s", "kubernetes");
    }

    @Test
    void aRuleOfSeveralWordsIsAPhraseEitherWay() {
        assertThat(keys(plain, "ml")).isEmpty();
        assertThat(keys(withRules, "ml")).containsExactly("ml");
        assertThat(keys(withRules, "machine learning laptop")).containsExactly("ml");
    }

    @Test
    void anExplicitMappingSearchesTheOtherWordOnly() {
        assertThat(keys(plain, "js")).containsExactly("js");
        assertThat(keys(withRules, "js")).containsExactly("javascript");
    }

    @Test
    void aWordARuleKnowsIsNoTypo() {
        assertThat(plain.search(SearchRequest.of("kubernetse")).didYouMean()).contains("kubernetes");
        SearchResult r = withRules.search(SearchRequest.of("kubernetse"));
        assertThat(r.didYouMean()).isEmpty();
        assertThat(r.hits()).extracting(h -> keyById.get(h.id())).containsExactly("kubernetes");
    }

    @Test
    void theRulesInForceAreInTheStats() {
        assertThat(plain.stats().synonyms()).isEmpty();
        assertThat(withRules.stats().synonyms()).contains(new Stats.SynonymFile("synonyms.txt", 4));
    }

    @Test
    void aBrokenRuleIsBadInputNamingTheFileAndLine() throws Exception {
        Path broken = dir.resolve("broken.txt");
        Files.writeString(broken, "k8s, kubernetes\na => b => c\n");
        assertThatThrownBy(() -> Synonyms.load(broken)).isInstanceOf(BadRequest.class)
                .hasMessageContaining("broken.txt").hasMessageContaining("line 2");
        assertThatThrownBy(() -> Synonyms.load(dir.resolve("missing.txt"))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("missing.txt");
    }
}
