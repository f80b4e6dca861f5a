package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.index.PostIndex;
import blogsearch.ingest.Indexer;
import blogsearch.ingest.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A feed from the test resources, indexed through the real pipeline into an index on disk, and its search. */
record FixtureIndex(PostIndex index, SearchService service) implements AutoCloseable {

    /** Indexes the resource {@code feed} (a path under the test resources) in {@code dir}; it must hold {@code posts}. */
    static FixtureIndex of(Path dir, String feed, int posts) throws IOException {
        Path file = dir.resolve(Path.of(feed).getFileName().toString());
        try (InputStream in = FixtureIndex.class.getResourceAsStream(feed)) {
            Files.copy(in, file);
        }
        PostIndex index = PostIndex.open(dir.resolve("index"));
        Summary summary = new Indexer(new LuceneEngine(index), Indexer.Options.defaults().withOffline(true),
                Indexer.Listener.NONE).run(List.of(file.toString()));
        assertThat(summary.added()).as("%s", summary).isEqualTo(posts);
        index.refresh();
        return new FixtureIndex(index, new SearchService(index));
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
