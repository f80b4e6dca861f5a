package blogsearch.search;

import blogsearch.engine.Dates;
import blogsearch.index.PostSchema;
import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The Lucene query of one clause of a user's query: a word over title, body and tags; a quoted phrase; a prefix;
 * text in one field; a filter by tag, author, feed or date; two words close together; and what the highlighter
 * marks for a clause. {@link Queries} puts them together.
 *
 * <p>Text is looked for in the English fields and in those of each other language posts are in
 * ({@code languages}), analyzed for each: a German post is found by the German stem of a word, never by its
 * English one. With English alone, the queries are the English ones.
 */
final class ClauseQueries {
    private ClauseQueries() {}

    /**
     * Two words close together, in order, in the body or the title; the title weighs as much as the index
     * weighs a word there.
     */
    static Query pair(String first, String second) {
        List<String> both = List.of(first, second);
        return new BooleanQuery.Builder()
                .add(phrase(PostSchema.BODY, both, Queries.PAIR_SLOP), Occur.SHOULD)
                .add(new BoostQuery(phrase(PostSchema.TITLE, both, Queries.PAIR_SLOP), Queries.TITLE_WEIGHT),
                        Occur.SHOULD)
                .build();
    }

    /** Whether clauses of this kind narrow the matches rather than match text. */
    static boolean isFilter(Kind k) {
        return k == Kind.TAG || k == Kind.AUTHOR || k == Kind.FEED || k == Kind.AFTER || k == Kind.BEFORE;
    }

    /** The query for a positive text clause (or, when {@code forExclusion}, for anything to exclude). */
    static Query positive(Clause c, boolean forExclusion, int expansions, List<String> languages,
            List<String> warnings) {
        return switch (c.kind()) {
            case WORD -> word(Words.tokens(PostSchema.BODY, c.text()), c.text(), languages);
            case PHRASE -> exactPhrase(c.text(), languages);
            case PREFIX -> prefix(c.text(), expansions, languages);
            case TITLE -> inEach(languages, PostSchema.TITLE, f -> fieldText(f, c.text()));
            case TAG, AUTHOR, FEED, AFTER, BEFORE -> forExclusion ? filter(c, warnings) : null;
        };
    }

