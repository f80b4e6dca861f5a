package blogsearch.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * Document frequencies of one searcher's reader, remembered. Each lookup seeks the term dictionary of
 * every segment; spelling and feedback ask about the same common words query after query, and those
 * seeks were a large part of their cost.
 */
final class DocFreqs {
    /** A few megabytes at most; the map starts over when full. */
    static final int MAX_ENTRIES = 50_000;

    private final IndexReader reader;
    private final Map<Term, Integer> known = new ConcurrentHashMap<>();

    DocFreqs(IndexReader reader) {
        this.reader = reader;
    }

    int get(Term term) throws IOException {
        Integer df = known.get(term);
        if (df == null) {
            df = reader.docFreq(term);
            if (known.size() >= MAX_ENTRIES) {
                known.clear();
            }
            known.put(term, df);
        }
        return df;
    }
}
