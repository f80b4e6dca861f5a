package blogsearch.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.OpenSearchCluster;
import blogsearch.index.PostSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test cluster itself: three nodes, and the language analyzers the mapping relies on. */
@ExtendWith(OpenSearchCluster.class)
class ClusterIT {
    @Test
    void threeNodesAnswerAndStemEnglish() throws Exception {
        OpenSearchCluster cluster = OpenSearchCluster.shared();
        HttpClient http = HttpClient.newHttpClient();
        String nodes = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/_cat/nodes?h=name")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(nodes.strip().split("\n")).hasSize(OpenSearchCluster.NODES);
        String analyzed = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/_analyze"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"analyzer\":\"english\",\"text\":\"indexing posts\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(analyzed).contains("\"index\"").contains("\"post\"");
    }

    @Test
    void everyLanguageTheEmbeddedEngineAnalyzesHasItsNamedAnalyzerOnTheNode() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> codes = new TreeSet<>(PostSchema.stemmedLanguages());
        codes.addAll(PostSchema.segmentedLanguages());
        for (String code : codes) {
            String analyzer = Mapping.analyzer(code);
            if (analyzer.equals(Mapping.PLAIN)) {
                continue; // the index's own, defined in its settings
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(OpenSearchCluster.shared().url()
                    + "/_analyze")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"analyzer\":\"" + analyzer + "\",\"text\":\"words\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s for %s: %s", analyzer, code, r.body()).isEqualTo(200);
        }
    }
}
