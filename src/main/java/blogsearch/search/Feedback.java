package blogsearch.search;

import blogsearch.index.PostSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Pseudo-relevance feedback (RM3) for long queries: the words that dominate the best few matches are
 * added, softly, to the query. A question like "what problems of heat conduction in composite slabs have
 * been solved" then also ranks higher the posts that also say "thermal" or "laminate". Expansion only
 * re-ranks the best {@value #WINDOW} matches of the original query: what matches, and the order beyond the
 * window, stay the query's own, and re-scoring fifty posts costs far less than a second search over all.
 */
final class Feedback {
    static final int FEEDBACK_DOCS = 10;
    /** How many of the query's best matches the expanded query re-ranks. */
    static final int WINDOW = 50;
    static final int EXPANSION_TERMS = 20;
    /** Share of the final score that comes from the expansion. */
    static final float EXPANSION_WEIGHT = 0.5f;
    /** Expansion weights sum to one; this scales them to the size of a query word's weight. */
    static final float EXPANSION_SCALE = 10f;
    /** Words in more than this share of posts say nothing about a topic. */
    static final double MAX_DOC_SHARE = 0.1;

    private Feedback() {}

    /**
     * The query's best matches, the first {@value #WINDOW} re-ranked by the query expanded with the top words
     * of the best {@value #FEEDBACK_DOCS}.
     */
    static TopDocs rerank(IndexSearcher s, TopDocs first, ReaderMemo memo) throws IOException {
        Query expansion = expansion(s, first, memo);
        if (expansion == null) {
            return first;
        }
        // The first pass already scored the query: only the expansion's words are looked up in the window.
        return Rescoring.head(s, first, WINDOW, expansion, (firstPass, matches, expanded) ->
                (1 - EXPANSION_WEIGHT) * firstPass + (matches ? EXPANSION_WEIGHT * EXPANSION_SCALE * expanded : 0));
    }

    /** The top words of the best {@value #FEEDBACK_DOCS} matches, weighted, or null if there are none. */
    private static Query expansion(IndexSearcher s, TopDocs top, ReaderMemo memo) throws IOException {
        if (top.scoreDocs.length < 2) {
            return null;
        }
        IndexReader reader = s.getIndexReader();
        double norm = 0;
        float best = top.scoreDocs[0].score;
        ScoreDoc[] feedback = Arrays.copyOf(top.scoreDocs, Math.min(FEEDBACK_DOCS, top.scoreDocs.length));
        for (ScoreDoc sd : feedback) {
            norm += Math.exp(sd.score - best);
        }
        Map<String, Double> weights = new HashMap<>();
        StoredFields stored = s.storedFields(); // one for all: each decompresses into buffers of its own
        for (ScoreDoc sd : feedback) {
            double docWeight = Math.exp(sd.score - best) / norm;
            PostSchema.TermCounts counts = PostSchema.termCounts(stored, sd.doc);
            if (counts.tokens() == 0) {
                continue;
            }
            counts.counts().forEach((t, c) -> weights.merge(t, docWeight * c / counts.tokens(), Double::sum));
        }
        // Posts, not all documents: feed bookkeeping documents have no body.
        int maxDf = (int) Math.max(1, reader.getDocCount(PostSchema.BODY) * MAX_DOC_SHARE);
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(weights.entrySet());
        ranked.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        // Looking up a term's document frequency costs a dictionary seek per segment, and was 40% of the cost
        // of feedback: only the best candidates are looked up, in order, until enough pass (and remembered).
        List<Map.Entry<String, Double>> chosen = new ArrayList<>();
        for (Map.Entry<String, Double> e : ranked) {
            if (chosen.size() == EXPANSION_TERMS) {
                break;
            }
            if (memo.docFreq(new Term(PostSchema.BODY, e.getKey())) <= maxDf) {
                chosen.add(e);
            }
        }
        double sum = chosen.stream().mapToDouble(Map.Entry::getValue).sum();
        if (chosen.isEmpty() || sum <= 0) {
            return null;
        }
        BooleanQuery.Builder expansion = new BooleanQuery.Builder();
        for (Map.Entry<String, Double> e : chosen) {
            expansion.add(new BoostQuery(Queries.analyzedWord(e.getKey()), (float) (e.getValue() / sum)), Occur.SHOULD);
        }
        return expansion.build();
    }
}
