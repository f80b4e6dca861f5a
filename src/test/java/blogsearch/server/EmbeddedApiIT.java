package blogsearch.server;

import blogsearch.engine.Engine;
import blogsearch.search.LuceneEngine;
import java.nio.file.Path;

/** The API's promises kept by the embedded engine. */
class EmbeddedApiIT extends SearchApiContract {
    @Override
    protected Engine engine(Path dir) {
        return LuceneEngine.open(dir.resolve("index"));
    }
}
