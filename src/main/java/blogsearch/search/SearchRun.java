package blogsearch.search;

import blogsearch.engine.SearchRequest;
import blogsearch.engine.SearchRequest.Mode;
import blogsearch.engine.SearchResult;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.SearchResult.Hit;
import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.Bits;

/**
 * One search, run: the user's query built ({@link Queries}), its matches counted and ranked in one or two
 * passes, the best of them re-ranked by word proximity and feedback, a respelled query tried when no post
 * has every word, and the page put together from the hits ({@link StoredPosts}) and facets ({@link Facets}).
 * By meaning, the posts nearest the query's vector (narrowed by the same filters) are found first: semantic
 * search ranks them alone; hybrid search counts them with the matches by words and fuses the two rankings.
 */
final class SearchRun {
    /** How many of each side's best a hybrid ranking fuses, and how many posts a semantic search finds. */
    static final int FUSED = 100;
    /** How many of a question's first posts, fused, its vector moves toward (see {@link Soon#fedBack}). */
    static final int FEEDBACK_POSTS = 3;

    /**
     * One executed query: the query before filters (facets count it without some of them), the top hits,
     * the counts, whether any match has every word (any match at all when the query is not a
     * multi-word short one), and whether any post matches by words.
     */
    private record Matches(Query query, TopDocs top, FacetCounts counts, boolean everyWord, boolean anyWord) {
        long total() {
            return counts.total;
        }
    }

    /** The posts nearest the query's vector: a query matching just them, scored by similarity, and its hits. */
    private record Nearest(Query docs, TopDocs top) {}

    /**
     * The nearest posts, found once the query's vector is made. In hybrid, with a core to spare, both are done on
     * another thread while the search by words runs; with none, that thread would only take turns with the searches,
     * and they are done when needed.
     */
    private final class Soon {
        private final Queries.Built built;
        private final String meaning;
        private final CompletableFuture<Placed> ahead;
        private Placed placed;

        /** The query's vector and the posts nearest it. */
        private record Placed(float[] vector, Nearest nearest) {}

        Soon(Queries.Built built, String meaning, boolean hybrid) {
            this.built = built;
            this.meaning = meaning;
            this.ahead = hybrid && RUNNING.get() < CORES ? vectors.soon(meaning, this::placed) : null;
        }

