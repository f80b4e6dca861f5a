package blogsearch.search;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Dimension;
import blogsearch.engine.HighlightedPost;
import blogsearch.engine.Related;
import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.SearchResult.Hit;
import blogsearch.engine.Stats;
import blogsearch.engine.Suggestion;
import blogsearch.index.PostIndex;
import blogsearch.index.PostSchema;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Everything blogsearch can do with an index, for the CLI and the server alike: search with facets,
 * highlighting and spelling help; single posts, whole or highlighted; related posts; as-you-type
 * suggestions; tags; statistics. Thread-safe; results are plain records.
 */
public final class SearchService {
    private static final int MAX_POST_CHARS = 1_000_001;
    /** Below this many hits, a respelled query is offered. */
    static final int DID_YOU_MEAN_BELOW = 3;
    public static final int MAX_RELATED = 50;
    public static final int MAX_SUGGESTIONS = 20;

    /** What a hit shows, and the text its snippet comes from. */
    private static final Set<String> WITH_TEXT = Stream.concat(PostSchema.summaryFields().stream(),
            Stream.of(PostSchema.BODY)).collect(Collectors.toUnmodifiableSet());

    private final PostIndex index;
    private final Synonyms synonyms;
    private final ResultCache cache = new ResultCache();
    private volatile Generation generation;

    public SearchService(PostIndex index) {
        this(index, Synonyms.NONE);
    }

    /** A service whose queries also find what {@code synonyms} declares alike. */
    public SearchService(PostIndex index, Synonyms synonyms) {
        this.index = index;
        this.synonyms = synonyms;
    }

    /** One page of results: hits with highlighted snippets, facet counts, and spelling help. */
    public SearchResult search(SearchRequest request) {
        long start = System.nanoTime();
        UserQuery.Parsed parsed = UserQuery.parse(request.query());
        Queries.Ranking ranking = request.sort() == SearchRequest.Sort.NEWEST
                ? Queries.Ranking.NEWEST : Queries.Ranking.RELEVANCE;
        return withSearcher(s -> {
            long version = ((org.apache.lucene.index.DirectoryReader) s.getIndexReader()).getVersion();
            SearchResult cached = cache.get(version, request);
            if (cached != null) {
                return cached.withTookMs((System.nanoTime() - start) / 1_000_000);
            }
            SearchResult result = searchUncached(s, parsed, ranking, request, start);
            cache.put(version, request, result);
            return result;
        });
    }

    /** How many searches were answered from recent results, and how many were run. */
    public long[] cacheCounts() {
        return cache.counts();
    }

