package blogsearch.search;

import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Titles marked whole and body snippets for a page of hits. One per searcher: it is thread-safe, and
 * making one per search merged every segment's field list each time.
 *
 * <p>The text comes from the documents the caller already read for the hits. Reading a stored post
 * decompresses the block it sits in; the highlighter reading each hit a second time was a sixth of
 * a search for a rare word.
 *
 * <p>A post in another language has its matches in its language's fields ({@code body@de}), whose offsets point
 * into the text stored in the English ones: each is marked with that text, so marks wrap the words its language's
 * analysis found (a Chinese word of two characters, a German compound).
 */
final class Snippets extends UnifiedHighlighter {
    static final int PASSAGES = 2;
    static final int PASSAGE_CHARS = 120;
    static final int MAX_CHARS = 200_000;

    private final MarkFormatter titleFormat = new MarkFormatter(0);
    private final MarkFormatter snippetFormat = new MarkFormatter(PASSAGE_CHARS * 3 / 2);
    private final SnippetScorer scorer = new SnippetScorer();
    /** Title and body, then each language's title and body; and how many passages each gives. */
    private final String[] fields;
    private final int[] passages;
    /** The page this thread is marking: set only for the length of {@link #mark}. */
    private final ThreadLocal<Page> page = new ThreadLocal<>();

    private record Page(Map<Integer, Document> docs, boolean phrases) {}

    Snippets(IndexSearcher searcher) {
        super(UnifiedHighlighter.builder(searcher, PostSchema.analyzer())
                .withMaxLength(MAX_CHARS)
                .withMaxNoHighlightPassages(0));
        List<String> f = new ArrayList<>(List.of(PostSchema.TITLE, PostSchema.BODY));
        for (String language : PostSchema.languages(searcher.getIndexReader())) {
            f.add(PostSchema.inLanguage(PostSchema.TITLE, language));
            f.add(PostSchema.inLanguage(PostSchema.BODY, language));
        }
        this.fields = f.toArray(String[]::new);
        this.passages = f.stream().mapToInt(n -> isTitle(n) ? 1 : PASSAGES).toArray();
    }

    private static boolean isTitle(String field) {
        return PostSchema.storedIn(field).equals(PostSchema.TITLE);
    }

    /**
     * Marked titles and snippets, by field, parallel to {@code docs}; null where nothing matched.
     * {@code stored[i]} must hold the title and body of {@code docs[i]}.
     */
    Map<String, String[]> mark(Query q, int[] docs, Document[] stored) {
        Map<Integer, Document> byDoc = new HashMap<>();
        for (int i = 0; i < docs.length; i++) {
            byDoc.put(docs[i], stored[i]);
        }
        page.set(new Page(byDoc, hasPhrase(q)));
        try {
            Map<String, String[]> byField = highlightFields(fields, expanded(q), docs, passages);
            // Each post has its marks in one language's fields at most: gathered under the English names.
            Map<String, String[]> marked = new HashMap<>();
            for (String field : fields) {
                String[] m = byField.get(field);
                String[] into = marked.computeIfAbsent(PostSchema.storedIn(field), k -> new String[docs.length]);
                for (int i = 0; i < docs.length; i++) {
                    if (into[i] == null) {
                        into[i] = m[i];
                    }
                }
            }
            return marked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            page.remove();
        }
    }

    /**
     * {@code q} with its prefixes expanded to the words the search took. Left as they are, the highlighter would
     * analyze each post's whole text again to find their words; expanded, they are found in the index like any word.
     * Past Lucene's limit on clauses, the slow way it is.
     */
    private Query expanded(Query q) throws IOException {
        try {
            return searcher.rewrite(q);
        } catch (IndexSearcher.TooManyClauses e) {
            return q;
        }
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
            throws IOException {
        Page p = page.get();
        if (p == null) {
            return super.loadFieldValues(fields, docs, cacheCharsThreshold);
        }
        List<CharSequence[]> values = new ArrayList<>();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            Document d = p.docs().get(doc);
            CharSequence[] v = new CharSequence[fields.length];
            for (int f = 0; f < fields.length; f++) {
                String text = d == null ? null : d.get(PostSchema.storedIn(fields[f]));
                v[f] = text == null || text.length() <= getMaxLength() ? text : text.substring(0, getMaxLength());
            }
            values.add(v);
        }
        return values;
    }

    /**
     * Phrases need the query's own matches to be marked whole; plain words and prefixes do not, and are
     * found faster term by term, without building the query for every hit.
     */
    @Override
    protected Set<HighlightFlag> getFlags(String field) {
        Set<HighlightFlag> flags = super.getFlags(field);
        Page p = page.get();
        if (p == null || p.phrases() || !flags.contains(HighlightFlag.WEIGHT_MATCHES)) {
            return flags;
        }
        Set<HighlightFlag> termByTerm = EnumSet.copyOf(flags);
        termByTerm.remove(HighlightFlag.WEIGHT_MATCHES);
        return termByTerm;
    }

    private static boolean hasPhrase(Query q) {
        boolean[] found = {false};
        q.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... terms) {
                found[0] |= terms.length > 1;
            }
        });
        return found[0];
    }

    @Override
    protected BreakIterator getBreakIterator(String field) {
        // Passages of about the goal length cut at spaces: a sentence iterator scans the whole text.
        return isTitle(field) ? new WholeBreakIterator()
                : LengthGoalBreakIterator.createClosestToLength(
                        new CustomSeparatorBreakIterator(' '), PASSAGE_CHARS, 0.3f);
    }

    @Override
    protected PassageFormatter getFormatter(String field) {
        return isTitle(field) ? titleFormat : snippetFormat;
    }

    @Override
    protected PassageScorer getScorer(String field) {
        return scorer;
    }
}
