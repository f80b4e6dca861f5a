package blogsearch.search;

import blogsearch.index.PostSchema;
import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import blogsearch.search.UserQuery.Parsed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns parsed user queries into Lucene queries: how words are matched across fields and weighted, how
 * many words must match, and the query the highlighter marks up.
 */
final class Queries {
    /** Field weights for the BM25F combination of title, body and tags. */
    static final float TITLE_WEIGHT = 3f;
    static final float TAGS_WEIGHT = 2f;
    static final float BODY_WEIGHT = 1f;
    /** Queries of up to this many words need every word; longer ones are ranked by how much they match. */
    static final int SHORT_QUERY_WORDS = 4;
    /** Prefixes expand to at most this many terms, the most frequent ones. */
    static final int PREFIX_EXPANSIONS = 64;
    /** Words found near each other, within this many positions, rank higher. */
    static final int PROXIMITY_SLOP = 6;
    static final float PROXIMITY_BOOST = 0.5f;
    /** Words longer than this are not words; they would only bloat the query. */
    static final int MAX_TOKENS_PER_CLAUSE = 16;

    /**
     * @param query what to search for
     * @param highlight what to mark in titles and bodies
     * @param textGroups how many positive text groups (words, phrases, prefixes) the query has
     * @param relaxable true when requiring fewer words could find more
     */
    record Built(Query query, Query highlight, int textGroups, boolean relaxable, List<String> warnings) {
        boolean hasText() {
            return textGroups > 0;
        }
    }

    private Queries() {}