    private SearchResult searchUncached(IndexSearcher s, UserQuery.Parsed parsed, Queries.Ranking ranking,
            SearchRequest request, long start) {
        Generation g = generation(s);
        Queries.Built built = Queries.build(synonyms.expand(parsed), ranking, g.vocabulary);
        Run run = run(s, g, built, request);
        Optional<String> didYouMean = built.hasText() && request.respell()
                ? Spelling.respell(s.getIndexReader(), g.memo, parsed, run.total < DID_YOU_MEAN_BELOW, synonyms::knows)
                : Optional.empty();
        boolean corrected = false;
        if (didYouMean.isPresent() && !run.everyWord) {
            // Nothing has every word as typed: if the respelled query does better, show its results.
            Queries.Built respelled = Queries.build(synonyms.expand(UserQuery.parse(didYouMean.get())), ranking,
                    g.vocabulary);
            Run alt = run(s, g, respelled, request);
            if (alt.everyWord) {
                run = alt;
                built = respelled;
                corrected = true;
            }
        }
        boolean relaxed = built.allWords() != null && !run.everyWord && run.total > 0;
        List<Hit> hits = hits(s, g, run.top, built, request);
        Map<String, List<FacetValue>> facets = facets(s, g, run, request);
        List<String> warnings = built.warnings();
        long pages = (run.total + request.size() - 1) / request.size();
        if (request.page() > pages && pages > 0) {
            warnings = Stream.concat(warnings.stream(),
                    Stream.of("page " + request.page() + " is past the last page (" + pages + ")")).toList();
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        return new SearchResult(request.query(), run.total, tookMs, request.page(), request.size(),
                request.sort().label(), hits, facets, didYouMean, corrected, relaxed, warnings);
    }

    /** The post with this id or URL. */
    public Optional<Post> post(String idOrUrl) {
        return withSearcher(s -> find(s, idOrUrl).map(doc -> PostSchema.toPost(stored(s, doc, null))));
    }

    /** The whole post with every match of {@code query} marked in its title and text. */
    public Optional<HighlightedPost> highlighted(String idOrUrl, String query) {
        return withSearcher(s -> find(s, idOrUrl).map(doc -> {
            Post post = PostSchema.toPost(stored(s, doc, null));
            Query hl = Queries.build(synonyms.expand(UserQuery.parse(query)), Queries.Ranking.RELEVANCE,
                    generation(s).vocabulary).highlight();
            String title = highlightOne(s, PostSchema.TITLE, hl, doc, post.title().length());
            String body = highlightOne(s, PostSchema.BODY, hl, doc, post.text().length());
            return new HighlightedPost(post, title == null ? Html.escape(post.displayTitle()) : title,
                    body == null ? Html.escape(post.text()) : body);
        }));
    }

    /** Posts like the one with this id or URL (by title, text and tags), never the post itself. */
    public Optional<Related> related(String idOrUrl, int size) {
        if (size < 1 || size > MAX_RELATED) {
            throw new BadRequest("size", "size must be between 1 and " + MAX_RELATED + ", not " + size);
        }
        return withSearcher(s -> find(s, idOrUrl).map(doc -> related(s, doc, size)));
    }

    /** As-you-type completions: tags that start with what was typed, then post titles. */
    public List<Suggestion> suggest(String prefix, int size) {
        if (size < 1 || size > MAX_SUGGESTIONS) {
            throw new BadRequest("size", "size must be between 1 and " + MAX_SUGGESTIONS + ", not " + size);
        }
        if (prefix.length() > 200) {
            throw new BadRequest("q", "a prefix of " + prefix.length() + " characters is too long to complete");
        }
        String typed = Queries.normalize(prefix).replaceAll("\\s+", " ");
        if (typed.isBlank()) {
            return List.of();
        }
        // normalize() strips, so whether the last word is finished ("java ", not "javascript") is read here.
        boolean finished = Character.isWhitespace(prefix.charAt(prefix.length() - 1));
        return withSearcher(s -> {
            List<Suggestion> out = new ArrayList<>();
            int tagSlots = Math.max(1, size / 3);
            for (FacetValue t : generation(s).tags()) {
                if (out.size() >= tagSlots) {
                    break;
                }
                String tag = Queries.normalize(t.value());
                if (finished ? startsWithWord(tag + " ", typed + " ") : startsWithWord(tag, typed)) {
                    out.add(new Suggestion(t.value(), Suggestion.TAG, t.count(), "", ""));
                }
            }
            out.addAll(titleSuggestions(s, typed, finished, size - out.size()));
            return out;
        });
    }

    /** Every tag with its number of posts, most used first. */
    public List<FacetValue> tags(int limit) {
        return withSearcher(s -> {
            List<FacetValue> all = generation(s).tags();
            return all.subList(0, Math.min(limit, all.size()));
        });
    }

    /** Posts, feeds, top tags, date range and size of the index; the synonyms in force. */
    public Stats stats() {
        return withSearcher(s -> {
            try {
                long posts = s.count(new TermQuery(PostSchema.postType()));
                Generation g = generation(s);
                long feeds = distinctSources(s.getIndexReader());
                List<FacetValue> tags = g.tags();
                return new Stats(posts, feeds, tags.subList(0, Math.min(10, tags.size())),
                        edgeDate(s, false), edgeDate(s, true), index.sizeInBytes(), synonyms.info());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Makes the latest index changes visible to searches. */
    public void refresh() {
        index.refresh();
    }

    /** Changes whenever what searches see changes: for cache validators. */
    public long version() {
        return withSearcher(s -> ((org.apache.lucene.index.DirectoryReader) s.getIndexReader()).getVersion());
    }

    // ---------------------------------------------------------------- searching

    /**
     * One executed query: the top hits, the matching posts for facets, how many match, and whether any of
     * them has every word (any match at all when the query is not a multi-word short one).
     */
    private record Run(Query matching, TopDocs top, FacetCounter.Counts counts, long total, boolean everyWord,
            Dimension countedSideways) {}

    private static Run run(IndexSearcher s, Generation g, Queries.Built built, SearchRequest request) {
        try {
            // The passes below look up the same words: each word's place in each segment is found once.
            Map<Term, TermStates> terms = new HashMap<>();
            Query query = lookedUp(built.query(), s, terms);
            Query matching = filtered(query, request, null);
            Query ranking = filtered(lookedUp(built.ranking(), s, terms), request, null);
            // Narrowed by one dimension, the matches without that narrowing are counted once for both the
            // dimension's values and the rest (see FacetCounter#sideways).
            Dimension sideways = sideways(g, request);
            Query counted = sideways == null ? matching : filtered(query, request, sideways);
            CollectorManager<Collector, FacetCounter.Counts> counter = sideways == null ? g.counter.manager()
                    : g.counter.sideways(sideways, request.filter(sideways));
            int n = request.page() * request.size();
            TopDocs top;
            FacetCounter.Counts counts;
            // Without words there is nothing to rank by: the newest posts come first, undated ones last.
            boolean relevance = request.sort() == SearchRequest.Sort.RELEVANCE && built.hasText();
            // Relevance: the best by words, then those near the top re-ranked by proximity and feedback.
            int window = Math.max(built.proximity() != null ? Queries.PROXIMITY_WINDOW : 0,
                    built.isLong() ? Feedback.WINDOW : 0);
            int depth = relevance ? Math.max(n, window) : n;
            if (relevance && !(built.phrases() && !built.isLong())) {
                // Two passes beat one: which posts match (for the total and the facets) needs no scores, and
                // the best n by score can then skip whole blocks of postings that cannot make the top.
                counts = s.search(new ConstantScoreQuery(counted), counter);
                // The ranking query matches the same posts, so re-ranking it needs no check against them. Its
                // count is not needed either: skipping may start as soon as the best n are found.
                top = s.search(ranking, new TopScoreDocCollectorManager(depth, null, depth));
            } else {
                // By date every match is visited anyway; and a phrase's positions are checked for every
                // candidate either way, so one pass checks them once.
                CollectorManager<?, ? extends TopDocs> best = relevance
                        ? new TopScoreDocCollectorManager(depth, null, Integer.MAX_VALUE)
                        : new TopFieldCollectorManager(sort(request.sort()), n, null, Integer.MAX_VALUE);
                Object[] both = s.search(counted, new MultiCollectorManager(sideways == null ? best
                        : g.counter.selectedOnly(best, sideways, request.filter(sideways)), counter));
                top = (TopDocs) both[0];
                counts = (FacetCounter.Counts) both[1];
                if (!relevance) {
                    TopFieldCollector.populateScores(top.scoreDocs, s, matching);
                }
            }
            long total = counts.total;
            // Posts with every word carry a bonus that puts them first (by date too, the score orders first):
            // the best one shows whether any match has them all.
            boolean everyWord = built.allWords() == null ? total > 0
                    : top.scoreDocs.length > 0 && top.scoreDocs[0].score >= Queries.ALL_WORDS_BOOST;
            if (relevance && built.proximity() != null) {
                // Pairs only add to a score, so posts lifted stay above the rest.
                top = Rescoring.head(s, top, Queries.PROXIMITY_WINDOW, built.proximity(),
                        (first, pairsMatch, pairs) -> pairsMatch ? first + pairs : first);
            }
            if (relevance && built.isLong()) {
                top = Feedback.rerank(s, top);
            }
            if (top.scoreDocs.length > n) {
                top = new TopDocs(top.totalHits, java.util.Arrays.copyOf(top.scoreDocs, n));
            }
            return new Run(query, top, counts, total, everyWord, sideways);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code q} with each term query carrying its term's statistics and per-segment places, looked up once
     * per search in {@code seen}. (A term query looks them up again in every pass, and a short query holds
     * each word twice: alone, and in the all-words bonus.)
     */
    private static Query lookedUp(Query q, IndexSearcher s, Map<Term, TermStates> seen) throws IOException {
        return switch (q) {
            case TermQuery t -> {
                TermStates states = seen.get(t.getTerm());
                if (states == null) {
                    states = TermStates.build(s, t.getTerm(), true);
                    seen.put(t.getTerm(), states);
                }
                yield new TermQuery(t.getTerm(), states);
            }
            case BooleanQuery b -> {
                BooleanQuery.Builder copy = new BooleanQuery.Builder()
                        .setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
                for (BooleanClause c : b.clauses()) {
                    copy.add(lookedUp(c.query(), s, seen), c.occur());
                }
                yield copy.build();
            }
            case BoostQuery b -> new BoostQuery(lookedUp(b.getQuery(), s, seen), b.getBoost());
            case ConstantScoreQuery c -> new ConstantScoreQuery(lookedUp(c.getQuery(), s, seen));
            default -> q;
        };
    }

    private static Sort sort(SearchRequest.Sort sort) {
        SortField newest = new SortField(PostSchema.PUBLISHED, SortField.Type.LONG, true);
        newest.setMissingValue(Long.MIN_VALUE);
        // Under NEWEST the score only says whether a post has every word (see Queries.Ranking).
        return new Sort(SortField.FIELD_SCORE, newest);
    }

    /** The query narrowed by the request's facet selections and dates, leaving out {@code except}. */
    private static Query filtered(Query query, SearchRequest r, Dimension except) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, Occur.MUST);
        for (Dimension dim : Dimension.values()) {
            if (dim != except && !r.filter(dim).isEmpty()) {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                for (String v : r.filter(dim)) {
                    any.add(new TermQuery(PostSchema.filterTerm(dim, v)), Occur.SHOULD);
                }
                b.add(any.build(), Occur.FILTER);
            }
        }
        if (r.since().isPresent() || r.until().isPresent()) {
            long from = r.since().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
            long to = r.until().map(i -> i.toEpochMilli() - 1).orElse(Long.MAX_VALUE);
            b.add(LongPoint.newRangeQuery(PostSchema.PUBLISHED, from, to), Occur.FILTER);
        }
        return b.build();
    }

    private static List<Hit> hits(IndexSearcher s, Generation g, TopDocs top, Queries.Built built,
            SearchRequest request) {
        int from = (request.page() - 1) * request.size();
        if (from >= top.scoreDocs.length) {
            return List.of();
        }
        ScoreDoc[] page = java.util.Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
        int[] docs = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            docs[i] = page[i].doc;
        }
        boolean mark = !built.highlight().toString().isEmpty();
        // One read per hit serves both the hit and its snippet (see Snippets).
        Set<String> fields = mark ? WITH_TEXT : PostSchema.summaryFields();
        StoredFields sf = storedFields(s);
        Document[] stored = new Document[docs.length];
        for (int i = 0; i < docs.length; i++) {
            stored[i] = stored(sf, docs[i], fields);
        }
        Map<String, String[]> marked = mark ? g.snippets.mark(built.highlight(), docs, stored) : Map.of();
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

    /** The text score, without the constant that puts posts with every word first. */
    private static float score(ScoreDoc sd) {
        if (Float.isNaN(sd.score)) {
            return 0f;
        }
        return sd.score >= Queries.ALL_WORDS_BOOST ? sd.score - Queries.ALL_WORDS_BOOST : sd.score;
    }

    private static String highlightOne(IndexSearcher s, String field, Query q, int doc, int length) {
        try {
            UnifiedHighlighter h = UnifiedHighlighter.builder(s, PostSchema.analyzer())
                    .withBreakIterator(WholeBreakIterator::new)
                    .withFormatter(new MarkFormatter(0))
                    .withMaxLength(Math.max(1, Math.min(length + 1, MAX_POST_CHARS)))
                    .withMaxNoHighlightPassages(0)
                    .build();
            return h.highlightFields(new String[] {field}, q, new int[] {doc}, new int[] {1}).get(field)[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- facets

    private Map<String, List<FacetValue>> facets(IndexSearcher s, Generation g, Run run, SearchRequest r) {
        Map<String, List<FacetValue>> out = new LinkedHashMap<>();
        if (g.facets == null) {
            for (Dimension dim : Dimension.values()) {
                out.put(dim.label(), List.of());
            }
            return out;
        }
        try {
            for (Dimension dim : Dimension.values()) {
                List<String> selected = r.filter(dim);
                FacetCounter.Counts counts = run.counts;
                if (!selected.isEmpty() && dim != run.countedSideways) {
                    // Drill sideways: a facet with selections is counted without them, so its other values stay.
                    counts = s.search(filtered(run.matching, r, dim), g.counter.manager());
                }
                out.put(dim.label(), counts.values(dim, dim.shown(), selected));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The one dimension the request narrows by, if its values can be counted in the search's own pass;
     * null if none or several. (Years are narrowed by exact label, not by case-folded value.)
     */
    private static Dimension sideways(Generation g, SearchRequest r) {
        Dimension only = null;
        for (Dimension dim : Dimension.values()) {
            if (!r.filter(dim).isEmpty()) {
                if (only != null) {
                    return null;
                }
                only = dim;
            }
        }
        return g.facets == null || only == null || !only.caseFolded() ? null : only;
    }

    /** How many feeds the posts come from (each counted once, by URL). */
    private static long distinctSources(IndexReader reader) throws IOException {
        try {
            FacetsConfig config = PostSchema.facets();
            SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader,
                    config.getDimConfig(PostSchema.SOURCE).indexFieldName, config);
            FacetResult r = topChildren(new SortedSetDocValuesFacetCounts(state), PostSchema.SOURCE, 1);
            return r == null ? 0 : r.childCount;
        } catch (IllegalArgumentException e) {
            return 0; // no post yet
        }
    }

    private static FacetResult topChildren(SortedSetDocValuesFacetCounts counts, String dim, int n) throws IOException {
        try {
            return counts.getTopChildren(n, dim);
        } catch (IllegalArgumentException e) {
            return null; // no post has this facet yet
        }
    }

    // ---------------------------------------------------------------- related posts

    private Related related(IndexSearcher s, int doc, int size) {
        try {
            Post post = PostSchema.toPost(stored(s, doc, null));
            MoreLikeThis mlt = new MoreLikeThis(s.getIndexReader());
            mlt.setAnalyzer(PostSchema.analyzer());
            mlt.setFieldNames(new String[] {PostSchema.TITLE, PostSchema.BODY, PostSchema.TAGS});
            mlt.setMinTermFreq(1); // short posts have few repeated words; rarity does the work
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(2);
            mlt.setMaxQueryTerms(30);
            mlt.setMaxDocFreqPct(50);
            mlt.setBoost(true);
            // MoreLikeThis compares its stop words with analyzed terms: given as written, "has" slipped through.
            mlt.setStopWords(Queries.FUNCTION_TERMS);
            Map<String, Collection<Object>> fields = new LinkedHashMap<>();
            // The title and tags say what a post is about more than any body word: count them thrice.
            fields.put(PostSchema.TITLE, List.of(post.title(), post.title(), post.title()));
            fields.put(PostSchema.BODY, List.of(post.text()));
            List<Object> tags = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tags.addAll(post.tags());
            }
            fields.put(PostSchema.TAGS, tags);
            Query like = mlt.like(fields);
            Query q = new BooleanQuery.Builder()
                    .add(like, Occur.MUST)
                    .add(new TermQuery(PostSchema.idTerm(post.id())), Occur.MUST_NOT)
                    .build();
            TopDocs top = s.search(q, size);
            Map<String, String> surface = surfaceForms(post);
            Weight weight = s.createWeight(s.rewrite(like), ScoreMode.COMPLETE_NO_SCORES, 1);
            List<Related.RelatedPost> posts = new ArrayList<>();
            StoredFields sf = s.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Post p = PostSchema.toPost(stored(sf, sd.doc, PostSchema.summaryFields()));
                posts.add(new Related.RelatedPost(p.id(), p.url(), p.displayTitle(), p.published(), p.tags(), sd.score,
                        sharedTerms(s, weight, sd.doc, surface)));
            }
            return new Related(post.id(), post.displayTitle(), posts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words of {@code doc} that the related-posts query matched, as they appear in the original post. */
    private static List<String> sharedTerms(IndexSearcher s, Weight weight, int doc, Map<String, String> surface)
            throws IOException {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Matches matches = weight.matches(leaf, doc - leaf.docBase);
        Set<String> terms = new java.util.LinkedHashSet<>();
        if (matches != null) {
            for (String field : matches) {
                MatchesIterator it = matches.getMatches(field);
                while (it != null && it.next()) {
                    if (it.getQuery() instanceof TermQuery tq) {
                        String t = tq.getTerm().text();
                        terms.add(surface.getOrDefault(t, t));
                    }
                }
            }
        }
        return terms.stream().limit(10).toList();
    }

    /** Stemmed term to the first word of the post it came from ("comput" to "computing"). */
    private static Map<String, String> surfaceForms(Post post) throws IOException {
        Map<String, String> forms = new LinkedHashMap<>();
        String text = post.title() + "\n" + String.join("\n", post.tags()) + "\n" + post.text();
        try (TokenStream ts = PostSchema.analyzer().tokenStream(PostSchema.BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String word = text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT);
                forms.putIfAbsent(term.toString(), word.replaceAll("['’]s$", ""));
            }
            ts.end();
        }
        return forms;
    }

    // ---------------------------------------------------------------- suggestions

    private static boolean startsWithWord(String value, String typed) {
        if (value.startsWith(typed)) {
            return true;
        }
        for (int i = value.indexOf(' '); i >= 0; i = value.indexOf(' ', i + 1)) {
            if (value.startsWith(typed, i + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Titles containing every typed word, the last one possibly unfinished. */
    private List<Suggestion> titleSuggestions(IndexSearcher s, String typed, boolean finished, int size) {
        if (size <= 0) {
            return List.of();
        }
        List<String> words = Queries.tokens(PostSchema.TITLE_EXACT, typed);
        if (words.isEmpty()) {
            return List.of();
        }
        boolean unfinished = !finished;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            Term t = new Term(PostSchema.TITLE_EXACT, words.get(i));
            b.add(i == words.size() - 1 && unfinished
                    ? new PrefixQuery(t, new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(Queries.PREFIX_EXPANSIONS))
                    : new TermQuery(t), Occur.MUST);
        }
        try {
            TopDocs top = s.search(b.build(), size, sort(SearchRequest.Sort.RELEVANCE));
            List<Suggestion> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            StoredFields sf = s.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Post p = PostSchema.toPost(stored(sf, sd.doc, PostSchema.summaryFields()));
                if (seen.add(p.title().toLowerCase(Locale.ROOT))) {
                    out.add(new Suggestion(p.title(), Suggestion.TITLE, 1, p.id(), p.url()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private <T> T withSearcher(Function<IndexSearcher, T> work) {
        IndexSearcher s = index.acquire();
        try {
            return work.apply(s);
        } finally {
            index.release(s);
        }
    }

    /**
     * The post with this id, or this URL. A page's URL often differs from the feed's link in small ways
     * (http or https, a trailing slash, a fragment), so those variants are tried too.
     */
    private static Optional<Integer> find(IndexSearcher s, String idOrUrl) {
        String key = idOrUrl.strip();
        if (key.isEmpty() || key.length() > 2_000) {
            return Optional.empty();
        }
        List<Term> candidates = new ArrayList<>();
        if (PostId.isValid(key)) {
            candidates.add(PostSchema.idTerm(key));
        } else {
            String url = key.replaceFirst("#.*$", "");
            String other = url.endsWith("/") ? url.substring(0, url.length() - 1) : url + "/";
            for (String u : List.of(key, url, other)) {
                candidates.add(PostSchema.urlTerm(u));
                if (u.startsWith("https://")) {
                    candidates.add(PostSchema.urlTerm("http://" + u.substring(8)));
                } else if (u.startsWith("http://")) {
                    candidates.add(PostSchema.urlTerm("https://" + u.substring(7)));
                }
            }
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

    private static Document stored(IndexSearcher s, int doc, Set<String> fields) {
        return stored(storedFields(s), doc, fields);
    }

    /**
     * A reader of stored fields, to use for every document of one result: each one decompresses into
     * buffers of its own, and a new one per document was a tenth of all the memory a search allocated.
     */
    private static StoredFields storedFields(IndexSearcher s) {
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

    private static Optional<Instant> edgeDate(IndexSearcher s, boolean newest) throws IOException {
        SortField f = new SortField(PostSchema.PUBLISHED, SortField.Type.LONG, newest);
        TopDocs top = s.search(new FieldExistsQuery(PostSchema.PUBLISHED), 1, new Sort(f));
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        return PostSchema.toPost(stored(s, top.scoreDocs[0].doc, PostSchema.summaryFields())).published();
    }

    /** Per searcher generation: facet ordinals (costly to build, so built once) and tag counts. */
    private final class Generation {
        final IndexReader reader;
        final Snippets snippets;
        final SortedSetDocValuesReaderState facets;
        final FacetCounter counter;
        final ReaderMemo memo;
        final Queries.Vocabulary vocabulary;
        private volatile List<FacetValue> tags;

        Generation(IndexSearcher searcher) throws IOException {
            this.reader = searcher.getIndexReader();
            this.snippets = new Snippets(searcher);
            this.memo = new ReaderMemo(reader);
            int posts = reader.getDocCount(PostSchema.WORDS);
            this.vocabulary = new Queries.Vocabulary() {
                @Override
                public int docFreq(String term) {
                    try {
                        return memo.docFreq(new Term(PostSchema.WORDS, term));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public int docCount() {
                    return posts;
                }
            };
            SortedSetDocValuesReaderState state;
            try {
                state = new DefaultSortedSetDocValuesReaderState(reader, PostSchema.facets());
            } catch (IllegalArgumentException e) {
                state = null; // no post has facets yet
            }
            this.facets = state;
            this.counter = new FacetCounter(reader, state);
        }

        List<FacetValue> tags() {
            List<FacetValue> t = tags;
            if (t == null) {
                try {
                    t = counter.everything().values(Dimension.TAG, Integer.MAX_VALUE, List.of());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                tags = t;
            }
            return t;
        }
    }

    private Generation generation(IndexSearcher s) {
        Generation g = generation;
        if (g != null && g.reader == s.getIndexReader()) {
            return g;
        }
        synchronized (this) {
            g = generation;
            if (g == null || g.reader != s.getIndexReader()) {
                try {
                    g = new Generation(s);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                generation = g;
            }
            return g;
        }
    }
}
