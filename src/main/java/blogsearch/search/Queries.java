package blogsearch.search;

import blogsearch.engine.SearchRequest;
import blogsearch.index.PostSchema;
import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import blogsearch.search.UserQuery.Parsed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns parsed user queries into Lucene queries: how many words must match, which words carry a long question,
 * what ranks the matches (the all-words bonus, word proximity), and the query the highlighter marks up. Each
 * clause's own query (a word across fields, a phrase, a prefix, a filter) is {@link ClauseQueries}'s.
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
    static final int MAX_PAIRS = 32;
    /** The most words a query is searched for: a longer question is searched for those that carry it. */
    static final int MAX_WORDS = 32;

    /** What the index knows of words, for choosing those that carry a long question. */
    interface Vocabulary {
        /** Posts that have this analyzed word. */
        int docFreq(String term);

        /** Posts in all. */
        int docCount();

        /** The languages other than English that posts are analyzed in, by code. */
        default List<String> languages() {
            return List.of();
        }

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
     * @param restrictions the posts the query's own filters and exclusions leave (tag:, after:, -word): what a search
     *     by meaning is narrowed to; null if it has none
     */
    record Built(Query query, Query ranking, Query allWords, Query proximity, Query highlight, int textGroups,
            boolean isLong, boolean phrases, List<String> warnings, Query restrictions) {
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
            QuerySize size = QuerySize.of(full.query()).max(QuerySize.of(full.ranking()));
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

    private static Built build(Parsed parsed, Ranking ranking, Vocabulary vocabulary, int expansions) {
        Groups g = groups(parsed, expansions, vocabulary.languages());
        Text t = text(g, vocabulary);
        List<Query> text = t.queries();
        Query allWords = null;
        if (!t.question() && text.size() >= 2) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            text.forEach(q -> all.add(q, Occur.MUST));
            allWords = all.build();
        }
        BooleanQuery.Builder matching = new BooleanQuery.Builder();
        for (Query q : text) {
            matching.add(q, Occur.SHOULD);
        }
        if (t.question() && ranking == Ranking.NEWEST) {
            // Sorted by date, a long query must still be about something: most of its words, not one.
            matching.setMinimumNumberShouldMatch((text.size() + 1) / 2);
        }
        Query core = text.isEmpty() ? new TermQuery(PostSchema.postType()) : matching.build();
        // By date, the score only groups: posts with every word first, as by relevance; the date orders within.
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(ranking == Ranking.RELEVANCE ? core : new ConstantScoreQuery(core), Occur.MUST);
        if (allWords != null) {
            b.add(new BoostQuery(new ConstantScoreQuery(allWords), ALL_WORDS_BOOST), Occur.SHOULD);
        }
        Query query = restrict(b, g.filters(), g.excluded()).build();
        Query ranked = ranking == Ranking.RELEVANCE && !text.isEmpty() ? flat(text, b.build(), g) : query;
        Query proximity = ranking == Ranking.RELEVANCE ? pairs(t.sequence()) : null;
        boolean phrases = parsed.clauses().stream().anyMatch(c -> c.kind() == Kind.PHRASE && !c.negated());
        Query restrictions = g.filters().isEmpty() && g.excluded().isEmpty() ? null
                : restrict(new BooleanQuery.Builder().add(new TermQuery(PostSchema.postType()), Occur.FILTER),
                        g.filters(), g.excluded()).build();
        return new Built(query, ranked, allWords, proximity, g.highlight().build(), text.size(),
                t.question() && !text.isEmpty(), phrases, List.copyOf(g.warnings()), restrictions);
    }

    /**
     * What the groups of a query became: filters, exclusions, the positive text groups in order, what to mark,
     * and the warnings so far.
     */
    private record Groups(List<Query> filters, List<Query> excluded, List<Part> parts, BooleanQuery.Builder highlight,
            List<String> warnings, List<String> languages, int expansions) {}

    /** Each group of {@code parsed} as a filter, an exclusion, a plain word, or any of several clauses. */
    private static Groups groups(Parsed parsed, int expansions, List<String> languages) {
        Groups g = new Groups(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new BooleanQuery.Builder(),
                new ArrayList<>(parsed.warnings()), languages, expansions);
        // A query of only stop words ("to be or not to be") is searched on the exact fields.
        boolean exactWords = parsed.clauses().stream().allMatch(c -> c.kind() == Kind.WORD)
                && parsed.clauses().stream().allMatch(c -> Words.tokens(PostSchema.BODY, c.text()).isEmpty());
        for (List<Clause> group : parsed.groups()) {
            Clause first = group.get(0);
            if (first.negated()) {
                Query q = ClauseQueries.positive(first, true, expansions, languages, g.warnings());
                if (q != null) {
                    g.excluded().add(q);
                }
                continue;
            }
            if (ClauseQueries.isFilter(first.kind()) && group.size() == 1) {
                Query q = ClauseQueries.filter(first, g.warnings());
                if (q != null) {
                    g.filters().add(q);
                }
                continue;
            }
            if (group.size() == 1 && first.kind() == Kind.WORD && !exactWords) {
                List<String> t = Words.tokens(PostSchema.BODY, first.text());
                if (!t.isEmpty()) { // else a stop word
                    g.parts().add(new Part(first, t, null));
                }
                continue;
            }
            Query any = anyOf(group, exactWords, expansions, g);
            if (any != null) {
                g.parts().add(new Part(first, null, any));
            }
        }
        return g;
    }

    /** A group of alternatives ("a OR b"): any of them, each marked; null if none is searchable. */
    private static Query anyOf(List<Clause> group, boolean exactWords, int expansions, Groups g) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int alternatives = 0;
        for (Clause c : group) {
            Query q = ClauseQueries.isFilter(c.kind()) ? ClauseQueries.filter(c, g.warnings())
                    : c.kind() == Kind.WORD && exactWords ? ClauseQueries.exactWord(c.text())
                    : ClauseQueries.positive(c, false, expansions, g.languages(), g.warnings());
            if (q != null) {
                any.add(q, Occur.SHOULD);
                alternatives++;
                Query h = ClauseQueries.highlightOf(c, g.expansions(), g.languages());
                if (h != null) {
                    g.highlight().add(h, Occur.SHOULD);
                }
            }
        }
        return alternatives == 0 ? null : alternatives == 1 ? any.build().clauses().get(0).query() : any.build();
    }

    /**
     * The text queries, in order; the plain words in order, for proximity (null where a word is split); and
     * whether the query is a question, ranked by how much of it a post matches.
     */
    private record Text(List<Query> queries, List<String> sequence, boolean question) {}

    /**
     * The text of the query. With more than a few words, function words ("what", "would", "using") go, and if more
     * than a few words are left, the query is a question; a long one is searched for the words that carry it.
     */
    private static Text text(Groups g, Vocabulary vocabulary) {
        List<Part> parts = g.parts();
        List<Part> words = parts.stream().filter(Part::isWord).toList();
        boolean question = false;
        if (parts.size() > SHORT_QUERY_WORDS) {
            List<Part> telling = words.stream()
                    .filter(p -> !Words.FUNCTION_WORDS.contains(Words.bare(p.clause().text()))).toList();
            words = telling.isEmpty() ? words : telling;
            question = parts.size() - parts.stream().filter(Part::isWord).count() + words.size() > SHORT_QUERY_WORDS;
        }
        Map<List<String>, Integer> counts = new LinkedHashMap<>(); // each word as analyzed, and how often it is said
        for (Part w : words) {
            counts.merge(w.tokens(), 1, Integer::sum);
        }
        Set<List<String>> kept = telling(counts, vocabulary, g.warnings());
        List<Query> text = new ArrayList<>();
        List<String> sequence = new ArrayList<>();
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
                Query q = ClauseQueries.word(p.tokens(), p.clause().text(), g.languages());
                int n = counts.get(p.tokens());
                text.add(n == 1 ? q : new BoostQuery(q, n));
                g.highlight().add(ClauseQueries.highlightOf(p.clause(), g.expansions(), g.languages()),
                        Occur.SHOULD);
            }
        }
        return new Text(text, sequence, question);
    }

    /** Each pair of consecutive words (up to {@value #MAX_PAIRS}) close together, or null if there is none. */
    private static Query pairs(List<String> sequence) {
        BooleanQuery.Builder pairs = new BooleanQuery.Builder();
        int pairCount = 0;
        for (int i = 0; i + 1 < sequence.size() && pairCount < MAX_PAIRS; i++) {
            if (sequence.get(i) != null && sequence.get(i + 1) != null
                    && !sequence.get(i).equals(sequence.get(i + 1))) {
                pairs.add(new BoostQuery(ClauseQueries.pair(sequence.get(i), sequence.get(i + 1)), PAIR_BOOST),
                        Occur.SHOULD);
                pairCount++;
            }
        }
        return pairCount == 0 ? null : pairs.build();
    }

    /**
     * The same matches as {@code scored}, written as one flat disjunction of the text and its bonuses. The all-words
     * bonus only matches where words do, so "one of these" is the same set.
     */
    private static Query flat(List<Query> text, BooleanQuery scored, Groups g) {
        BooleanQuery.Builder flat = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
        text.forEach(q -> flat.add(q, Occur.SHOULD));
        for (BooleanClause c : scored.clauses()) {
            if (c.occur() == Occur.SHOULD) {
                flat.add(c.query(), Occur.SHOULD);
            }
        }
        return restrict(flat, g.filters(), g.excluded()).build();
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

}
