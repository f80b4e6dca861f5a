package blogsearch.search;

import blogsearch.index.PostSchema;
import blogsearch.index.TermCounts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
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

    private Feedback() {}

    /**
     * The query's best matches, the first {@value #WINDOW} re-ranked by the query expanded with the top words
     * of the best {@value #FEEDBACK_DOCS}.
     */
    static TopDocs rerank(IndexSearcher s, TopDocs first) throws IOException {
        Query expansion = expansion(s, first);
        if (expansion == null) {
            return first;
        }
        // The first pass already scored the query: only the expansion's words are looked up in the window.
        TopDocs reranked = Rescoring.head(s, first, WINDOW, expansion, (firstPass, matches, expanded) ->
                (1 - EXPANSION_WEIGHT) * firstPass + (matches ? EXPANSION_WEIGHT * EXPANSION_SCALE * expanded : 0));
        // The posts after the window get the score the same rule gives a post the expansion says nothing of: on
        // the window's scale, below it. With their first-pass scores kept whole, a post past the window could
        // outscore one re-ranked into it, and hybrid search, which scales and adds the scores, took them as such.
        ScoreDoc[] all = reranked.scoreDocs;
        for (int i = WINDOW; i < all.length; i++) {
            all[i] = new ScoreDoc(all[i].doc, (1 - EXPANSION_WEIGHT) * all[i].score, all[i].shardIndex);
        }
        return reranked;
    }

    /** The top words of the best {@value #FEEDBACK_DOCS} matches, weighted, or null if there are none. */
    private static Query expansion(IndexSearcher s, TopDocs top) throws IOException {
        if (top.scoreDocs.length < 2) {
            return null;
        }
        double norm = 0;
        float best = top.scoreDocs[0].score;
        ScoreDoc[] feedback = Arrays.copyOf(top.scoreDocs, Math.min(FEEDBACK_DOCS, top.scoreDocs.length));
        for (ScoreDoc sd : feedback) {
            norm += Math.exp(sd.score - best);
        }
        // By word; a word of another language's posts by its field too ("words@de haus"): it says nothing of English posts.
        Map<String, Double> weights = new HashMap<>();
        StoredFields stored = s.storedFields(); // one for all: each decompresses into buffers of its own
        for (ScoreDoc sd : feedback) {
            double docWeight = Math.exp(sd.score - best) / norm;
            TermCounts counts = TermCounts.read(stored, sd.doc);
            if (counts.tokens() == 0) {
                continue;
            }
            String prefix = counts.field().equals(PostSchema.WORDS) ? "" : counts.field() + " ";
            counts.counts().forEach((t, c) -> weights.merge(prefix + t, docWeight * c / counts.tokens(), Double::sum));
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(weights.entrySet());
        ranked.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        // Function words are frequent everywhere and say nothing about a topic (the index keeps most of them).
        List<Map.Entry<String, Double>> chosen = ranked.stream()
                .filter(e -> !Words.FUNCTION_TERMS.contains(e.getKey())).limit(EXPANSION_TERMS).toList();
        double sum = chosen.stream().mapToDouble(Map.Entry::getValue).sum();
        if (chosen.isEmpty() || sum <= 0) {
            return null;
        }
        BooleanQuery.Builder expansion = new BooleanQuery.Builder();
        for (Map.Entry<String, Double> e : chosen) {
            int space = e.getKey().indexOf(' ');
            Term term = space < 0 ? new Term(PostSchema.WORDS, e.getKey())
                    : new Term(e.getKey().substring(0, space), e.getKey().substring(space + 1));
            expansion.add(new BoostQuery(new TermQuery(term), (float) (e.getValue() / sum)),
                    Occur.SHOULD);
        }
        return expansion.build();
    }
}
