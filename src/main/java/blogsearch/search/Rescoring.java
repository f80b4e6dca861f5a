package blogsearch.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/** Re-ranking the best hits only: the rest keep the first pass's order, below them. */
final class Rescoring {
    /** A hit's new score from its first-pass score and what the second query says of it. */
    interface Combine {
        float score(float first, boolean matches, float second);
    }

    private static final Comparator<ScoreDoc> BY_SCORE =
            Comparator.comparingDouble((ScoreDoc sd) -> -sd.score).thenComparingInt(sd -> sd.doc);

    private Rescoring() {}

    /**
     * {@code top} with its first {@code window} hits re-scored by {@code query}. A combination that only adds
     * to scores keeps every re-scored hit above the ones after the window.
     */
    static TopDocs head(IndexSearcher s, TopDocs top, int window, Query query, Combine combine) throws IOException {
        int w = Math.min(window, top.scoreDocs.length);
        ScoreDoc[] head = new ScoreDoc[w];
        for (int i = 0; i < w; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            head[i] = new ScoreDoc(sd.doc, sd.score, sd.shardIndex);
        }
        Arrays.sort(head, Comparator.comparingInt(sd -> sd.doc));
        Weight weight = s.createWeight(s.rewrite(query), ScoreMode.COMPLETE, 1f);
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        for (int i = 0; i < w; ) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(head[i].doc, leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            Scorer scorer = weight.scorer(leaf);
            // Positions (a phrase's) are checked at the hits only. Advancing the scorer's own iterator would
            // check every candidate up to the next one that matches: most of the cost for phrases that don't.
            TwoPhaseIterator twoPhase = scorer == null ? null : scorer.twoPhaseIterator();
            DocIdSetIterator candidates = scorer == null ? null : twoPhase != null ? twoPhase.approximation()
                    : scorer.iterator();
            for (; i < w && head[i].doc < end; i++) {
                int target = head[i].doc - leaf.docBase;
                boolean matches = false;
                if (candidates != null) {
                    int doc = candidates.docID() < target ? candidates.advance(target) : candidates.docID();
                    matches = doc == target && (twoPhase == null || twoPhase.matches());
                }
                head[i].score = combine.score(head[i].score, matches, matches ? scorer.score() : 0f);
            }
        }
        Arrays.sort(head, BY_SCORE);
        ScoreDoc[] all = Arrays.copyOf(head, top.scoreDocs.length);
        System.arraycopy(top.scoreDocs, w, all, w, top.scoreDocs.length - w);
        return new TopDocs(top.totalHits, all);
    }
}
