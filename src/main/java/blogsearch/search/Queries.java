package blogsearch.search;

import blogsearch.engine.Dates;
import blogsearch.engine.SearchRequest;
import blogsearch.index.PostSchema;
import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import blogsearch.search.UserQuery.Parsed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Turns parsed user queries into Lucene queries: how words are matched across fields and weighted, how
 * many words must match, and the query the highlighter marks up.
 */
final class Queries {
    /** Title and tag matches of phrases and prefixes weigh as much as the index weighs single words there. */
    static final float TITLE_WEIGHT = PostSchema.TITLE_COPIES;
    static final float TAGS_WEIGHT = PostSchema.TAGS_COPIES;
    /** Queries of up to this many words need every word; longer ones are ranked by how much they match. */
    static final int SHORT_QUERY_WORDS = 4;
    /** Prefixes expand to at most this many terms, the most frequent ones. */
    static final int PREFIX_EXPANSIONS = 64;
    /**
     * Clauses (terms, phrases, ranges) one built query may have, prefix expansions included: Lucene refuses a
     * query of more than {@link IndexSearcher#getMaxClauseCount()} (1,024), and a request's facet filters add
     * up to 200 more.
     */
    static final int MAX_TERMS = IndexSearcher.getMaxClauseCount() - 4 * SearchRequest.MAX_FILTER_VALUES - 24;
    /** Fewer expansions than this make a prefix useless: clauses are dropped from the end instead. */
    static final int MIN_PREFIX_EXPANSIONS = 4;
    /**
     * Proximity: each pair of consecutive query words found close together in the body or the title, in order
     * and at most this many positions apart, adds to the score (as in sequential dependence models).
     */
    static final int PAIR_SLOP = 3;
    /** A pair weighs a fifth of its words, as sequential dependence models weigh pairs (0.15 against 0.85). */
    static final float PAIR_BOOST = 0.2f;
    /**
     * How many of the best matches by words alone are re-ranked by proximity. Checking word positions for
     * every match made two-word queries several times slower, and the posts it lifts are among the best anyway:
     * twenty rank as well as more, and finding fewer is faster (the figures are in the README).
     */
    static final int PROXIMITY_WINDOW = 20;
    /** Words longer than this are not words; they would only bloat the query. */
    static final int MAX_TOKENS_PER_CLAUSE = 16;
    static final int MAX_PAIRS = 32;
    /** The most words a query is searched for: a longer question is searched for those that carry it. */
    static final int MAX_WORDS = 32;

    /**
     * Words that say nothing about what a post is about: left out of long questions, and when choosing the
     * words that make posts related. (The index keeps most of them, so phrases still match.)
     */
    static final Set<String> FUNCTION_WORDS = Set.of(("a about above after again against all also am an and "
            + "any are as at be because been before being below between both but by can could did do does doing down "
            + "during each even few for from further get got had has have having he her here hers him his how i if in "
            + "into is it its just let like made make many may me might more most much must my no nor not now of off "
            + "on once one only or other our out over own really same see she should since so some still such than "
            + "that the their them then there these they thing things think this those through to too two under "
            + "until up us use used using very want was way we well were what when where which while who why will "
            + "with would yet you your").split(" "));
    /**
     * The same words as the index holds them, for comparing with analyzed terms: stemming turns "has" into
     * "ha", "does" into "doe", "very" into "veri".
     */
    static final Set<String> FUNCTION_TERMS = analyzed(FUNCTION_WORDS);

    /** What the index knows of words, for choosing those that carry a long question. */
    interface Vocabulary {
        /** Posts that have this analyzed word. */
        int docFreq(String term);

        /** Posts in all. */
        int docCount();

        /** No statistics: words are chosen by how often the question uses them, then in order. */
        Vocabulary UNKNOWN = new Vocabulary() {
            @Override
            public int docFreq(String term) {
                return 1;
            }

            @Override
            public int docCount() {
                return 1;
            }
        };
    }

