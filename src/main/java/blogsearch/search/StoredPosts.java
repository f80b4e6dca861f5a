package blogsearch.search;

import blogsearch.engine.HighlightedPost;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult.Hit;
import blogsearch.index.PostSchema;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Posts read back from the index: found by id or URL, whole or with a query's matches marked, and a page of
 * hits with marked titles and snippets.
 */
final class StoredPosts {
    /** A post's text is at most a million characters: a whole post is marked up to its end. */
    private static final int MAX_POST_CHARS = 1_000_001;
    /** What a hit shows, and the text its snippet comes from. */
    private static final Set<String> WITH_TEXT = Stream.concat(PostSchema.summaryFields().stream(),
            Stream.of(PostSchema.BODY)).collect(Collectors.toUnmodifiableSet());

    private StoredPosts() {}

    /**
     * The document of the post with this id, or this URL. A page's URL often differs from the feed's link in
     * small ways (http or https, a trailing slash, a fragment), so those variants are tried too.
     */
    static Optional<Integer> find(IndexSearcher s, String idOrUrl) {
        String key = idOrUrl.strip();
        if (key.isEmpty() || key.length() > 2_000) {
            return Optional.empty();
        }
        List<Term> candidates = new ArrayList<>();
        if (PostId.isValid(key)) {
            candidates.add(PostSchema.idTerm(key));
        } else {
            PostId.urlVariants(key).forEach(u -> candidates.add(PostSchema.urlTerm(u)));
        }
        try {
            for (Term term : candidates) {
                TopDocs top = s.search(new TermQuery(term), 1);
                if (top.scoreDocs.length > 0) {
                    return Optional.of(top.scoreDocs[0].doc);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole post in {@code doc}. */
    static Post whole(IndexSearcher s, int doc) {
        return PostSchema.toPost(stored(storedFields(s), doc, null));
    }

    /** The post in {@code doc} without its text, as lists show it. */
    static Post summary(StoredFields sf, int doc) {
        return PostSchema.toPost(stored(sf, doc, PostSchema.summaryFields()));
    }

    /** The post in {@code doc} with its text, as lists show it. */
    static Post withText(StoredFields sf, int doc) {
        return PostSchema.toPost(stored(sf, doc, WITH_TEXT));
    }

    /** The whole post with this id or URL, with every match of {@code query} marked in its title and text. */
    static Optional<HighlightedPost> highlighted(IndexSearcher s, Generation g, Synonyms synonyms, String idOrUrl,
            String query) {
        return find(s, idOrUrl).map(doc -> {
            Post post = whole(s, doc);
            Query marked = Queries.build(synonyms.expand(UserQuery.parse(query)), Queries.Ranking.RELEVANCE,
                    g.vocabulary).highlight();
            String title = highlightOne(s, PostSchema.inLanguage(PostSchema.TITLE, post.language()), marked, doc,
                    post.title().length());
            String body = highlightOne(s, PostSchema.inLanguage(PostSchema.BODY, post.language()), marked, doc,
                    post.text().length());
            return new HighlightedPost(post, title == null ? Html.escape(post.displayTitle()) : title,
                    body == null ? Html.escape(post.text()) : body);
        });
    }

    /** The hits of the requested page among {@code top}, with {@code highlight} marked in titles and snippets. */
    static List<Hit> hits(IndexSearcher s, Generation g, TopDocs top, Query highlight, SearchRequest request) {
        int from = (request.page() - 1) * request.size();
        if (from >= top.scoreDocs.length) {
            return List.of();
        }
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
        int[] docs = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            docs[i] = page[i].doc;
        }
        boolean mark = !highlight.toString().isEmpty();
        // One read per hit serves both the hit and its snippet (see Snippets).
        Set<String> fields = mark ? WITH_TEXT : PostSchema.summaryFields();
        StoredFields sf = storedFields(s);
        Document[] stored = new Document[docs.length];
        for (int i = 0; i < docs.length; i++) {
            stored[i] = stored(sf, docs[i], fields);
        }
        Map<String, String[]> marked = mark ? g.snippets.mark(highlight, docs, stored) : Map.of();
        String[] titles = marked.getOrDefault(PostSchema.TITLE, new String[docs.length]);
        String[] snippets = marked.getOrDefault(PostSchema.BODY, new String[docs.length]);
        List<Hit> hits = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            Post p = PostSchema.toPost(stored[i]);
            hits.add(new Hit(p.id(), p.url(), p.displayTitle(),
                    titles[i] != null ? titles[i] : Html.escape(p.displayTitle()),
                    p.author(), p.feedTitle(), p.published(), p.tags(),
                    snippets[i] != null ? snippets[i] : Html.escape(p.summary()), score(page[i])));
        }
        return hits;
    }

    /**
     * A reader of stored fields, to use for every document of one result: each one decompresses into
     * buffers of its own, and a new one per document was a tenth of all the memory a search allocated.
     */
    static StoredFields storedFields(IndexSearcher s) {
        try {
            return s.storedFields();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document stored(StoredFields sf, int doc, Set<String> fields) {
        try {
            return fields == null ? sf.document(doc) : sf.document(doc, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text score, without the constant that puts posts with every word first. */
    private static float score(ScoreDoc sd) {
        if (Float.isNaN(sd.score)) {
            return 0f;
        }
        return sd.score >= Queries.ALL_WORDS_BOOST ? sd.score - Queries.ALL_WORDS_BOOST : sd.score;
    }

    /** {@code field}'s matches marked in the whole of the text it analyzes (a language's field, the English one's). */
    private static String highlightOne(IndexSearcher s, String field, Query q, int doc, int length) {
        try {
            UnifiedHighlighter h = new UnifiedHighlighter(UnifiedHighlighter.builder(s, PostSchema.analyzer())
                    .withBreakIterator(WholeBreakIterator::new)
                    .withFormatter(new MarkFormatter(0))
                    .withMaxLength(Math.max(1, Math.min(length + 1, MAX_POST_CHARS)))
                    .withMaxNoHighlightPassages(0)) {
                @Override
                protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int threshold)
                        throws IOException {
                    return super.loadFieldValues(new String[] {PostSchema.storedIn(field)}, docs, threshold);
                }
            };
            return h.highlightFields(new String[] {field}, q, new int[] {doc}, new int[] {1}).get(field)[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vector stored with {@code doc}, or null if it has none yet. */
    static float[] vector(IndexSearcher s, int doc) throws IOException {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(PostSchema.VECTOR);
        if (values == null) {
            return null;
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        int target = doc - leaf.docBase;
        return it.advance(target) == target ? values.vectorValue(it.index()).clone() : null;
    }
}
