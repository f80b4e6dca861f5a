package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.embed.Embedder;
import blogsearch.embed.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A query is embedded behind the model's query prefix, unless it is as long as a passage. */
class QueryVectorsTest {
    private static Embedder embedder;
    private static QueryVectors vectors;

    @BeforeAll
    static void open() {
        embedder = Embedder.open(Model.INDEXED);
        vectors = QueryVectors.of(embedder);
    }

    @AfterAll
    static void close() {
        vectors.close();
        embedder.close();
    }

    @Test
    void aQueryOfAFewWordsIsEmbeddedAsAQuery() {
        String query = "how to keep sourdough starter alive";

        assertThat(vectors.vector(query)).isEqualTo(embedder.query(query)).isNotEqualTo(embedder.passage(query));
    }

    @Test
    void aQueryLongerThanASearchByWordsTakesIsEmbeddedAsAPassage() {
        String letter = "word ".repeat(Queries.MAX_WORDS) + "more";
        String limit = "word ".repeat(Queries.MAX_WORDS).strip();

        assertThat(vectors.vector(letter)).isEqualTo(embedder.passage(letter)).isNotEqualTo(embedder.query(letter));
        assertThat(vectors.vector(limit)).isEqualTo(embedder.query(limit));
    }
}