    /**
     * @param query what matches, and how it ranks
     * @param ranking the same matches ranked the same way, written as one flat disjunction so that the best
     *     few can be found without scoring every match (block-max skipping)
     * @param allWords the posts that have every word of a short query (null for long or one-word queries)
     * @param proximity what the best matches of a relevance ranking gain for query words close together
     *     (null if nothing can), applied to the first {@value #PROXIMITY_WINDOW} only
     * @param highlight what to mark in titles and bodies
     * @param textGroups how many positive text groups (words, phrases, prefixes) the query has
     * @param isLong whether it is a question of more than {@value #SHORT_QUERY_WORDS} words: ranked by how much of
     *     it posts match, and worth expanding
     * @param phrases whether the query has a quoted phrase, whose positions cost more to check than skipping saves
     */
    record Built(Query query, Query ranking, Query allWords, Query proximity, Query highlight, int textGroups,
            boolean isLong, boolean phrases, List<String> warnings) {
        boolean hasText() {
            return textGroups > 0;
        }
    }

    /**
     * How matches are ordered. Either way a short query's posts with every word come first; then by
     * relevance (BM25F, proximity) or by date.
     */
    enum Ranking { RELEVANCE, NEWEST }

    /** Added to every post that has all the words of a short query: larger than any text score. */
    static final float ALL_WORDS_BOOST = 1_000f;

    private Queries() {}

    /** The query for {@code parsed}, a long question's words chosen without the index's statistics. */
    static Built build(Parsed parsed, Ranking ranking) {
        return build(parsed, ranking, Vocabulary.UNKNOWN);
    }

    /**
     * The query for {@code parsed}, within {@link #MAX_TERMS} clauses: many prefixes share the expansions
     * (with a warning), and if even that does not fit, clauses are dropped from the end (with a warning). A
     * long question is searched for the words that carry it, by what {@code vocabulary} knows of them.
     */
    static Built build(Parsed parsed, Ranking ranking, Vocabulary vocabulary) {
        Parsed p = parsed;
        while (true) {
            Built full = build(p, ranking, vocabulary, PREFIX_EXPANSIONS);
            Size size = Size.of(full.query()).max(Size.of(full.ranking()));
            if (size.terms(PREFIX_EXPANSIONS) <= MAX_TERMS) {
                return full;
            }
            int each = size.prefixes() == 0 ? 0 : (MAX_TERMS - size.terms(0)) / size.prefixes();
            if (each >= MIN_PREFIX_EXPANSIONS) {
                long prefixes = p.clauses().stream().filter(c -> c.kind() == Kind.PREFIX).count();
                return build(p.warn("with " + prefixes + " prefixes, each matches only its " + each
                        + " most frequent words"), ranking, vocabulary, each);
            }
            List<List<Clause>> fewer = p.groups().subList(0, p.groups().size() - 1);
            p = new Parsed(fewer, parsed.warnings()).warn("the query is too complex: only its first "
                    + fewer.stream().mapToInt(List::size).sum() + " words and filters were used");
        }
    }

    /**
     * How many clauses a query has besides its prefixes' expansions, and how many prefix queries it has
     * (each becomes as many clauses as it expands to).
     */
    private record Size(int terms, int prefixes) {
        int terms(int expansions) {
            return terms + prefixes * expansions;
        }

        Size max(Size other) {
            return new Size(Math.max(terms, other.terms), Math.max(prefixes, other.prefixes));
        }

