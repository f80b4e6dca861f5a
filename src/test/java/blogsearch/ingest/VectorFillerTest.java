package blogsearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.embed.Embedder;
import blogsearch.embed.Model;
import blogsearch.engine.Engine;
import blogsearch.engine.PostRecord;
import blogsearch.engine.VectorRecord;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import blogsearch.search.LuceneEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFillerTest {
    private static Embedder embedder;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        embedder = Embedder.open(Model.BGE_SMALL_EN_V15_Q);
    }

    @AfterAll
    static void unload() {
        embedder.close();
    }

    private static Post post(int n, String text) {
        return new Post(PostId.of("feed", "https://example.org/" + n, "", "", ""), "https://example.org/" + n,
                "Post " + n, "", Optional.empty(), Optional.empty(), List.of("notes"), "", "", "en", text, "");
    }

    @Test
    void postsAreSearchableAtOnceAndGetTheirVectorsAfterwardOnlyOnce() throws InterruptedException {
        try (Engine engine = LuceneEngine.open(dir.resolve("index"));
                VectorFiller filler = new VectorFiller(engine, embedder, 2)) {
            engine.put(List.of(new PostRecord(post(1, "sourdough bread rises overnight"), 11),
                    new PostRecord(post(2, "tuning garbage collection pauses"), 12)));
            engine.commit();
            engine.refresh();
            assertThat(engine.stats().posts()).isEqualTo(2);
            assertThat(engine.stats().withoutVector()).isEqualTo(2);

            assertThat(filler.fill(n -> {})).isEqualTo(2);
            engine.refresh();
            assertThat(engine.stats().withoutVector()).isZero();
            assertThat(engine.post(post(1, "").id()).orElseThrow().text()).isEqualTo("sourdough bread rises overnight");
            assertThat(filler.fill(n -> {})).as("nothing left to embed").isZero();

            engine.put(List.of(new PostRecord(post(2, "pauses of the garbage collector, tuned"), 13)));
            engine.commit();
            engine.refresh();
            assertThat(engine.stats().withoutVector()).as("an edited post lacks a vector again").isEqualTo(1);
            assertThat(filler.fill(n -> {})).isEqualTo(1);
        }
    }

    @Test
    void aVectorMadeFromAnOlderVersionOfAPostIsNotKept() {
        try (Engine engine = LuceneEngine.open(dir.resolve("index"))) {
            Post first = post(1, "first version");
            engine.put(List.of(new PostRecord(first, 1)));
            VectorRecord stale = new VectorRecord(first.id(), 1, embedder.query("first version"));
            engine.put(List.of(new PostRecord(post(1, "second version"), 2)));

            assertThat(engine.putVectors(List.of(stale))).isZero();
            engine.refresh();
            assertThat(engine.stats().withoutVector()).isEqualTo(1);
            assertThat(engine.post(first.id()).orElseThrow().text()).isEqualTo("second version");
        }
    }

    @Test
    void theCopiesThatVectorsReplacedAreDroppedAndNoLongerCountInTheRankingByWords() throws Exception {
        Path index = dir.resolve("index");
        try (Engine engine = LuceneEngine.open(index);
                VectorFiller filler = new VectorFiller(engine, embedder, 2)) {
            engine.put(IntStream.range(0, 20).mapToObj(i -> new PostRecord(post(i, "a loaf of rye, day " + i), i))
                    .toList());
            engine.commit();
            assertThat(filler.fill(n -> {})).isEqualTo(20);
            engine.put(IntStream.range(0, 5).mapToObj(i -> new PostRecord(post(i, "a loaf of spelt, day " + i), 100 + i))
                    .toList());
            engine.commit();
            assertThat(filler.fill(n -> {})).isEqualTo(5);
        }
        try (FSDirectory d = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(d)) {
            assertThat(reader.numDocs()).isEqualTo(20);
            assertThat(reader.numDeletedDocs()).isZero();
        }
    }
}
