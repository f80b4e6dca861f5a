package blogsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Plain Lucene on a relevance test collection, as the yardstick for blogsearch's ranking: title and body in
 * one field analyzed by Lucene's EnglishAnalyzer, BM25 with its default parameters, each query an OR of the
 * words the analyzer keeps. Writes a TREC run of the best 100 per query.
 */
public final class RelevanceBaseline {
    public static final int DEPTH = 100;
    private static final String ID = "id";
    private static final String TEXT = "text";

    private RelevanceBaseline() {}

    /**
     * @param docs one {"id", "title", "body"} object per line
     * @param queries one {@code id<TAB>text} per line
     * @param run where the TREC run goes
     */
    public static void run(Path docs, Path queries, Path run, PrintWriter out) throws IOException {
        EnglishAnalyzer analyzer = new EnglishAnalyzer();
        ObjectMapper json = new ObjectMapper();
        try (Directory dir = new ByteBuffersDirectory()) {
            int n = 0;
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer));
                    BufferedReader in = Files.newBufferedReader(docs, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode d = json.readTree(line);
                    Document doc = new Document();
                    doc.add(new StoredField(ID, d.path("id").asText()));
                    doc.add(new TextField(TEXT, d.path("title").asText("") + "\n" + d.path("body").asText(""),
                            Field.Store.NO));
                    w.addDocument(doc);
                    n++;
                }
            }
            List<String> lines = Files.readAllLines(queries, StandardCharsets.UTF_8);
            int asked = 0;
            try (DirectoryReader reader = DirectoryReader.open(dir);
                    PrintWriter trec = new PrintWriter(Files.newBufferedWriter(run, StandardCharsets.UTF_8))) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String line : lines) {
                    int tab = line.indexOf('\t');
                    if (tab < 0) {
                        continue;
                    }
                    String qid = line.substring(0, tab).strip();
                    Query q = orOfWords(analyzer, line.substring(tab + 1));
                    TopDocs top = searcher.search(q, DEPTH);
                    int rank = 1;
                    for (ScoreDoc sd : top.scoreDocs) {
                        String id = searcher.storedFields().document(sd.doc).get(ID);
                        trec.printf("%s Q0 %s %d %.6f lucene-english%n", qid, id, rank++, sd.score);
                    }
                    asked++;
                }
            }
            out.printf("plain Lucene (EnglishAnalyzer, BM25): %,d documents, %,d queries, run in %s%n", n, asked, run);
            out.flush();
        }
    }

    /** Every word the analyzer keeps, each a term that may match; a repeated word counts again. */
    private static Query orOfWords(Analyzer analyzer, String text) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                b.add(new TermQuery(new Term(TEXT, term.toString())), Occur.SHOULD);
            }
            ts.end();
        }
        return b.build();
    }
}
