package blogsearch.search;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * What searches learn about one reader and ask again and again: document frequencies (each lookup seeks
 * the term dictionary of every segment; long questions ask about the same common words query after query) and
 * how words are respelled (an unknown word costs an edit-distance automaton per dictionary field, about a
 * millisecond). Both maps start over when full, so they stay at a few megabytes.
 */
final class ReaderMemo {
    static final int MAX_ENTRIES = 50_000;

    /** How a word is respelled, if at all. */
    interface Respelling {
        Optional<String> compute() throws IOException;
    }

    private final IndexReader reader;
    private final Map<Term, Integer> docFreqs = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> respellings = new ConcurrentHashMap<>();

    ReaderMemo(IndexReader reader) {
        this.reader = reader;
    }

    int docFreq(Term term) throws IOException {
        Integer df = docFreqs.get(term);
        if (df == null) {
            df = reader.docFreq(term);
            remember(docFreqs, term, df);
        }
        return df;
    }

    Optional<String> respelling(String key, Respelling respelling) throws IOException {
        Optional<String> known = respellings.get(key);
        if (known == null) {
            known = respelling.compute();
            remember(respellings, key, known);
        }
        return known;
    }

    private static <K, V> void remember(Map<K, V> map, K key, V value) {
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
        map.put(key, value);
    }
}
