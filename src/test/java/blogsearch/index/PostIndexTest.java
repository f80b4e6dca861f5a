package blogsearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blogsearch.engine.Engine;
import blogsearch.engine.IndexError;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostIndexTest {
    @TempDir
    Path dir;

    private Path path() {
        return dir.resolve("index");
    }

    private static Post post(int n) {
        return new Post(PostId.of("feed", "https://example.org/" + n, "", "", ""), "", "Post " + n, "",
                Optional.empty(), Optional.empty(), List.of(), "", "", "", "text " + n, "");
    }

    @Test
    void aReadOnlyIndexSeesCommitsOnlyWhileTheWriterSeesItsOwnWrites() {
        try (PostIndex writer = PostIndex.open(path())) {
            writer.put(post(1), 1);
            writer.commit();
            try (PostIndex reader = PostIndex.openReadOnly(path())) {
                assertThat(posts(reader)).isEqualTo(1);

                writer.put(post(2), 2);
                writer.refresh();
                reader.refresh();
                assertThat(posts(writer)).as("near-real-time").isEqualTo(2);
                assertThat(posts(reader)).as("not committed yet").isEqualTo(1);

                writer.commit();
                reader.refresh();
                assertThat(posts(reader)).isEqualTo(2);
            }
        }
    }

    @Test
    void puttingAPostAgainReplacesIt() {
        try (PostIndex index = PostIndex.open(path())) {
            index.put(post(1), 1);
            index.put(post(1), 2);
            index.commit();
            index.refresh();

            assertThat(posts(index)).isEqualTo(1);
            try (Engine.Snapshot snap = index.snapshot()) {
                assertThat(snap.hash(post(1).id())).hasValue(2);
            }
        }
    }

    @Test
    void closingWithoutACommitDropsWhatWasNotCommitted() {
        try (PostIndex index = PostIndex.open(path())) {
            index.put(post(1), 1);
            index.commit();
            index.put(post(2), 2);
        }
        try (PostIndex index = PostIndex.openReadOnly(path())) {
            assertThat(posts(index)).isEqualTo(1);
        }
    }

    @Test
    void aReadOnlyIndexRefusesWrites() {
        PostIndex.open(path()).close();
        try (PostIndex index = PostIndex.openReadOnly(path())) {
            assertThat(index.writable()).isFalse();
            assertThatThrownBy(() -> index.put(post(1), 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("read-only");
        }
    }

    @Test
    void aSecondWriterIsRefusedWithAMessageSayingWhy() {
        try (PostIndex first = PostIndex.open(path())) {
            assertThatThrownBy(() -> PostIndex.open(path())).isInstanceOf(IndexError.class)
                    .hasMessageContaining(path().toString()).hasMessageContaining("in use by another blogsearch");
            assertThat(first.writable()).isTrue();
        }
    }

    @Test
    void openingAMissingIndexReadOnlyCreatesNothing() {
        assertThatThrownBy(() -> PostIndex.openReadOnly(path())).isInstanceOf(IndexError.class)
                .hasMessageContaining("no index at " + path()).hasMessageContaining("blogsearch index");
        assertThat(path()).doesNotExist();
    }

    @Test
    void anIndexOfAnotherLayoutIsRefusedBothWays() throws IOException {
        try (FSDirectory d = FSDirectory.open(path());
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(PostSchema.analyzer()))) {
            w.setLiveCommitData(Map.of(PostSchema.VERSION_KEY, "0").entrySet());
            w.commit();
        }

        assertThatThrownBy(() -> PostIndex.open(path())).isInstanceOf(IndexError.class)
                .hasMessageContaining("layout version 0").hasMessageContaining("delete the folder");
        assertThatThrownBy(() -> PostIndex.openReadOnly(path())).isInstanceOf(IndexError.class)
                .hasMessageContaining("layout version 0");
    }

    @Test
    void theSizeIsWhatTheFilesTakeOnDisk() throws IOException {
        try (PostIndex index = PostIndex.open(path())) {
            for (int i = 0; i < 50; i++) {
                index.put(post(i), i);
            }
            index.commit();
            long expected;
            try (Stream<Path> files = Files.list(path())) {
                expected = files.mapToLong(f -> f.toFile().length()).sum();
            }
            assertThat(index.sizeInBytes()).isEqualTo(expected).isPositive();
        }
    }

    private static long posts(PostIndex index) {
        IndexSearcher s = index.acquire();
        try {
            return s.count(new TermQuery(PostSchema.postType()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            index.release(s);
        }
    }
}