        private Placed placed(float[] vector) {
            try {
                return new Placed(vector, nearest(built, vector));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Nearest get() {
            if (placed == null) {
                try {
                    placed = ahead != null ? ahead.join() : placed(vectors.vector(meaning));
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            return placed.nearest();
        }

        /**
         * Feedback by meaning, as by words for a question: the vector moved toward the mean of the
         * {@value #FEEDBACK_POSTS} posts ranked first (Rocchio's rule, the two weighing the same), and the posts
         * either side found, {@code ranked}, ranked by their similarity to it. Both sides' best are already at hand:
         * ranking them again costs a fraction of a second search of the graph, and finds no post the first did not.
         */
        Nearest fedBack(TopDocs ranked) throws IOException {
            Nearest nearest = get();
            float[][] vectors = new float[ranked.scoreDocs.length][];
            List<float[]> first = new ArrayList<>();
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = StoredPosts.vector(s, ranked.scoreDocs[i].doc);
                if (vectors[i] != null && first.size() < FEEDBACK_POSTS) {
                    first.add(vectors[i]);
                }
            }
            if (first.isEmpty()) {
                return nearest;
            }
            float[] moved = towards(placed.vector(), first);
            Bits elsewhere = g.otherLanguagePosts(s);
            List<ScoreDoc> near = new ArrayList<>();
            for (int i = 0; i < vectors.length; i++) {
                int doc = ranked.scoreDocs[i].doc;
                if (vectors[i] != null && (elsewhere == null || !elsewhere.get(doc))) {
                    near.add(new ScoreDoc(doc, PostSchema.VECTOR_SIMILARITY.compare(moved, vectors[i])));
                }
            }
            near.sort((a, b) -> Float.compare(b.score, a.score));
            ScoreDoc[] top = near.subList(0, Math.min(FUSED, near.size())).toArray(ScoreDoc[]::new);
            return new Nearest(nearest.docs(), new TopDocs(new TotalHits(top.length, TotalHits.Relation.EQUAL_TO),
                    top));
        }
    }

    /** What one pass found: the best posts, and the counts over every match. */
    private record Passes(TopDocs top, FacetCounts counts) {}

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Searches under way in this process. */
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final IndexSearcher s;
    private final Generation g;
    private final Synonyms synonyms;
    private final SearchRequest request;
    private final QueryVectors vectors;
    private final Facets facets;
    private final Queries.Ranking ranking;

    private SearchRun(IndexSearcher s, Generation g, Synonyms synonyms, QueryVectors vectors, SearchRequest request) {
        this.s = s;
        this.g = g;
        this.synonyms = synonyms;
        this.vectors = vectors;
        this.request = request;
        this.facets = new Facets(g, request);
        this.ranking = request.sort() == SearchRequest.Sort.NEWEST ? Queries.Ranking.NEWEST
                : Queries.Ranking.RELEVANCE;
    }

    /**
     * The page {@code request} asks for, its words expanded by {@code synonyms}, queries placed by {@code vectors},
     * timed from {@code start}.
     */
    static SearchResult run(IndexSearcher s, Generation g, Synonyms synonyms, QueryVectors vectors,
            SearchRequest request, long start) {
        RUNNING.incrementAndGet();
        try {
            return new SearchRun(s, g, synonyms, vectors, request).result(start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    private SearchResult result(long start) throws IOException {
        UserQuery.Parsed parsed = UserQuery.parse(request.query());
        Queries.Built built = built(parsed);
        String meaning = meaning(parsed);
        Mode mode = mode(built, meaning);
        Soon nearest = mode == Mode.LEXICAL ? null : new Soon(built, meaning, mode == Mode.HYBRID);
        Matches m = mode == Mode.SEMANTIC ? byMeaning(nearest.get()) : matches(built, nearest);
        Optional<String> didYouMean = built.hasText() && request.respell() && mode != Mode.SEMANTIC
                ? Spelling.respell(s.getIndexReader(), g.memo, parsed, synonyms::knows)
                : Optional.empty();
        boolean corrected = false;
        if (didYouMean.isPresent() && !m.everyWord()) {
            // Nothing has every word as typed: if the respelled query does better, show its results.
            Queries.Built respelled = built(UserQuery.parse(didYouMean.get()));
            Matches alt = matches(respelled, nearest);
            if (alt.everyWord()) {
                m = alt;
                built = respelled;
                corrected = true;
            }
        }
        boolean relaxed = built.allWords() != null && !m.everyWord() && m.anyWord();
        List<Hit> hits = StoredPosts.hits(s, g, m.top(), built.highlight(), request);
        Map<String, List<FacetValue>> counted = facets.values(s, m.query(), m.counts());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        List<String> warnings = warnings(built, m.total());
        if (request.mode() == Mode.SEMANTIC && mode == Mode.LEXICAL && built.hasText()) {
            warnings = Stream.concat(warnings.stream(), Stream.of(request.sort() == SearchRequest.Sort.NEWEST
                    ? "sorted by date, posts are matched by their words, not by meaning"
                    : "no post has a vector for search by meaning: posts are matched by their words")).toList();
        }
        if (mode == Mode.HYBRID && !m.anyWord() && m.total() > 0) {
            // The nearest posts are always found, even for words that mean nothing: say that nothing matched them.
            warnings = Stream.concat(warnings.stream(),
                    Stream.of("no post has these words: the posts shown are the nearest in meaning")).toList();
        }
        return new SearchResult(request.query(), m.total(), tookMs, request.page(), request.size(),
                request.sort().label(), mode.label(), hits, counted, didYouMean, corrected, relaxed, warnings);
    }

    /**
     * The mode that runs: the one asked for, unless it needs vectors that no post has (or a model that is not
     * installed), the query has no words to place, or results are sorted by date, which only words decide.
     */
    private Mode mode(Queries.Built built, String meaning) {
        boolean placeable = g.hasVectors && vectors.available() && built.hasText()
                && !meaning.isBlank() && request.sort() == SearchRequest.Sort.RELEVANCE;
        return placeable ? request.mode() : Mode.LEXICAL;
    }

    /** The text a query's vector is made of: its words, phrases, prefixes and title words, not what it excludes. */
    private static String meaning(UserQuery.Parsed parsed) {
        return parsed.clauses().stream()
                .filter(c -> !c.negated() && (c.isText() || c.kind() == UserQuery.Kind.TITLE))
                .map(UserQuery.Clause::text).collect(Collectors.joining(" ")).strip();
    }

    /**
     * The {@value #FUSED} posts nearest {@code vector} among those the request's and the query's
     * filters leave, in English (the model places other languages poorly: their posts are found by words).
     */
    private Nearest nearest(Queries.Built built, float[] vector) throws IOException {
        // Only posts have vectors, so with nothing to narrow by the graph is searched unfiltered: a filter is first
        // matched against every post, which took longer than the search itself.
        Query filter = built.restrictions() == null && !facets.narrows() ? null
                : facets.filtered(built.restrictions() != null ? built.restrictions() : new MatchAllDocsQuery());
        if (g.otherLanguages != null) {
            filter = new BooleanQuery.Builder()
                    .add(filter != null ? filter : new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(g.otherLanguages, BooleanClause.Occur.MUST_NOT).build();
        }
        // Rewritten, the search for the nearest posts is done once: what is left matches just them, with their
        // similarity as score, for the counting and ranking passes to reuse.
        Query docs = s.rewrite(new KnnFloatVectorQuery(PostSchema.VECTOR, vector, FUSED, filter));
        return new Nearest(docs, s.search(docs, FUSED));
    }

    /** A semantic search: the nearest posts, counted and ranked by their similarity alone. */
    private Matches byMeaning(Nearest nearest) throws IOException {
        FacetCounts counts = s.search(new ConstantScoreQuery(facets.counted(nearest.docs())), facets.counter());
        int n = request.page() * request.size();
        TopDocs top = nearest.top().scoreDocs.length > n
                ? new TopDocs(nearest.top().totalHits, Arrays.copyOf(nearest.top().scoreDocs, n)) : nearest.top();
        return new Matches(nearest.docs(), top, counts, true, false);
    }

    private Queries.Built built(UserQuery.Parsed parsed) {
        return Queries.build(synonyms.expand(parsed), ranking, g.vocabulary);
    }

    /** The query's warnings, and one if the page asked for is past the last. */
    private List<String> warnings(Queries.Built built, long total) {
        long pages = (total + request.size() - 1) / request.size();
        if (request.page() <= pages || pages == 0) {
            return built.warnings();
        }
        return Stream.concat(built.warnings().stream(),
                Stream.of("page " + request.page() + " is past the last page (" + pages + ")")).toList();
    }

    /**
     * Runs {@code built}: its matches counted, the best ranked and re-ranked, down to the requested page; with
     * {@code soon} (hybrid), the posts nearest the query's vector are counted as matches too and the two rankings
     * fused (for a question, with the vector moved toward the posts the first fusion ranks first).
     */
    private Matches matches(Queries.Built built, Soon soon) throws IOException {
        // The passes below look up the same words: each word's place in each segment is found once.
        Map<Term, TermStates> terms = new HashMap<>();
        Query query = lookedUp(built.query(), terms);
        Query matching = facets.filtered(query);
        int n = request.page() * request.size();
        // Without words there is nothing to rank by: the newest posts come first, undated ones last.
        boolean relevance = request.sort() == SearchRequest.Sort.RELEVANCE && built.hasText();
        // Relevance: the best by words, then those near the top re-ranked by proximity and feedback.
        int window = Math.max(built.proximity() != null ? Queries.PROXIMITY_WINDOW : 0,
                built.isLong() ? Feedback.WINDOW : 0);
        int depth = relevance ? Math.max(n, Math.max(window, soon != null ? FUSED : 0)) : n;
        Nearest nearest;
        TopDocs top;
        TopDocs words;
        FacetCounts counts;
        if (relevance && !(built.phrases() && !built.isLong())) {
            // Two passes beat one: which posts match (for the total and the facets) needs no scores, and the best
            // by score can then skip whole blocks of postings that cannot make the top. The best by words come
            // first, while the query's vector is made and the posts nearest it found.
            top = best(facets.filtered(lookedUp(built.ranking(), terms)), depth);
            words = reranked(built, top);
            counts = s.search(new ConstantScoreQuery(facets.counted(query)), facets.counter());
        } else {
            Passes passes = onePass(facets.counted(query), matching, depth, relevance);
            top = passes.top();
            words = relevance ? reranked(built, top) : top;
            counts = passes.counts();
        }
        // Everything by words is done before waiting for the posts nearest the query's vector: those the words did
        // not find are then counted on their own, a hundred posts at most.
        nearest = soon == null ? null : soon.get();
        if (nearest != null) {
            if (built.isLong()) {
                nearest = soon.fedBack(fused(words, nearest.top()));
            }
            counts.add(s.search(new ConstantScoreQuery(facets.counted(new BooleanQuery.Builder()
                    .add(nearest.docs(), BooleanClause.Occur.FILTER).add(query, BooleanClause.Occur.MUST_NOT)
                    .build())), facets.counter()));
        }
        // Posts with every word carry a bonus that puts them first (by date too, the score orders first):
        // the best one shows whether any match has them all.
        boolean anyWord = top.scoreDocs.length > 0;
        boolean everyWord = built.allWords() == null ? anyWord
                : anyWord && top.scoreDocs[0].score >= Queries.ALL_WORDS_BOOST;
        TopDocs best = nearest == null ? words : fused(words, nearest.top());
        return new Matches(found(query, nearest), best.scoreDocs.length > n ? new TopDocs(best.totalHits,
                Arrays.copyOf(best.scoreDocs, n)) : best, counts, everyWord, anyWord);
    }

    /**
     * The hybrid ranking ({@link Fusion}) of each side's best {@value #FUSED}; on a tie, by words first. A short
     * query's posts with every word stay first, as in every mode: their bonus is a tier of its own, not part of the
     * score that is scaled (scaled with it, it would leave nothing of the order by words among them). The rest of
     * the ranking by words follows, in its order.
     */
    private static TopDocs fused(TopDocs lexical, TopDocs nearest) {
        int head = Math.min(FUSED, lexical.scoreDocs.length);
        ScoreDoc[] words = new ScoreDoc[head];
        Map<Integer, Float> tiers = new HashMap<>();
        for (int i = 0; i < head; i++) {
            ScoreDoc sd = lexical.scoreDocs[i];
            float tier = sd.score >= Queries.ALL_WORDS_BOOST ? 1f : 0f;
            tiers.put(sd.doc, tier);
            words[i] = new ScoreDoc(sd.doc, sd.score - tier * Queries.ALL_WORDS_BOOST);
        }
        Map<Integer, Float> fused = Fusion.fuse(words, nearest.scoreDocs);
        List<ScoreDoc> ranked = new ArrayList<>(lexical.scoreDocs.length + nearest.scoreDocs.length);
        fused.forEach((doc, score) -> ranked.add(new ScoreDoc(doc, score + tiers.getOrDefault(doc, 0f))));
        ranked.sort((a, b) -> Float.compare(b.score, a.score)); // stable: ties keep the order by words
        for (int i = head; i < lexical.scoreDocs.length; i++) {
            if (!fused.containsKey(lexical.scoreDocs[i].doc)) {
                ranked.add(new ScoreDoc(lexical.scoreDocs[i].doc, 0f));
            }
        }
        return new TopDocs(lexical.totalHits, ranked.toArray(ScoreDoc[]::new));
    }

    /** {@code query} plus the mean of {@code posts}, made of length 1 again. */
    static float[] towards(float[] query, List<float[]> posts) {
        float[] moved = query.clone();
        for (float[] post : posts) {
            for (int d = 0; d < moved.length; d++) {
                moved[d] += post[d] / posts.size();
            }
        }
        double norm = 0;
        for (float x : moved) {
            norm += x * x;
        }
        if (norm == 0) {
            return query;
        }
        for (int d = 0; d < moved.length; d++) {
            moved[d] /= (float) Math.sqrt(norm);
        }
        return moved;
    }

    /** The matches: by words, or (hybrid) by words or by meaning, each counted once. */
    private static Query found(Query words, Nearest nearest) {
        return nearest == null ? words : new BooleanQuery.Builder()
                .add(words, BooleanClause.Occur.SHOULD).add(nearest.docs(), BooleanClause.Occur.SHOULD).build();
    }

    /**
     * The best {@code depth} by score. The ranking query matches the same posts as the counted one, so it needs no
     * check against them, and no count: skipping may start as soon as the best are found.
     */
    private TopDocs best(Query ranked, int depth) throws IOException {
        return s.search(ranked, new TopScoreDocCollectorManager(depth, null, depth));
    }

    /**
     * By date every match is visited anyway; and a phrase's positions are checked for every candidate either
     * way, so one pass checks them once.
     */
    private Passes onePass(Query counted, Query matching, int depth, boolean relevance) throws IOException {
        CollectorManager<? extends Collector, ? extends TopDocs> best = relevance
                ? new TopScoreDocCollectorManager(depth, null, Integer.MAX_VALUE)
                : new TopFieldCollectorManager(byScoreThenNewest(), depth, null, Integer.MAX_VALUE);
        Object[] both = s.search(counted, new MultiCollectorManager(facets.ranked(best), facets.counter()));
        TopDocs top = (TopDocs) both[0];
        if (!relevance) {
            TopFieldCollector.populateScores(top.scoreDocs, s, matching);
        }
        return new Passes(top, (FacetCounts) both[1]);
    }

    /** The best re-ranked by proximity (pairs only add, so lifted posts stay above the rest) and feedback. */
    private TopDocs reranked(Queries.Built built, TopDocs top) throws IOException {
        if (built.proximity() != null) {
            top = Rescoring.head(s, top, Queries.PROXIMITY_WINDOW, built.proximity(),
                    (first, pairsMatch, pairs) -> pairsMatch ? first + pairs : first);
        }
        return built.isLong() ? Feedback.rerank(s, top) : top;
    }

    /**
     * {@code q} with each term query carrying its term's statistics and per-segment places, looked up once
     * per search in {@code seen}. (A term query looks them up again in every pass, and a short query holds
     * each word twice: alone, and in the all-words bonus.)
     */
    private Query lookedUp(Query q, Map<Term, TermStates> seen) throws IOException {
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
                    copy.add(lookedUp(c.query(), seen), c.occur());
                }
                yield copy.build();
            }
            case BoostQuery b -> new BoostQuery(lookedUp(b.getQuery(), seen), b.getBoost());
            case ConstantScoreQuery c -> new ConstantScoreQuery(lookedUp(c.getQuery(), seen));
            default -> q;
        };
    }

    /** Best score first (under NEWEST the score only says whether a post has every word), then newest. */
    static Sort byScoreThenNewest() {
        SortField newest = new SortField(PostSchema.PUBLISHED, SortField.Type.LONG, true);
        newest.setMissingValue(Long.MIN_VALUE);
        return new Sort(SortField.FIELD_SCORE, newest);
    }
}
