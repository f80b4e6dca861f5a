package blogsearch.index;

import blogsearch.engine.Dimension;
import blogsearch.feed.FetchState;
import blogsearch.post.Post;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StoredValue;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * The only place that knows how a post is laid out in Lucene: field names, analyzers, facets,
 * and the conversions Post to Document and back.
 *
 * <p>Text is indexed as stemmed English (title, body, tags) so "indexing" finds "indexed". Titles are also
 * indexed exactly (lower-cased, accents folded, no stemming, no stop words) for as-you-type completion and
 * exact title phrases. The body is analyzed once (its stemmed words also go into the ranking field
 * {@link #WORDS}); an unstemmed copy of every post's text would nearly double the cost of indexing. Feed
 * bookkeeping (validators for conditional GET) lives in the same index as documents of type "feed", so it
 * is committed atomically with the posts it describes.
 */
public final class PostSchema {
    /** Bumped when the layout changes incompatibly; stored in every commit. */
    public static final String VERSION = "5";
    public static final String VERSION_KEY = "blogsearch.schema";

    // Identity and type.
    public static final String ID = "id";
    public static final String TYPE = "type";
    public static final String TYPE_POST = "post";
    public static final String TYPE_FEED = "feed";
    public static final String URL = "url";

    // Searchable text: stemmed, and exact.
    public static final String TITLE = "title";
    public static final String TITLE_EXACT = "title.exact";
    public static final String BODY = "body";
    public static final String TAGS = "tags";
    public static final String AUTHOR = "author";
    public static final String FEED = "feed";
    /**
     * Title, body and tags as one field, for scoring words: title and tags are indexed {@value #TITLE_COPIES}
     * and {@value #TAGS_COPIES} times, so a word there counts that many times and the field's length grows
     * by as much. That is BM25F (fields weighted inside one document), scored by a single term query, which
     * skips blocks of postings that cannot reach the top; the query-time form of BM25F cannot skip nearly
     * as well and made ranking common words several times slower. Frequencies only: phrases, proximity and
     * highlighting use the fields themselves.
     */
    public static final String WORDS = "words";
    public static final int TITLE_COPIES = 2;
    public static final int TAGS_COPIES = 2;

    /**
     * Not a {@link Dimension}, never shown or filtered by: the feed a post came from, by URL, a facet of its own
     * so that statistics count feeds exactly.
     */
    public static final String SOURCE = "source";

    /** Epoch milliseconds: a point for range filters, doc values for sorting, stored for display. */
    public static final String PUBLISHED = "published";
    private static final String UPDATED = "updated";
    private static final String TAG_STORED = "tag.stored";
    private static final String FEED_URL = "feed_url";
    private static final String LANGUAGE = "language";
    private static final String SUMMARY = "summary";
    /** Content fingerprint as doc values, read back per post to skip unchanged ones. */
    public static final String HASH = "hash";
    /** Stored: the analyzed words of the title and the body's head, counted (see {@link TermCounts}). */
    static final String TERM_COUNTS = "term_counts";
    /** What a post is about shows in its first few hundred words: only they are counted. */
    public static final int HEAD_CHARS = 4_000;
    /** The most frequent words kept per post; the rest occur once or twice and weigh little. */
    public static final int MAX_TERM_COUNTS = 128;

    // Feed bookkeeping documents.
    private static final String LOCATION = "location";
    private static final String FEED_TITLE = "feed_title";
    private static final String ETAG = "etag";
    private static final String LAST_MODIFIED = "last_modified";
    private static final String SIZE = "size";
    private static final String MTIME = "mtime";
    private static final String FETCHED = "fetched";

    /** Stored, with offsets in the postings so highlighting needs no re-analysis. */
    private static final FieldType TEXT_STORED_OFFSETS = textType(true,
            IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    private static final FieldType TEXT_OFFSETS = textType(false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    private static final FieldType TEXT_POSITIONS = textType(false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    private static final FieldType TEXT_FREQS = textType(false, IndexOptions.DOCS_AND_FREQS);

    private static final Analyzer ENGLISH = new EnglishText();
    private static final Analyzer EXACT = new ExactText();
    private static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(ENGLISH, Map.of(
            TITLE_EXACT, EXACT, AUTHOR, EXACT, FEED, EXACT));
    private static final FacetsConfig FACETS = facetsConfig();
    private static final Similarity SIMILARITY = new BM25Similarity();

    private PostSchema() {}

    /** The analyzer for every field, for writing and for parsing queries. */
    public static Analyzer analyzer() {
        return ANALYZER;
    }

    /** The analyzer of the exact (unstemmed) fields. */
    public static Analyzer exactAnalyzer() {
        return EXACT;
    }

    /** How matches are scored; the same at index and search time. */
    public static Similarity similarity() {
        return SIMILARITY;
    }

    public static FacetsConfig facets() {
        return FACETS;
    }

    public static Term idTerm(String id) {
        return new Term(ID, id);
    }

    public static Term postType() {
        return new Term(TYPE, TYPE_POST);
    }

    public static Term urlTerm(String url) {
        return new Term(URL, url);
    }

    /**
     * The field that holds a case-folded dimension's values as keys ({@link Dimension#key}), for filters:
     * "tag.key" holds "java" for a post tagged "Java".
     */
    public static String keyField(Dimension dimension) {
        return dimension.label() + ".key";
    }

    /** What a post with {@code value} of {@code dimension} carries: its key, or for years the facet label itself. */
    public static Term filterTerm(Dimension dimension, String value) {
        return dimension.caseFolded() ? new Term(keyField(dimension), dimension.key(value))
                : DrillDownQuery.term(FACETS.getDimConfig(dimension.label()).indexFieldName, dimension.label(), value);
    }

    /** A post as a Lucene document, facets included; {@code hash} is the content fingerprint. */
    public static Document toDocument(Post post, long hash) {
        Document doc = new Document();
        doc.add(new StringField(ID, post.id(), Field.Store.YES));
        doc.add(new StringField(TYPE, TYPE_POST, Field.Store.NO));
        if (!post.url().isEmpty()) {
            doc.add(new StringField(URL, post.url(), Field.Store.YES));
        }
        doc.add(new Field(TITLE, post.title(), TEXT_STORED_OFFSETS));
        doc.add(new Field(TITLE_EXACT, post.title(), TEXT_POSITIONS));
        BodyTokens body = new BodyTokens(post.text());
        doc.add(new Field(BODY, post.text(), TEXT_STORED_OFFSETS) {
            @Override
            public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
                return body.recording(super.tokenStream(analyzer, reuse));
            }
        });
        doc.add(new Field(WORDS, body.replay(), TEXT_FREQS));
        for (int i = 0; i < TITLE_COPIES; i++) {
            doc.add(new Field(WORDS, post.title(), TEXT_FREQS));
        }
        // Counted from the body's tokens once they are recorded: stored fields are written in order too.
        doc.add(new StoredField(TERM_COUNTS, "") {
            @Override
            public StoredValue storedValue() {
                return new StoredValue(body.counts(post.title()).encode());
            }
        });
        for (String tag : post.tags()) {
            for (int i = 0; i < TAGS_COPIES; i++) {
                doc.add(new Field(WORDS, tag, TEXT_FREQS));
            }
            doc.add(new TextField(TAGS, tag, Field.Store.NO));
            doc.add(new StoredField(TAG_STORED, tag));
        }
        if (!post.author().isEmpty()) {
            doc.add(new TextField(AUTHOR, post.author(), Field.Store.YES));
        }
        if (!post.feedTitle().isEmpty()) {
            doc.add(new TextField(FEED, post.feedTitle(), Field.Store.YES));
        }
        for (Dimension dimension : Dimension.values()) {
            for (String value : dimension.of(post)) {
                if (dimension.caseFolded()) {
                    doc.add(new StringField(keyField(dimension), dimension.key(value), Field.Store.NO));
                }
                doc.add(new SortedSetDocValuesFacetField(dimension.label(), value));
            }
        }
        String source = !post.feedUrl().isEmpty() ? post.feedUrl() : post.feedTitle();
        if (!source.isEmpty()) {
            doc.add(new SortedSetDocValuesFacetField(SOURCE, source));
        }
        post.published().ifPresent(p -> {
            long ms = p.toEpochMilli();
            doc.add(new LongPoint(PUBLISHED, ms));
            doc.add(new NumericDocValuesField(PUBLISHED, ms));
            doc.add(new StoredField(PUBLISHED, ms));
        });
        post.updated().ifPresent(u -> doc.add(new StoredField(UPDATED, u.toEpochMilli())));
        doc.add(new StoredField(FEED_URL, post.feedUrl()));
        doc.add(new StoredField(LANGUAGE, post.language()));
        doc.add(new StoredField(SUMMARY, post.summary()));
        doc.add(new NumericDocValuesField(HASH, hash));
        try {
            return FACETS.build(doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // build only does I/O with a taxonomy, which we do not use
        }
    }

    /**
     * How often each analyzed word occurs in a post's title and the first {@value #HEAD_CHARS} characters of
     * its body ({@code tokens} words in all), the {@value #MAX_TERM_COUNTS} most frequent only, for query
     * expansion: counted when the post is indexed, because analyzing ten posts again for every long query
     * was a third of its cost.
     */
    public record TermCounts(int tokens, Map<String, Integer> counts) {
        String encode() {
            StringBuilder b = new StringBuilder().append(tokens);
            counts.forEach((t, c) -> b.append(' ').append(t).append(' ').append(c));
            return b.toString();
        }

        static TermCounts decode(String s) {
            String[] parts = s.split(" ");
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int i = 1; i + 1 < parts.length; i += 2) {
                counts.put(parts[i], Integer.parseInt(parts[i + 1]));
            }
            return new TermCounts(Integer.parseInt(parts[0]), counts);
        }

        /** Counts of {@code terms}, {@code tokens} in all; the most frequent kept, the first seen on a tie. */
        static TermCounts of(Iterable<String> terms) {
            Map<String, Integer> all = new LinkedHashMap<>();
            int tokens = 0;
            for (String t : terms) {
                all.merge(t, 1, Integer::sum);
                tokens++;
            }
            Map<String, Integer> kept = new LinkedHashMap<>();
            all.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(MAX_TERM_COUNTS).forEach(e -> kept.put(e.getKey(), e.getValue()));
            return new TermCounts(tokens, kept);
        }
    }

    /** A post's word counts as indexed, or counted now for a post indexed before they were stored. */
    public static TermCounts termCounts(StoredFields stored, int doc) throws IOException {
        String counted = stored.document(doc, java.util.Set.of(TERM_COUNTS)).get(TERM_COUNTS);
        if (counted != null) {
            try {
                return TermCounts.decode(counted);
            } catch (NumberFormatException e) {
                // Not what this version writes: count from the text below.
            }
        }
        Document d = stored.document(doc, java.util.Set.of(TITLE, BODY));
        return countTerms(nz(d.get(TITLE)), nz(d.get(BODY)));
    }

    /** The words of {@code title} and of the head of {@code body}, counted (see {@link TermCounts}). */
    static TermCounts countTerms(String title, String body) {
        List<String> terms = analyzed(title, Integer.MAX_VALUE);
        // A word cut by the end of the head is not counted: only words that end within it.
        terms.addAll(analyzed(body.substring(0, Math.min(body.length(), HEAD_CHARS + 1)), HEAD_CHARS));
        return TermCounts.of(terms);
    }

    /** The analyzed words of {@code text} that end by {@code maxEnd}. */
    private static List<String> analyzed(String text, int maxEnd) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = ENGLISH.tokenStream(BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (offset.endOffset() <= maxEnd) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // analysis of a String does no I/O
        }
        return out;
    }

    /** A post back from its stored fields. */
    public static Post toPost(Document doc) {
        List<String> tags = new ArrayList<>();
        for (IndexableField f : doc.getFields(TAG_STORED)) {
            tags.add(f.stringValue());
        }
        return new Post(doc.get(ID), nz(doc.get(URL)), nz(doc.get(TITLE)), nz(doc.get(AUTHOR)),
                instant(doc, PUBLISHED), instant(doc, UPDATED), tags, nz(doc.get(FEED)), nz(doc.get(FEED_URL)),
                nz(doc.get(LANGUAGE)), nz(doc.get(BODY)), nz(doc.get(SUMMARY)));
    }

    /** Stored fields a result list needs: everything but the body. */
    public static java.util.Set<String> summaryFields() {
        return java.util.Set.of(ID, URL, TITLE, AUTHOR, PUBLISHED, UPDATED, TAG_STORED, FEED, FEED_URL, LANGUAGE, SUMMARY);
    }

    /** What the index remembers of a feed read in full. */
    public record FeedRecord(String location, String title, FetchState state, Instant fetched) {}

    public static Term feedTerm(String location) {
        return new Term(ID, "feed:" + location);
    }

    public static Document toDocument(FeedRecord feed) {
        Document doc = new Document();
        doc.add(new StringField(ID, "feed:" + feed.location(), Field.Store.YES));
        doc.add(new StringField(TYPE, TYPE_FEED, Field.Store.NO));
        doc.add(new StoredField(LOCATION, feed.location()));
        doc.add(new StoredField(FEED_TITLE, feed.title()));
        doc.add(new StoredField(ETAG, feed.state().etag()));
        doc.add(new StoredField(LAST_MODIFIED, feed.state().lastModified()));
        doc.add(new StoredField(SIZE, feed.state().size()));
        doc.add(new StoredField(MTIME, feed.state().modifiedMillis()));
        doc.add(new StoredField(FETCHED, feed.fetched().toEpochMilli()));
        // Empty scored text fields: a field some documents of a segment lack gets sparse norms, looked up
        // through an index at every scored match (a sixth of the ranking pass). With no words these count
        // for no term statistics, and match nothing.
        doc.add(new Field(TITLE, "", TEXT_OFFSETS));
        doc.add(new Field(TITLE_EXACT, "", TEXT_POSITIONS));
        doc.add(new Field(BODY, "", TEXT_OFFSETS));
        doc.add(new Field(WORDS, "", TEXT_FREQS));
        return doc;
    }

    public static FeedRecord toFeedRecord(Document doc) {
        FetchState state = new FetchState(nz(doc.get(ETAG)), nz(doc.get(LAST_MODIFIED)),
                number(doc, SIZE), number(doc, MTIME));
        return new FeedRecord(doc.get(LOCATION), nz(doc.get(FEED_TITLE)), state,
                Instant.ofEpochMilli(number(doc, FETCHED)));
    }

    private static long number(Document doc, String field) {
        IndexableField f = doc.getField(field);
        return f == null || f.numericValue() == null ? -1 : f.numericValue().longValue();
    }

    private static Optional<Instant> instant(Document doc, String field) {
        IndexableField f = doc.getField(field);
        return f == null || f.numericValue() == null ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(f.numericValue().longValue()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static FieldType textType(boolean stored, IndexOptions options) {
        FieldType t = new FieldType(TextField.TYPE_NOT_STORED);
        t.setStored(stored);
        t.setIndexOptions(options);
        t.freeze();
        return t;
    }

    private static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        for (Dimension dimension : Dimension.values()) {
            if (dimension.multiValued()) {
                config.setMultiValued(dimension.label(), true);
            }
        }
        // Its own field, so searches do not count it with the facets they show.
        config.setIndexFieldName(SOURCE, "$source");
        return config;
    }

    /** English prose: possessives removed, folded to ASCII, stop words dropped, Porter-stemmed. */
    private static final class EnglishText extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new EnglishPossessiveFilter(source);
            ts = new LowerCaseFilter(ts);
            ts = new ASCIIFoldingFilter(ts);
            ts = new StopFilter(ts, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            ts = new PorterStemFilter(ts);
            return new TokenStreamComponents(source, ts);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }

        /** Tags are separate values: a phrase must not run from one tag into the next. */
        @Override
        public int getPositionIncrementGap(String fieldName) {
            return TAGS.equals(fieldName) ? 100 : 0;
        }
    }

    /**
     * The body's words as analyzed for the body field, kept to be indexed again in the words field: the
     * body is most of a post, and analyzing it twice made indexing a fifth slower. Fields are indexed in
     * the order they were added, body first; should that ever change, the words field analyzes the body
     * itself rather than index nothing.
     */
    private static final class BodyTokens {
        private final String text;
        private char[] chars = new char[256];
        private int[] ends = new int[64];
        private int count;
        /** How many of the recorded tokens end within the first {@value #HEAD_CHARS} characters. */
        private int headCount;
        private boolean recorded;

        BodyTokens(String text) {
            this.text = text;
        }

        TokenStream recording(TokenStream in) {
            return new TokenFilter(in) {
                private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
                private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

                @Override
                public void reset() throws IOException {
                    super.reset();
                    count = 0;
                    headCount = 0;
                    recorded = false;
                }

                @Override
                public boolean incrementToken() throws IOException {
                    if (!input.incrementToken()) {
                        return false;
                    }
                    int start = count == 0 ? 0 : ends[count - 1];
                    int end = start + term.length();
                    if (end > chars.length) {
                        chars = Arrays.copyOf(chars, Math.max(end, chars.length * 2));
                    }
                    if (count == ends.length) {
                        ends = Arrays.copyOf(ends, count * 2);
                    }
                    System.arraycopy(term.buffer(), 0, chars, start, term.length());
                    ends[count++] = end;
                    if (offset.endOffset() <= HEAD_CHARS) {
                        headCount = count;
                    }
                    return true;
                }

                @Override
                public void end() throws IOException {
                    super.end();
                    recorded = true;
                }
            };
        }

        /** The title's words and the recorded words of the body's head, counted. */
        TermCounts counts(String title) {
            if (!recorded) {
                return countTerms(title, text);
            }
            List<String> terms = analyzed(title, Integer.MAX_VALUE);
            for (int i = 0; i < headCount; i++) {
                int start = i == 0 ? 0 : ends[i - 1];
                terms.add(new String(chars, start, ends[i] - start));
            }
            return TermCounts.of(terms);
        }

        TokenStream replay() {
            return new TokenStream() {
                private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
                private TokenStream fallback;
                private int next;

                @Override
                public void reset() throws IOException {
                    super.reset();
                    next = 0;
                    if (!recorded) {
                        fallback = ENGLISH.tokenStream(WORDS, text);
                        fallback.reset();
                    }
                }

                @Override
                public boolean incrementToken() throws IOException {
                    if (fallback != null) {
                        if (!fallback.incrementToken()) {
                            return false;
                        }
                        CharTermAttribute t = fallback.getAttribute(CharTermAttribute.class);
                        term.copyBuffer(t.buffer(), 0, t.length());
                        return true;
                    }
                    if (next == count) {
                        return false;
                    }
                    clearAttributes();
                    int start = next == 0 ? 0 : ends[next - 1];
                    term.copyBuffer(chars, start, ends[next] - start);
                    next++;
                    return true;
                }

                @Override
                public void end() throws IOException {
                    super.end();
                    if (fallback != null) {
                        fallback.end();
                    }
                }

                @Override
                public void close() throws IOException {
                    super.close();
                    if (fallback != null) {
                        fallback.close();
                        fallback = null;
                    }
                }
            };
        }
    }

    /** Words as written, only lower-cased and folded to ASCII. */
    private static final class ExactText extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new LowerCaseFilter(source);
            ts = new ASCIIFoldingFilter(ts);
            return new TokenStreamComponents(source, ts);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