    /** @param relaxed require one word, not all (used when requiring all found nothing) */
    static Built build(Parsed parsed, boolean relaxed) {
        List<String> warnings = new ArrayList<>(parsed.warnings());
        List<Query> text = new ArrayList<>();
        List<Query> filters = new ArrayList<>();
        List<Query> excluded = new ArrayList<>();
        BooleanQuery.Builder highlight = new BooleanQuery.Builder();
        List<String> proximityTerms = new ArrayList<>();
        boolean allStopWords = true;
        int words = 0;
        for (List<Clause> group : parsed.groups()) {
            for (Clause c : group) {
                if (c.kind() == Kind.WORD) {
                    words++;
                    if (!tokens(PostSchema.BODY, c.text()).isEmpty()) {
                        allStopWords = false;
                    }
                } else {
                    allStopWords = false;
                }
            }
        }
        // A query of only stop words ("to be or not to be") is searched on the exact fields.
        boolean exactWords = words > 0 && allStopWords;
        for (List<Clause> group : parsed.groups()) {
            Clause first = group.get(0);
            if (first.negated()) {
                Query q = positive(first, true, warnings);
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
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            int alternatives = 0;
            for (Clause c : group) {
                Query q = isFilter(c.kind()) ? filter(c, warnings)
                        : c.kind() == Kind.WORD && exactWords ? exactWord(c.text()) : positive(c, false, warnings);
                if (q != null) {
                    any.add(q, Occur.SHOULD);
                    alternatives++;
                    Query h = highlightOf(c);
                    if (h != null) {
                        highlight.add(h, Occur.SHOULD);
                    }
                }
            }
            if (alternatives == 0) {
                continue; // stop words and empty clauses
            }
            text.add(alternatives == 1 ? any.build().clauses().get(0).query() : any.build());
            if (group.size() == 1 && first.kind() == Kind.WORD) {
                proximityTerms.addAll(tokens(PostSchema.BODY, first.text()));
            }
        }

        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean mustAll = !relaxed && text.size() <= SHORT_QUERY_WORDS;
        for (Query q : text) {
            b.add(q, mustAll ? Occur.MUST : Occur.SHOULD);
        }
        if (!mustAll && !text.isEmpty()) {
            b.setMinimumNumberShouldMatch(1);
        }
        if (proximityTerms.size() >= 2 && proximityTerms.size() <= MAX_TOKENS_PER_CLAUSE) {
            b.add(new BoostQuery(phrase(PostSchema.BODY, proximityTerms, PROXIMITY_SLOP), PROXIMITY_BOOST), Occur.SHOULD);
        }
        if (text.isEmpty()) {
            // Filters or exclusions alone: every post, narrowed.
            b.add(new TermQuery(PostSchema.postType()), Occur.MUST);
        }
        for (Query f : filters) {
            b.add(f, Occur.FILTER);
        }
        for (Query x : excluded) {
            b.add(x, Occur.MUST_NOT);
        }
        boolean relaxable = !relaxed && mustAll && text.size() >= 2;
        return new Built(b.build(), highlight.build(), text.size(), relaxable, List.copyOf(warnings));
    }

    private static boolean isFilter(Kind k) {
        return k == Kind.TAG || k == Kind.AUTHOR || k == Kind.FEED || k == Kind.AFTER || k == Kind.BEFORE;
    }

    /** The query for a positive text clause (or, when {@code forExclusion}, for anything to exclude). */
    private static Query positive(Clause c, boolean forExclusion, List<String> warnings) {
        return switch (c.kind()) {
            case WORD -> word(c.text());
            case PHRASE -> exactPhrase(c.text());
            case PREFIX -> prefix(c.text());
            case TITLE -> fieldText(PostSchema.TITLE, c.text());
            case TAG, AUTHOR, FEED, AFTER, BEFORE -> forExclusion ? filter(c, warnings) : null;
        };
    }

    /** One word, scored over title, body and tags together (BM25F); split words ("e-mail") become phrases. */
    static Query word(String text) {
        List<String> t = tokens(PostSchema.BODY, text);
        if (t.isEmpty()) {
            return null;
        }
        if (t.size() == 1) {
            return new CombinedFieldQuery.Builder(t.get(0))
                    .addField(PostSchema.TITLE, TITLE_WEIGHT)
                    .addField(PostSchema.BODY, BODY_WEIGHT)
                    .addField(PostSchema.TAGS, TAGS_WEIGHT)
                    .build();
        }
        return new BooleanQuery.Builder()
                .add(new BoostQuery(phrase(PostSchema.TITLE, t, 0), TITLE_WEIGHT), Occur.SHOULD)
                .add(phrase(PostSchema.BODY, t, 0), Occur.SHOULD)
                .add(new BoostQuery(phrase(PostSchema.TAGS, t, 0), TAGS_WEIGHT), Occur.SHOULD)
                .build();
    }

    /** A word matched as written, for queries made only of stop words. */
    private static Query exactWord(String text) {
        List<String> t = tokens(PostSchema.BODY_EXACT, text);
        if (t.isEmpty()) {
            return null;
        }
        return new BooleanQuery.Builder()
                .add(new BoostQuery(phrase(PostSchema.TITLE_EXACT, t, 0), TITLE_WEIGHT), Occur.SHOULD)
                .add(phrase(PostSchema.BODY_EXACT, t, 0), Occur.SHOULD)
                .build();
    }

    /** A quoted phrase: the words as written, in order, in the title or the body. */
    private static Query exactPhrase(String text) {
        List<String> t = tokens(PostSchema.BODY_EXACT, text);
        if (t.isEmpty()) {
            return null;
        }
        return new BooleanQuery.Builder()
                .add(new BoostQuery(phrase(PostSchema.TITLE_EXACT, t, 0), TITLE_WEIGHT), Occur.SHOULD)
                .add(phrase(PostSchema.BODY_EXACT, t, 0), Occur.SHOULD)
                .build();
    }

    private static Query prefix(String text) {
        String p = normalize(text);
        if (p.length() < UserQuery.MIN_PREFIX) {
            return null;
        }
        return new BooleanQuery.Builder()
                .add(new BoostQuery(prefixQuery(PostSchema.TITLE_EXACT, p), TITLE_WEIGHT), Occur.SHOULD)
                .add(prefixQuery(PostSchema.BODY_EXACT, p), Occur.SHOULD)
                .add(new BoostQuery(prefixQuery(PostSchema.TAGS, p), TAGS_WEIGHT), Occur.SHOULD)
                .build();
    }

    private static PrefixQuery prefixQuery(String field, String prefix) {
        return new PrefixQuery(new Term(field, prefix),
                new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(PREFIX_EXPANSIONS));
    }

    /** Text in one field: a term, or a phrase if it analyzes to several. */
    private static Query fieldText(String field, String text) {
        List<String> t = tokens(field, text);
        return t.isEmpty() ? null : phrase(field, t, 0);
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
                List<String> t = tokens(PostSchema.BODY, c.text());
                if (t.isEmpty()) {
                    return null;
                }
                b.add(phrase(PostSchema.TITLE, t, 0), Occur.SHOULD);
                if (c.kind() != Kind.TITLE) {
                    b.add(phrase(PostSchema.BODY, t, 0), Occur.SHOULD);
                }
            }
            case PREFIX -> {
                String p = normalize(c.text());
                b.add(new PrefixQuery(new Term(PostSchema.TITLE, p)), Occur.SHOULD);
                b.add(new PrefixQuery(new Term(PostSchema.BODY, p)), Occur.SHOULD);
            }
            default -> {
                return null;
            }
        }
        return b.build();
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
        List<String> out = new ArrayList<>();
        try (TokenStream ts = PostSchema.analyzer().tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < MAX_TOKENS_PER_CLAUSE) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysis of a String does no I/O
        }
        return out;
    }

    /** Lower-cased and accent-folded, as the exact fields hold words. */
    static String normalize(String text) {
        BytesRef b = PostSchema.analyzer().normalize(PostSchema.BODY_EXACT, text.strip());
        return b.utf8ToString();
    }
}
