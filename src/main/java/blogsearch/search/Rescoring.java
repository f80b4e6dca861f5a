package blogsearch.search;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Rescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/** Re-ranking the best hits only: the rest keep the first pass's order, below them. */
final class Rescoring {
    private Rescoring() {}

    /**
     * {@code top} with its first {@code window} hits re-scored by {@code rescorer}. A rescorer that only
     * adds to scores keeps every re-scored hit above the ones after the window.
     */
    static TopDocs head(IndexSearcher s, TopDocs top, int window, Rescorer rescorer) throws IOException {
        int w = Math.min(window, top.scoreDocs.length);
        TopDocs head = rescorer.rescore(s, new TopDocs(top.totalHits, Arrays.copyOf(top.scoreDocs, w)), w);
        ScoreDoc[] all = Arrays.copyOf(head.scoreDocs, top.scoreDocs.length);
        System.arraycopy(top.scoreDocs, w, all, w, top.scoreDocs.length - w);
        return new TopDocs(top.totalHits, all);
    }
}
