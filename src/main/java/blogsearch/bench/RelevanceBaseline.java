package blogsearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
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
 * Plain Lucene on a relevance test collection, as the yardstick for blogsearch: title and body analyzed by
 * Lucene's EnglishAnalyzer, BM25 with its default parameters. For questions, each an OR of the words the
 * analyzer keeps; for related documents, MoreLikeThis with its default settings over the title and body of
 * the document being read. Writes a TREC run of the best 100 per question or document.
 */
public final class RelevanceBaseline {
    public static final int DEPTH = 100;
    private static final String ID = "id";
    private static final String POSITION = "position";
    private static final String TEXT = "text";
    private static final String TITLE = "title";
    private static final String BODY = "body";

    private RelevanceBaseline() {}

    /**
     * @param docs one {"id", "title", "body"} object per line
     * @param queries one {@code id<TAB>text} per line
     * @param run where the TREC run goes
     */
    public static void run(Path docs, Path queries, Path run, PrintWriter out) throws IOException {
        EnglishAnalyzer analyzer = new EnglishAnalyzer();
        try (Directory dir = index(docs, analyzer);
                DirectoryReader reader = DirectoryReader.open(dir);
                PrintWriter trec = new PrintWriter(Files.newBufferedWriter(run, StandardCharsets.UTF_8))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            int asked = 0;
            for (String[] q : tabbed(queries)) {
                write(trec, searcher, q[0], searcher.search(orOfWords(analyzer, q[1]), DEPTH));
                asked++;
            }
            out.printf("plain Lucene (EnglishAnalyzer, BM25): %,d documents, %,d queries, run in %s%n",
                    reader.numDocs(), asked, run);
            out.flush();
        }
    }

    /**
     * @param seeds one {@code id<TAB>document id} per line: the document being read
     * @param run where the TREC run of its related documents goes (the document itself left out)
     */
    public static void related(Path docs, Path seeds, Path run, PrintWriter out) throws IOException {
        EnglishAnalyzer analyzer = new EnglishAnalyzer();
        try (Directory dir = index(docs, analyzer);
                DirectoryReader reader = DirectoryReader.open(dir);
                PrintWriter trec = new PrintWriter(Files.newBufferedWriter(run, StandardCharsets.UTF_8))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Map<String, Integer> docNumbers = new HashMap<>();
            for (int i = 0; i < reader.maxDoc(); i++) {
                docNumbers.put(searcher.storedFields().document(i).get(ID), i);
            }
            MoreLikeThis mlt = new MoreLikeThis(reader);
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(new String[] {TITLE, BODY});
            int asked = 0;
            for (String[] seed : tabbed(seeds)) {
                Integer doc = docNumbers.get(seed[1]);
                if (doc == null) {
                    throw new IOException(seeds + ": no document " + seed[1]);
                }
                Query q = new BooleanQuery.Builder().add(mlt.like(doc), Occur.SHOULD)
                        .add(new TermQuery(new Term(ID, seed[1])), Occur.MUST_NOT).build();
                write(trec, searcher, seed[0], searcher.search(q, DEPTH));
                asked++;
            }
            out.printf("Lucene MoreLikeThis (defaults, title and body): %,d documents, %,d read, run in %s%n",
                    reader.numDocs(), asked, run);
            out.flush();
        }
    }

    /** For each question, its best {@code depth} documents (as positions in {@code docs}) and their scores. */
    static List<ScoreDoc[]> rank(List<TestCollection.Doc> docs, List<TestCollection.Question> questions, int depth)
            throws IOException {
        EnglishAnalyzer analyzer = new EnglishAnalyzer();
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < docs.size(); i++) {
                    Document doc = new Document();
                    doc.add(new StoredField(POSITION, i));
                    doc.add(new TextField(TEXT, docs.get(i).title() + "\n" + docs.get(i).body(), Field.Store.NO));
                    w.addDocument(doc);
                }
            }
            List<ScoreDoc[]> out = new ArrayList<>();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (TestCollection.Question question : questions) {
                    ScoreDoc[] top = searcher.search(orOfWords(analyzer, question.text()), depth).scoreDocs;
                    for (ScoreDoc sd : top) {
                        sd.doc = searcher.storedFields().document(sd.doc).getField(POSITION).numericValue().intValue();
                    }
                    out.add(top);
                }
            }
            return out;
        }
    }

    private static Directory index(Path docs, Analyzer analyzer) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer));
                BufferedReader in = Files.newBufferedReader(docs, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = json.readTree(line);
                String title = d.path("title").asText("");
                String body = d.path("body").asText("");
                Document doc = new Document();
                doc.add(new StringField(ID, d.path("id").asText(), Field.Store.YES));
                doc.add(new TextField(TEXT, title + "\n" + body, Field.Store.NO));
                // Stored, so that MoreLikeThis can analyze a document's own fields again.
                doc.add(new TextField(TITLE, title, Field.Store.YES));
                doc.add(new TextField(BODY, body, Field.Store.YES));
                w.addDocument(doc);
            }
        }
        return dir;
    }

    private static List<String[]> tabbed(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> l.indexOf('\t') > 0)
                .map(l -> new String[] {l.substring(0, l.indexOf('\t')).strip(), l.substring(l.indexOf('\t') + 1)})
                .toList();
    }

    private static void write(PrintWriter trec, IndexSearcher searcher, String qid, TopDocs top) throws IOException {
        int rank = 1;
        for (ScoreDoc sd : top.scoreDocs) {
            String id = searcher.storedFields().document(sd.doc).get(ID);
            trec.printf("%s Q0 %s %d %.6f lucene%n", qid, id, rank++, sd.score);
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