    /**
     * {@code make} of the English field and of each language's, any of them; null if none is made. With English
     * alone, {@code make} of the English field itself.
     */
    static Query inEach(List<String> languages, String field, Function<String, Query> make) {
        Query english = make.apply(field);
        if (languages.isEmpty()) {
            return english;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int made = 0;
        if (english != null) {
            any.add(english, Occur.SHOULD);
            made++;
        }
        for (String language : languages) {
            Query q = make.apply(PostSchema.inLanguage(field, language));
            if (q != null) {
                any.add(q, Occur.SHOULD);
                made++;
            }
        }
        return made == 0 ? null : made == 1 ? any.build().clauses().get(0).query() : any.build();
    }

    /**
     * One word, scored over title, body and tags together (BM25F), in each language: {@code english} is its
     * English tokens (already made by the caller); split words ("e-mail", or a sentence in a language written
     * without spaces) need every part, and their parts side by side count more.
     */
    static Query word(List<String> english, String text, List<String> languages) {
        return inEach(languages, PostSchema.BODY, body -> {
            List<String> t = body.equals(PostSchema.BODY) ? english : Words.tokens(body, text);
            return t.isEmpty() ? null : word(t, text, body);
        });
    }

    private static Query word(List<String> t, String text, String body) {
        String words = PostSchema.sameLanguage(PostSchema.WORDS, body);
        if (t.size() == 1) {
            return analyzedWord(words, t.get(0));
        }
        // "nova-compute", "e-mail": each part must be there; right next to each other counts more.
        BooleanQuery.Builder parts = new BooleanQuery.Builder();
        for (String token : t) {
            parts.add(analyzedWord(words, token), Occur.MUST);
        }
        parts.add(new BoostQuery(textPhrase(body, text), Queries.PAIR_BOOST), Occur.SHOULD);
        return parts.build();
    }

    /** A word already analyzed (stemmed) for the ranking field {@code words}: title, body and tags (BM25F). */
    static Query analyzedWord(String words, String token) {
        return new TermQuery(new Term(words, token));
    }

    /**
     * A word as written, for queries made only of stop words ("to be or not to be"). Only titles keep stop
     * words, so only titles can match such a query.
     */
    static Query exactWord(String text) {
        List<String> t = Words.tokens(PostSchema.TITLE_EXACT, text);
        return t.isEmpty() ? null : new BoostQuery(phrase(PostSchema.TITLE_EXACT, t, 0), Queries.TITLE_WEIGHT);
    }

    /**
     * A quoted phrase: the words in order, in the title (as written) or the body (stemmed, with the gaps
     * stop words leave, so "build a wall" finds "build a wall" and "builds a wall" but not "build the wall up").
     */
    private static Query exactPhrase(String text, List<String> languages) {
        List<String> t = Words.tokens(PostSchema.TITLE_EXACT, text);
        if (t.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new BoostQuery(phrase(PostSchema.TITLE_EXACT, t, 0), Queries.TITLE_WEIGHT), Occur.SHOULD);
        Query body = inEach(languages, PostSchema.BODY, f -> textPhrase(f, text));
        if (body != null) {
            b.add(body, Occur.SHOULD);
        }
        return b.build();
    }

    private static Query prefix(String text, int expansions, List<String> languages) {
        String p = Words.normalize(text);
        if (p.length() < UserQuery.MIN_PREFIX) {
            return null;
        }
        return new BooleanQuery.Builder()
                .add(new BoostQuery(prefixQuery(PostSchema.TITLE_EXACT, p, expansions), Queries.TITLE_WEIGHT),
                        Occur.SHOULD)
                .add(inEach(languages, PostSchema.BODY, f -> prefixQuery(f, stemPrefix(f, text, p), expansions)),
                        Occur.SHOULD)
                .add(new BoostQuery(prefixQuery(PostSchema.TAGS, p, expansions), Queries.TAGS_WEIGHT), Occur.SHOULD)
                .build();
    }

    /**
     * The body holds stems: "kubernete*" must look for "kubernet", "running*" for "run"; in another language, the
     * prefix as that language analyzes it ("Häus*" is "haus" in German).
     */
    static String stemPrefix(String body, String text, String normalized) {
        List<String> stem = Words.tokens(body, text);
        if (!body.equals(PostSchema.BODY)) {
            return stem.size() == 1 ? stem.get(0) : normalized;
        }
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

    static Query filter(Clause c, List<String> warnings) {
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

    /**
     * What the highlighter should mark for a clause: stemmed forms in the stored title and body, in each language; a
     * prefix's first {@code expansions} words, as the search takes them.
     */
    static Query highlightOf(Clause c, int expansions, List<String> languages) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int parts = 0;
        for (String language : languages.isEmpty() ? List.of("en") : concat("en", languages)) {
            Query q = highlightOf(c, PostSchema.inLanguage(PostSchema.TITLE, language),
                    PostSchema.inLanguage(PostSchema.BODY, language), expansions);
            if (q != null) {
                b.add(q, Occur.SHOULD);
                parts++;
            }
        }
        return parts == 0 ? null : parts == 1 ? b.build().clauses().get(0).query() : b.build();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Query highlightOf(Clause c, String titleField, String bodyField, int expansions) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        switch (c.kind()) {
            case WORD, PHRASE, TITLE -> {
                Query title = textPhrase(titleField, c.text());
                Query body = c.kind() == Kind.TITLE ? null : textPhrase(bodyField, c.text());
                if (title == null && body == null) {
                    return null;
                }
                if (title != null) {
                    b.add(title, Occur.SHOULD);
                }
                if (body != null) {
                    b.add(body, Occur.SHOULD);
                }
            }
            case PREFIX -> {
                // The stored fields hold stems: "kubernete*" must look for "kubernet" there.
                String p = stemPrefix(bodyField, c.text(), Words.normalize(c.text()));
                b.add(prefixQuery(titleField, p, expansions), Occur.SHOULD);
                b.add(prefixQuery(bodyField, p, expansions), Occur.SHOULD);
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
            while (ts.incrementToken() && count < Words.MAX_TOKENS_PER_CLAUSE) {
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
}
