package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-ranking the head of a result list gives what Lucene's own rescorer gives, on several segments, for
 * phrases (whose positions are checked at the hits only) and for plain words.
 */
class RescoringTest {
    private static final String[] WORDS =
            {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"};
    private static final int WINDOW = 60;

    @TempDir
    static Path dir;
    static FSDirectory directory;
    static DirectoryReader reader;
    static IndexSearcher searcher;

    @BeforeAll
    static void build() throws IOException {
        directory = FSDirectory.open(dir);
        Random random = new Random(7);
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < 600; i++) {
                StringBuilder text = new StringBuilder();
                for (int w = 2 + random.nextInt(10); w > 0; w--) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                Document doc = new Document();
                doc.add(new TextField("body", text.toString(), Field.Store.NO));
                writer.addDocument(doc);
                if (i % 200 == 199) {
                    writer.commit(); // a segment each
                }
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Test
    void phrasePairsGiveWhatLucenesRescorerGives() throws IOException {
        assertThat(reader.leaves()).hasSize(3);
        Query pairs = new BooleanQuery.Builder()
                .add(new BoostQuery(new PhraseQuery(3, "body", "alpha", "beta"), 0.5f), Occur.SHOULD)
                .add(new BoostQuery(new PhraseQuery(3, "body", "beta", "gamma"), 0.5f), Occur.SHOULD)
                .build();
        assertSameAsLucene(words("alpha", "beta", "gamma"), pairs);
    }

    @Test
    void wordsGiveWhatLucenesRescorerGives() throws IOException {
        Query expansion = new BooleanQuery.Builder()
                .add(new BoostQuery(new TermQuery(new Term("body", "delta")), 0.7f), Occur.SHOULD)
                .add(new BoostQuery(new TermQuery(new Term("body", "zeta")), 0.3f), Occur.SHOULD)
                .build();
        assertSameAsLucene(words("epsilon"), expansion);
    }

    private static Query words(String... words) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String w : words) {
            b.add(new TermQuery(new Term("body", w)), Occur.SHOULD);
        }
        return b.build();
    }

    private static void assertSameAsLucene(Query first, Query second) throws IOException {
        TopDocs top = searcher.search(first, 200);
        assertThat(top.scoreDocs).hasSize(200);
        TopDocs ours = Rescoring.head(searcher, top, WINDOW, second,
                (f, matches, s) -> matches ? f + 2 * s : f - 1);
        TopDocs head = new QueryRescorer(second) {
            @Override
            protected float combine(float f, boolean matches, float s) {
                return matches ? f + 2 * s : f - 1;
            }
        }.rescore(searcher, new TopDocs(top.totalHits, copy(top.scoreDocs, WINDOW)), WINDOW); // it sets scores in place

        assertThat(Arrays.copyOf(docs(ours), WINDOW)).containsExactly(docs(head));
        assertThat(Arrays.copyOf(scores(ours), WINDOW)).containsExactly(scores(head));
        // The rest keep the first pass's order and scores.
        assertThat(Arrays.copyOfRange(docs(ours), WINDOW, 200))
                .containsExactly(Arrays.copyOfRange(docs(top), WINDOW, 200));
        assertThat(Arrays.copyOfRange(scores(ours), WINDOW, 200))
                .containsExactly(Arrays.copyOfRange(scores(top), WINDOW, 200));
        // Both kinds of hit were in the window: some matched the second query, some did not.
        long demoted = Arrays.stream(top.scoreDocs, 0, WINDOW).filter(sd -> Arrays.stream(head.scoreDocs)
                .anyMatch(h -> h.doc == sd.doc && h.score == sd.score - 1)).count();
        assertThat(demoted).isBetween(1L, WINDOW - 1L);
    }

    private static ScoreDoc[] copy(ScoreDoc[] docs, int n) {
        ScoreDoc[] copy = new ScoreDoc[n];
        for (int i = 0; i < n; i++) {
            copy[i] = new ScoreDoc(docs[i].doc, docs[i].score);
        }
        return copy;
    }

    private static int[] docs(TopDocs top) {
        return Arrays.stream(top.scoreDocs).mapToInt(sd -> sd.doc).toArray();
    }

    private static float[] scores(TopDocs top) {
        float[] s = new float[top.scoreDocs.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = top.scoreDocs[i].score;
        }
        return s;
    }
}
