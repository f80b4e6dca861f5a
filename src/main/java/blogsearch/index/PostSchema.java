package blogsearch.index;

import blogsearch.engine.Dimension;
import blogsearch.lang.Language;
import blogsearch.lang.LanguageAnalyzers;
import blogsearch.post.Post;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StoredValue;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The only place that knows how a post is laid out in Lucene: field names, analyzers, facets,
 * and the conversions Post to Document and back.
 *
 * <p>Text is indexed as stemmed English (title, body, tags) so "indexing" finds "indexed". Titles are also
 * indexed exactly (lower-cased, accents folded, no stemming, no stop words) for as-you-type completion and
 * exact title phrases. The body is analyzed once (its stemmed words also go into the ranking field
 * {@link #WORDS}, see {@link BodyTokens}); an unstemmed copy of every post's text would nearly double the
 * cost of indexing. Feed bookkeeping shares the index as documents of their own ({@link FeedDocuments}).
 *
 * <p>A post in another language than English has its title, body and ranking words analyzed for its language
 * (stemmed, or cut into words by a dictionary: see {@link LanguageAnalyzers}) in fields of that language
 * ({@code body@de}, see {@link #inLanguage}), and nothing in the English ones but the stored text: a German
 * stem never meets an English one in the same field, and English posts are analyzed and ranked as ever.
 */
public final class PostSchema {
    /** Bumped when the layout changes incompatibly; stored in every commit. */
    public static final String VERSION = "8";
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
    public static final String UPDATED = "updated";
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

    /**
     * A post's meaning as one unit vector (its title and first passage, embedded), compared by dot product; int8
     * HNSW (see {@link #codec}). A post is written without one and marked {@link #VECTOR_PENDING} until its vector
     * follows; a post the model cannot place (see {@link #placedByMeaning}) never gets one.
     */
    public static final String VECTOR = "vector";
    /** How two vectors of {@link #VECTOR} compare: by dot product (they are of length 1), scaled to [0, 1]. */
    public static final VectorSimilarityFunction VECTOR_SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;
    /** A keyword on posts that still lack a vector. */
    public static final String VECTOR_PENDING = "vector.pending";

    /**
     * Whether the (English) model places posts in {@code language}: English, or no language told. Posts in other
     * languages are found by their words alone: the model places them poorly.
     */
    public static boolean placedByMeaning(String language) {
        String key = Dimension.LANGUAGE.key(language);
        return key.isEmpty() || key.equals("en");
    }

    /** How a field of a post is indexed, for an engine that lays posts out itself from {@link #fields()}. */
    public enum Kind {
        /** Matched whole, as written (ids, URLs). */
        KEYWORD,
        /** English prose: {@link #ENGLISH_STEPS}. */
        ENGLISH,
        /** Words as written: {@link #EXACT_STEPS}. */
        EXACT,
        /** Epoch milliseconds, for ranges and sorting. */
        DATE,
        /** Kept, not searched. */
        STORED
    }

    /**
     * A field of a post: its name, how it is indexed, whether highlighting reads it (offsets kept), and a
     * sub-field indexed another way (the exact title), if any.
     */
    public record FieldSpec(String name, Kind kind, boolean highlighted, Optional<FieldSpec> alsoAs) {
        FieldSpec(String name, Kind kind) {
            this(name, kind, false, Optional.empty());
        }
    }

    /** The analysis of {@link Kind#ENGLISH} fields, step by step: what {@link EnglishText} does. */
    public static final List<String> ENGLISH_STEPS = List.of("standard tokenizer", "possessive", "lowercase",
            "asciifolding", "english stop words", "porter stem");
    /** The analysis of {@link Kind#EXACT} fields, step by step: what {@link ExactText} does. */
    public static final List<String> EXACT_STEPS = List.of("standard tokenizer", "lowercase", "asciifolding");
    /** Between two tags, so that a phrase does not run from one into the next. */
    public static final int TAG_POSITION_GAP = 100;

    private static final List<FieldSpec> FIELDS = List.of(
            new FieldSpec(ID, Kind.KEYWORD), new FieldSpec(TYPE, Kind.KEYWORD), new FieldSpec(URL, Kind.KEYWORD),
            new FieldSpec(TITLE, Kind.ENGLISH, true, Optional.of(new FieldSpec("exact", Kind.EXACT))),
            new FieldSpec(BODY, Kind.ENGLISH, true, Optional.empty()), new FieldSpec(TAGS, Kind.ENGLISH),
            new FieldSpec(AUTHOR, Kind.EXACT), new FieldSpec(FEED, Kind.EXACT), new FieldSpec(SOURCE, Kind.KEYWORD),
            new FieldSpec(PUBLISHED, Kind.DATE), new FieldSpec(UPDATED, Kind.STORED),
            new FieldSpec(FEED_URL, Kind.STORED), new FieldSpec(LANGUAGE, Kind.STORED),
            new FieldSpec(SUMMARY, Kind.STORED), new FieldSpec(HASH, Kind.STORED));

    /**
     * Every field of a post, described: the Lucene document below and any other engine's layout are made
     * from these names and kinds (facets come from {@link Dimension}).
     */
    public static List<FieldSpec> fields() {
        return FIELDS;
    }

    /**
     * The value of each {@link #fields()} entry for {@code post}: a string, a list of strings, or a number; the
     * title and body under their names in the post's language ({@link #inLanguage}: "body@de"), for an engine
     * that analyzes a field one way whatever the post.
     */
    public static Map<String, Object> values(Post post, long hash) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(ID, post.id());
        v.put(TYPE, TYPE_POST);
        v.put(URL, post.url());
        v.put(inLanguage(TITLE, post.language()), post.title());
        v.put(inLanguage(BODY, post.language()), post.text());
        v.put(TAGS, post.tags());
        v.put(AUTHOR, post.author());
        v.put(FEED, post.feedTitle());
        v.put(SOURCE, !post.feedUrl().isEmpty() ? post.feedUrl() : post.feedTitle());
        post.published().ifPresent(p -> v.put(PUBLISHED, p.toEpochMilli()));
        post.updated().ifPresent(u -> v.put(UPDATED, u.toEpochMilli()));
        v.put(FEED_URL, post.feedUrl());
        v.put(LANGUAGE, post.language());
        v.put(SUMMARY, post.summary());
        v.put(HASH, hash);
        return v;
    }

    /** A post back from {@link #values}, as another engine returns them (dates as epoch milliseconds). */
    public static Post fromValues(Map<String, ?> v) {
        return new Post((String) v.get(ID), str(v.get(URL)), str(inAnyLanguage(v, TITLE)), str(v.get(AUTHOR)),
                millis(v.get(PUBLISHED)), millis(v.get(UPDATED)), strings(v.get(TAGS)), str(v.get(FEED)),
                str(v.get(FEED_URL)), str(v.get(LANGUAGE)), str(inAnyLanguage(v, BODY)), str(v.get(SUMMARY)));
    }

    /** The value of {@code field} in whichever language {@code values} have it ("body" or "body@de"), or null. */
    public static Object inAnyLanguage(Map<String, ?> values, String field) {
        Object v = values.get(field);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getKey().indexOf(LANGUAGE_MARK) >= 0 && storedIn(e.getKey()).equals(field)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static Optional<Instant> millis(Object o) {
        return o instanceof Number n ? Optional.of(Instant.ofEpochMilli(n.longValue())) : Optional.empty();
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of();
    }

    /** Stored, with offsets in the postings so highlighting needs no re-analysis. */
    private static final FieldType TEXT_STORED_OFFSETS = textType(true,
            IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    private static final FieldType TEXT_OFFSETS = textType(false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    private static final FieldType TEXT_POSITIONS = textType(false, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    private static final FieldType TEXT_FREQS = textType(false, IndexOptions.DOCS_AND_FREQS);

    private static final Analyzer ENGLISH = new EnglishText();
    private static final Analyzer EXACT = new ExactText();
    private static final Map<String, Analyzer> BY_FIELD = Map.of(TITLE_EXACT, EXACT, AUTHOR, EXACT, FEED, EXACT);
    /** Between a field's name and its language's code: "body@de". */
    private static final char LANGUAGE_MARK = '@';
    private static final Analyzer ANALYZER = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            int mark = fieldName.indexOf(LANGUAGE_MARK);
            return mark >= 0 ? LanguageAnalyzers.forLanguage(fieldName.substring(mark + 1))
                    : BY_FIELD.getOrDefault(fieldName, ENGLISH);
        }
    };
    private static final FacetsConfig FACETS = facetsConfig();
    private static final Similarity SIMILARITY = new BM25Similarity();

    private PostSchema() {}

    /**
     * {@code field} ({@link #TITLE}, {@link #BODY} or {@link #WORDS}) as posts in {@code language} (a code or a tag
     * such as "de-AT") have it: the field itself for English and undecided posts, else one of that language's.
     */
    public static String inLanguage(String field, String language) {
        String code = Language.code(language);
        return code.isEmpty() || code.equals("en") ? field : field + LANGUAGE_MARK + code;
    }

    /** The language code of a language's field ("de" for "body@de"), or "" for an English field. */
    public static String languageOf(String field) {
        int mark = field.indexOf(LANGUAGE_MARK);
        return mark < 0 ? "" : field.substring(mark + 1);
    }

    /** The languages other than English that posts are stemmed in, by code: each has fields of its own. */
    public static Set<String> stemmedLanguages() {
        Set<String> codes = new TreeSet<>(LanguageAnalyzers.stemmedLanguages());
        codes.remove("en");
        return codes;
    }

    /** The languages written without spaces that posts are cut into words in, by code. */
    public static Set<String> segmentedLanguages() {
        return new TreeSet<>(LanguageAnalyzers.segmentedLanguages());
    }

    /** The field whose stored value a language's field analyzes: {@link #BODY} for "body@de". */
    public static String storedIn(String field) {
        int mark = field.indexOf(LANGUAGE_MARK);
        return mark < 0 ? field : field.substring(0, mark);
    }

    /** {@code field} in the language of {@code other}: {@link #WORDS} in the language of "body@de" is "words@de". */
    public static String sameLanguage(String field, String other) {
        int mark = other.indexOf(LANGUAGE_MARK);
        return mark < 0 ? field : field + other.substring(mark);
    }

    /** The languages other than English that the posts {@code reader} sees are analyzed in, by code, sorted. */
    public static List<String> languages(IndexReader reader) {
        Set<String> codes = new TreeSet<>();
        String prefix = WORDS + LANGUAGE_MARK;
        for (String field : FieldInfos.getIndexedFields(reader)) {
            if (field.startsWith(prefix)) {
                codes.add(field.substring(prefix.length()));
            }
        }
        return List.copyOf(codes);
    }

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
        addText(doc, post);
        addDimensions(doc, post);
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
        if (placedByMeaning(post.language())) {
            doc.add(new StringField(VECTOR_PENDING, "1", Field.Store.NO));
        }
        try {
            return FACETS.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // build only does I/O with a taxonomy, which we do not use
        }
    }

    /** {@code doc}, made by {@link #toDocument}, with its vector instead of the mark that it lacks one. */
    public static Document withVector(Document doc, float[] vector) {
        doc.removeFields(VECTOR_PENDING);
        doc.add(new KnnFloatVectorField(VECTOR, vector, VECTOR_SIMILARITY));
        return doc;
    }

    public static Term vectorPending() {
        return new Term(VECTOR_PENDING, "1");
    }

    /**
     * Lucene's codec with the vectors scalar-quantized to int8 for search (measured as good as float32 on the
     * relevance collections, a quarter of the bytes searched).
     */
    public static Codec codec() {
        return CODEC;
    }

    private static final Codec CODEC = new Lucene104Codec() {
        private final KnnVectorsFormat int8 = new Lucene104HnswScalarQuantizedVectorsFormat(
                ScalarEncoding.UNSIGNED_BYTE, Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
                Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH);

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return int8;
        }
    };

    /**
     * The searchable text: title (stemmed and exact), body, tags, author, feed, and the ranking field; title, body
     * and ranking words in the post's language's fields, its title and body stored in the English ones.
     */
    private static void addText(Document doc, Post post) {
        String title = inLanguage(TITLE, post.language());
        String body = inLanguage(BODY, post.language());
        String words = inLanguage(WORDS, post.language());
        boolean english = title.equals(TITLE);
        doc.add(english ? new Field(TITLE, post.title(), TEXT_STORED_OFFSETS) : storedOnly(TITLE, post.title()));
        doc.add(new Field(TITLE_EXACT, post.title(), TEXT_POSITIONS));
        if (!english) {
            doc.add(new Field(title, post.title(), TEXT_OFFSETS));
            doc.add(storedOnly(BODY, post.text()));
            doc.add(new Field(WORDS, "", TEXT_FREQS)); // dense norms for English ranking (see addEmptyText)
        }
        BodyTokens tokens = new BodyTokens(post.text(), body);
        doc.add(new Field(body, post.text(), english ? TEXT_STORED_OFFSETS : TEXT_OFFSETS) {
            @Override
            public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
                return tokens.recording(super.tokenStream(analyzer, reuse));
            }
        });
        doc.add(new Field(words, tokens.replay(), TEXT_FREQS));
        for (int i = 0; i < TITLE_COPIES; i++) {
            doc.add(new Field(words, post.title(), TEXT_FREQS));
        }
        // Counted from the body's tokens once they are recorded: stored fields are written in order too.
        doc.add(new StoredField(TERM_COUNTS, "") {
            @Override
            public StoredValue storedValue() {
                return new StoredValue(tokens.counts(post.title()).encode());
            }
        });
        for (String tag : post.tags()) {
            for (int i = 0; i < TAGS_COPIES; i++) {
                doc.add(new Field(words, tag, TEXT_FREQS));
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
    }

    /** Each dimension's values as facets and, case-folded, as keys for filters; and the feed by URL. */
    private static void addDimensions(Document doc, Post post) {
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
    }

    /**
     * The scored text fields with no text, for documents that are not posts: a field some documents of a
     * segment lack gets sparse norms, looked up through an index at every scored match. With no words these
     * count for no term statistics, and match nothing.
     */
    static void addEmptyText(Document doc) {
        doc.add(new Field(TITLE, "", TEXT_OFFSETS));
        doc.add(new Field(TITLE_EXACT, "", TEXT_POSITIONS));
        doc.add(new Field(BODY, "", TEXT_OFFSETS));
        doc.add(new Field(WORDS, "", TEXT_FREQS));
    }

    /** Text stored in an English field, which a post in another language leaves without words. */
    private static Field storedOnly(String field, String text) {
        return new Field(field, text, TEXT_STORED_OFFSETS) {
            @Override
            public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
                return analyzer.tokenStream(field, "");
            }
        };
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
    public static Set<String> summaryFields() {
        return Set.of(ID, URL, TITLE, AUTHOR, PUBLISHED, UPDATED, TAG_STORED, FEED, FEED_URL, LANGUAGE, SUMMARY);
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
            return TAGS.equals(fieldName) ? TAG_POSITION_GAP : 0;
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
