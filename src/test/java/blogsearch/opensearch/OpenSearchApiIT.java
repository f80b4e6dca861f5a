package blogsearch.opensearch;

import blogsearch.OpenSearchCluster;
import blogsearch.engine.Engine;
import blogsearch.server.SearchApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API's promises kept by the OpenSearch engine, on the test cluster (three shards, one replica each). */
@ExtendWith(OpenSearchCluster.class)
class OpenSearchApiIT extends SearchApiContract {
    @Override
    protected Engine engine(Path dir) {
        return OpenSearchEngine.open(OpenSearchEngine.Options.of(OpenSearchCluster.shared().url(), "api", 3, 1));
    }
}
