package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.TestFiles;
import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A feed from the test resources, indexed through the real pipeline into an index on disk before a test class runs,
 * and its search; the index is closed and deleted after the class. Register it with {@code @RegisterExtension}.
 */
final class FixtureIndex implements BeforeAllCallback, AfterAllCallback {
    private final String feed;
    private final int posts;
    private Path dir;
    private PostIndex index;
    private SearchService service;

    /** The resource {@code feed} (a path under the test resources), which must give {@code posts} posts. */
    FixtureIndex(String feed, int posts) {
        this.feed = feed;
        this.posts = posts;
    }

    SearchService service() {
        return service;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("blogsearch-fixture-");
        Path file = dir.resolve(Path.of(feed).getFileName().toString());
        try (InputStream in = FixtureIndex.class.getResourceAsStream(feed)) {
            Files.copy(in, file);
        }
        index = PostIndex.open(dir.resolve("index"));
        Summary summary = new Indexer(new LuceneEngine(index), Indexer.Options.defaults().withOffline(true),
                Indexer.Listener.NONE).run(List.of(file.toString()));
        assertThat(summary.added()).as("%s", summary).isEqualTo(posts);
        index.refresh();
        service = new SearchService(index);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (index != null) {
            index.close();
        }
        TestFiles.delete(dir);
    }
}