        static Size of(Query q) {
            int[] n = new int[2];
            q.visit(new QueryVisitor() {
                @Override
                public void consumeTerms(Query query, Term... terms) {
                    n[0]++; // as Lucene counts: a phrase is one clause
                }

                @Override
                public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
                    n[1]++;
                }

                @Override
                public void visitLeaf(Query query) {
                    n[0]++;
                }

                @Override
                public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                    return this;
                }
            });
            return new Size(n[0], n[1]);
        }
    }

    private static Built build(Parsed parsed, Ranking ranking, Vocabulary vocabulary, int expansions) {
        List<String> warnings = new ArrayList<>(parsed.warnings());
        List<Query> filters = new ArrayList<>();
        List<Query> excluded = new ArrayList<>();
        BooleanQuery.Builder highlight = new BooleanQuery.Builder();
        // A query of only stop words ("to be or not to be") is searched on the exact fields.
        boolean exactWords = parsed.clauses().stream().allMatch(c -> c.kind() == Kind.WORD)
                && parsed.clauses().stream().allMatch(c -> tokens(PostSchema.BODY, c.text()).isEmpty());
        List<Part> parts = new ArrayList<>(); // the positive text groups, in order
        for (List<Clause> group : parsed.groups()) {
            Clause first = group.get(0);
            if (first.negated()) {
                Query q = positive(first, true, expansions, warnings);
                if (q != null) {
                    excluded.add(q);
                }
                continue;
            }
            if (isFilter(first.kind()) && group.size() == 1) {
                Query q = filter(first, warnings);
                if (q != null) {
                    filters.add(q);
                }
                continue;
            }
            if (group.size() == 1 && first.kind() == Kind.WORD && !exactWords) {
                List<String> t = tokens(PostSchema.BODY, first.text());
                if (!t.isEmpty()) { // else a stop word
                    parts.add(new Part(first, t, null));
                }
                continue;
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            int alternatives = 0;
            for (Clause c : group) {
                Query q = isFilter(c.kind()) ? filter(c, warnings)
                        : c.kind() == Kind.WORD && exactWords ? exactWord(c.text())
                        : positive(c, false, expansions, warnings);
                if (q != null) {
                    any.add(q, Occur.SHOULD);
                    alternatives++;
                    Query h = highlightOf(c);
                    if (h != null) {
                        highlight.add(h, Occur.SHOULD);
                    }
                }
            }
            if (alternatives > 0) {
                Query q = alternatives == 1 ? any.build().clauses().get(0).query() : any.build();
                parts.add(new Part(first, null, q));
            }
        }

        // More than a few words: function words ("what", "would", "using") go, and if more than a few words
        // are left, the query is a question, ranked by how much of it a post matches.
        List<Part> words = parts.stream().filter(Part::isWord).toList();
        boolean question = false;
        if (parts.size() > SHORT_QUERY_WORDS) {
            List<Part> telling = words.stream().filter(p -> !FUNCTION_WORDS.contains(bare(p.clause().text())))
                    .toList();
            words = telling.isEmpty() ? words : telling;
            question = parts.size() - parts.stream().filter(Part::isWord).count() + words.size() > SHORT_QUERY_WORDS;
        }
        Map<List<String>, Integer> counts = new LinkedHashMap<>(); // each word as analyzed, and how often it is said
        for (Part w : words) {
            counts.merge(w.tokens(), 1, Integer::sum);
        }
        Set<List<String>> kept = telling(counts, vocabulary, warnings);

        List<Query> text = new ArrayList<>();
        List<String> sequence = new ArrayList<>(); // the words in order, for proximity
        Set<Part> searched = new HashSet<>(words);
        Set<List<String>> added = new HashSet<>();
        for (Part p : parts) {
            if (!p.isWord()) {
                text.add(p.query());
                continue;
            }
            if (!searched.contains(p) || !kept.contains(p.tokens())) {
                continue;
            }
            // A pair may only join words that are whole clauses: a pair inside "e-mail" or across it could
            // match posts that lack the rest of that split word, which the query does not match.
            sequence.add(p.tokens().size() == 1 ? p.tokens().get(0) : null);
            if (added.add(p.tokens())) {
                // A word said twice weighs twice.
                Query q = word(p.tokens(), p.clause().text());
                int n = counts.get(p.tokens());
                text.add(n == 1 ? q : new BoostQuery(q, n));
                highlight.add(highlightOf(p.clause()), Occur.SHOULD);
            }
        }

        Query allWords = null;
        if (!question && text.size() >= 2) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            text.forEach(q -> all.add(q, Occur.MUST));
            allWords = all.build();
        }
        BooleanQuery.Builder matching = new BooleanQuery.Builder();
        for (Query q : text) {
            matching.add(q, Occur.SHOULD);
        }
        if (question && ranking == Ranking.NEWEST) {
            // Sorted by date, a long query must still be about something: most of its words, not one.
            matching.setMinimumNumberShouldMatch((text.size() + 1) / 2);
        }
        Query core = text.isEmpty() ? new TermQuery(PostSchema.postType()) : matching.build();

        BooleanQuery.Builder b = new BooleanQuery.Builder();
        BooleanQuery.Builder pairs = new BooleanQuery.Builder();
        int pairCount = 0;
        if (ranking == Ranking.RELEVANCE) {
            b.add(core, Occur.MUST);
            for (int i = 0; i + 1 < sequence.size() && pairCount < MAX_PAIRS; i++) {
                if (sequence.get(i) != null && sequence.get(i + 1) != null
                        && !sequence.get(i).equals(sequence.get(i + 1))) {
                    pairs.add(new BoostQuery(pair(sequence.get(i), sequence.get(i + 1)), PAIR_BOOST), Occur.SHOULD);
                    pairCount++;
                }
            }
            if (allWords != null) {
                b.add(new BoostQuery(new ConstantScoreQuery(allWords), ALL_WORDS_BOOST), Occur.SHOULD);
            }
        } else {
            // The score only groups: posts with every word first, as by relevance; the date orders within.
            b.add(new ConstantScoreQuery(core), Occur.MUST);
            if (allWords != null) {
                b.add(new BoostQuery(new ConstantScoreQuery(allWords), ALL_WORDS_BOOST), Occur.SHOULD);
            }
        }
        Query query = restrict(b, filters, excluded).build();
        Query ranked = query;
        if (ranking == Ranking.RELEVANCE && !text.isEmpty()) {
            // The all-words bonus only matches where words do, so "one of these" is the same set.
            BooleanQuery.Builder flat = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
            text.forEach(q -> flat.add(q, Occur.SHOULD));
            for (BooleanClause c : b.build().clauses()) {
                if (c.occur() == Occur.SHOULD) {
                    flat.add(c.query(), Occur.SHOULD);
                }
            }
            ranked = restrict(flat, filters, excluded).build();
        }
        boolean phrases = parsed.clauses().stream().anyMatch(c -> c.kind() == Kind.PHRASE && !c.negated());
        return new Built(query, ranked, allWords, pairCount == 0 ? null : pairs.build(), highlight.build(), text.size(),
                question && !text.isEmpty(), phrases, List.copyOf(warnings));
    }

    /**
     * Two words close together, in order, in the body or the title; the title weighs as much as the index
     * weighs a word there.
     */
    private static Query pair(String first, String second) {
        List<String> both = List.of(first, second);
        return new BooleanQuery.Builder()
                .add(phrase(PostSchema.BODY, both, PAIR_SLOP), Occur.SHOULD)
                .add(new BoostQuery(phrase(PostSchema.TITLE, both, PAIR_SLOP), TITLE_WEIGHT), Occur.SHOULD)
                .build();
    }

    /** A positive text group: a plain word with its analyzed tokens, or anything else with its query. */
    private record Part(Clause clause, List<String> tokens, Query query) {
        boolean isWord() {
            return tokens != null;
        }
    }

    /**
     * The words (as analyzed) that carry a long question: all of them up to {@value #MAX_WORDS}, else the
     * {@value #MAX_WORDS} that say most about it, by how often the question uses them and how rare they are
     * in the index (as "more like this" picks the words of a post); words no post has come last.
     */
    private static Set<List<String>> telling(Map<List<String>, Integer> counts, Vocabulary vocabulary,
            List<String> warnings) {
        if (counts.size() <= MAX_WORDS) {
            return counts.keySet();
        }
        int docs = Math.max(1, vocabulary.docCount());
        Map<List<String>, Double> weight = new HashMap<>();
        counts.forEach((t, n) -> {
            // A word split in parts ("e-mail") is as telling as its most common part; one no post has tells nothing.
            int df = t.stream().mapToInt(vocabulary::docFreq).max().orElse(0);
            weight.put(t, df == 0 ? 0 : n * Math.log(1 + (docs - df + 0.5) / (df + 0.5)));
        });
        List<List<String>> ranked = new ArrayList<>(counts.keySet());
        ranked.sort((a, b) -> Double.compare(weight.get(b), weight.get(a))); // stable: first said wins a tie
        warnings.add("a long question: searched for the " + MAX_WORDS + " of its " + counts.size()
                + " words that say most about it");
        return new HashSet<>(ranked.subList(0, MAX_WORDS));
    }

    private static BooleanQuery.Builder restrict(BooleanQuery.Builder b, List<Query> filters, List<Query> excluded) {
        for (Query f : filters) {
            b.add(f, Occur.FILTER);
        }
        for (Query x : excluded) {
            b.add(x, Occur.MUST_NOT);
        }
        return b;
    }

    private static boolean isFilter(Kind k) {
        return k == Kind.TAG || k == Kind.AUTHOR || k == Kind.FEED || k == Kind.AFTER || k == Kind.BEFORE;
    }

    /** The query for a positive text clause (or, when {@code forExclusion}, for anything to exclude). */
    private static Query positive(Clause c, boolean forExclusion, int expansions, List<String> warnings) {
        return switch (c.kind()) {
            case WORD -> word(c.text());
            case PHRASE -> exactPhrase(c.text());
            case PREFIX -> prefix(c.text(), expansions);
            case TITLE -> fieldText(PostSchema.TITLE, c.text());
            case TAG, AUTHOR, FEED, AFTER, BEFORE -> forExclusion ? filter(c, warnings) : null;
        };
    }

    /** One word, scored over title, body and tags together (BM25F); split words ("e-mail") become phrases. */
    static Query word(String text) {
        List<String> t = tokens(PostSchema.BODY, text);
        return t.isEmpty() ? null : word(t, text);
    }

    private static Query word(List<String> t, String text) {
        if (t.size() == 1) {
            return analyzedWord(t.get(0));
        }
        // "nova-compute", "e-mail": each part must be there; right next to each other counts more.
        BooleanQuery.Builder parts = new BooleanQuery.Builder();
        for (String token : t) {
            parts.add(analyzedWord(token), Occur.MUST);
        }
        parts.add(new BoostQuery(textPhrase(PostSchema.BODY, text), PAIR_BOOST), Occur.SHOULD);
        return parts.build();
    }

    /** A word already analyzed (stemmed), scored over title, body and tags together (BM25F). */
    static Query analyzedWord(String token) {
        return new TermQuery(new Term(PostSchema.WORDS, token));
    }

    /**
     * A word as written, for queries made only of stop words ("to be or not to be"). Only titles keep stop
     * words, so only titles can match such a query.
     */
    private static Query exactWord(String text) {
        List<String> t = tokens(PostSchema.TITLE_EXACT, text);
        return t.isEmpty() ? null : new BoostQuery(phrase(PostSchema.TITLE_EXACT, t, 0), TITLE_WEIGHT);
    }

    /**
     * A quoted phrase: the words in order, in the title (as written) or the body (stemmed, with the gaps
     * stop words leave, so "build a wall" finds "build a wall" and "builds a wall" but not "build the wall up").
     */
    private static Query exactPhrase(String text) {
        List<String> t = tokens(PostSchema.TITLE_EXACT, text);
        if (t.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new BoostQuery(phrase(PostSchema.TITLE_EXACT, t, 0), TITLE_WEIGHT), Occur.SHOULD);
        Query body = textPhrase(PostSchema.BODY, text);
        if (body != null) {
            b.add(body, Occur.SHOULD);
        }
        return b.build();
    }

    private static Query prefix(String text, int expansions) {
        String p = normalize(text);
        if (p.length() < UserQuery.MIN_PREFIX) {
            return null;
        }
        return new BooleanQuery.Builder()
                .add(new BoostQuery(prefixQuery(PostSchema.TITLE_EXACT, p, expansions), TITLE_WEIGHT), Occur.SHOULD)
                .add(prefixQuery(PostSchema.BODY, stemPrefix(text, p), expansions), Occur.SHOULD)
                .add(new BoostQuery(prefixQuery(PostSchema.TAGS, p, expansions), TAGS_WEIGHT), Occur.SHOULD)
                .build();
    }

    /** The body holds stems: "kubernete*" must look for "kubernet", "running*" for "run". */
    static String stemPrefix(String text, String normalized) {
        List<String> stem = tokens(PostSchema.BODY, text);
        return stem.size() == 1 && normalized.startsWith(stem.get(0)) ? stem.get(0) : normalized;
    }

    private static PrefixQuery prefixQuery(String field, String prefix, int expansions) {
        return new PrefixQuery(new Term(field, prefix),
                new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(expansions));
    }

    /** Text in one field: a term, or a phrase if it analyzes to several. */
    private static Query fieldText(String field, String text) {
        return textPhrase(field, text);
    }

    private static Query filter(Clause c, List<String> warnings) {
        return switch (c.kind()) {
            case TAG -> fieldText(PostSchema.TAGS, c.text());
            case AUTHOR -> fieldText(PostSchema.AUTHOR, c.text());
            case FEED -> fieldText(PostSchema.FEED, c.text());
            case AFTER -> dateFilter(c, Dates.start(c.text()), true, warnings);
            case BEFORE -> dateFilter(c, Dates.start(c.text()), false, warnings);
            default -> null;
        };
    }

    private static Query dateFilter(Clause c, Optional<Instant> date, boolean after, List<String> warnings) {
        if (date.isEmpty()) {
            warnings.add("ignored " + c.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + c.text()
                    + ": dates are YYYY, YYYY-MM or YYYY-MM-DD");
            return null;
        }
        long ms = date.get().toEpochMilli();
        return after ? LongPoint.newRangeQuery(PostSchema.PUBLISHED, ms, Long.MAX_VALUE)
                : LongPoint.newRangeQuery(PostSchema.PUBLISHED, Long.MIN_VALUE, ms - 1);
    }

    /** What the highlighter should mark for a clause: stemmed forms in the stored title and body. */
    private static Query highlightOf(Clause c) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        switch (c.kind()) {
            case WORD, PHRASE, TITLE -> {
                Query title = textPhrase(PostSchema.TITLE, c.text());
                if (title == null) {
                    return null;
                }
                b.add(title, Occur.SHOULD);
                if (c.kind() != Kind.TITLE) {
                    b.add(textPhrase(PostSchema.BODY, c.text()), Occur.SHOULD);
                }
            }
            case PREFIX -> {
                // The stored fields hold stems: "kubernete*" must look for "kubernet" there.
                String p = stemPrefix(c.text(), normalize(c.text()));
                b.add(new PrefixQuery(new Term(PostSchema.TITLE, p)), Occur.SHOULD);
                b.add(new PrefixQuery(new Term(PostSchema.BODY, p)), Occur.SHOULD);
            }
            default -> {
                return null;
            }
        }
        return b.build();
    }

    /**
     * {@code text} as {@code field}'s analyzer sees it: a term, or an exact phrase. Positions come from the
     * analyzer, so a removed stop word leaves the same gap as in the index: "war and peace" is "war _ peac".
     * (Numbering the remaining words 0, 1, 2 made every phrase with a stop word match nothing.)
     */
    static Query textPhrase(String field, String text) {
        PhraseQuery.Builder pb = new PhraseQuery.Builder();
        Term first = null;
        int count = 0;
        try (TokenStream ts = PostSchema.analyzer().tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            int start = 0;
            while (ts.incrementToken() && count < MAX_TOKENS_PER_CLAUSE) {
                position += increment.getPositionIncrement();
                Term t = new Term(field, term.toString());
                if (first == null) {
                    first = t;
                    start = position; // a leading stop word does not matter
                }
                pb.add(t, position - start);
                count++;
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysis of a String does no I/O
        }
        return count == 0 ? null : count == 1 ? new TermQuery(first) : pb.build();
    }

    static Query phrase(String field, List<String> terms, int slop) {
        if (terms.size() == 1) {
            return new TermQuery(new Term(field, terms.get(0)));
        }
        PhraseQuery.Builder pb = new PhraseQuery.Builder().setSlop(slop);
        for (String t : terms) {
            pb.add(new Term(field, t));
        }
        return pb.build();
    }

    /** The tokens {@code field}'s analyzer makes of {@code text}, at most {@value #MAX_TOKENS_PER_CLAUSE}. */
    static List<String> tokens(String field, String text) {
        return tokens(field, text, MAX_TOKENS_PER_CLAUSE);
    }

    static List<String> tokens(String field, String text, int max) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = PostSchema.analyzer().tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < max) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysis of a String does no I/O
        }
        return out;
    }

    /** A word lower-cased and accent-folded, without the punctuation around it ("Why?" is "why"). */
    static String bare(String word) {
        return normalize(word).replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
    }

    private static Set<String> analyzed(Set<String> words) {
        Set<String> terms = new HashSet<>(words);
        for (String w : words) {
            terms.addAll(tokens(PostSchema.BODY, w));
        }
        return Set.copyOf(terms);
    }

    /** Lower-cased and accent-folded, as the exact fields hold words. */
    static String normalize(String text) {
        BytesRef b = PostSchema.analyzer().normalize(PostSchema.TITLE_EXACT, text.strip());
        return b.utf8ToString();
    }
}
