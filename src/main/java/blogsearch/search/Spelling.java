package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.index.PostSchema;
import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import blogsearch.search.UserQuery.Parsed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * "Did you mean": respells words the index does not have at all as the word they most likely are. A word
 * found in any field (titles, text, tags, authors, feed names) is never respelled. The dictionary is the
 * exact words of titles, the word stems of bodies and the one-word tags.
 */
final class Spelling {
    /**
     * Longer words are not respelled: no real word is that long, and the edit-distance automaton for a
     * 1,000-letter "word" took most of a second to build, on every search that had one.
     */
    static final int MAX_WORD_CHARS = 40;
    /** Where a word may be found: the words as analyzed for each searchable field. */
    private static final List<String> FOUND_IN = List.of(PostSchema.WORDS, PostSchema.TITLE_EXACT,
            PostSchema.AUTHOR, PostSchema.FEED);
    private static final List<String> DICTIONARY = List.of(PostSchema.TITLE_EXACT, PostSchema.BODY,
            PostSchema.keyField(Dimension.TAG));

    private Spelling() {}

    /**
     * The query with its misspelled words replaced, or empty if nothing looks misspelled; {@code known} words
     * (a synonym's) are never respelled.
     */
    static Optional<String> respell(IndexReader reader, ReaderMemo memo, Parsed parsed, Predicate<String> known) {
        if (parsed.clauses().size() > Queries.MAX_WORDS) {
            return Optional.empty(); // a long question is searched for its telling words, typos or not
        }
        boolean changed = false;
        List<String> parts = new ArrayList<>();
        try {
            for (List<Clause> group : parsed.groups()) {
                List<String> alternatives = new ArrayList<>();
                for (Clause c : group) {
                    String text = c.text();
                    if (!c.negated() && (c.kind() == Kind.WORD || c.kind() == Kind.PHRASE)) {
                        StringBuilder fixed = new StringBuilder();
                        for (String word : text.split("\\s+")) {
                            String better = known.test(word) ? word
                                    : memo.respelling(word, () -> respelled(reader, word)).orElse(word);
                            changed |= !better.equals(word);
                            fixed.append(fixed.isEmpty() ? "" : " ").append(better);
                        }
                        text = fixed.toString();
                    }
                    alternatives.add(render(c, text));
                }
                parts.add(String.join(" OR ", alternatives));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changed ? Optional.of(String.join(" ", parts)) : Optional.empty();
    }

    private static Optional<String> respelled(IndexReader reader, String word) throws IOException {
        String w = Words.normalize(word);
        if (w.length() < 3 || w.length() > MAX_WORD_CHARS || !w.chars().allMatch(Character::isLetter)
                || Words.tokens(PostSchema.BODY, w).isEmpty() || foundAnywhere(reader, w)) {
            return Optional.empty(); // too short or long, not a word, a stop word, or a word posts use
        }
        Map<String, Double> likelihood = new HashMap<>();
        for (Candidate c : candidates(reader, w)) {
            likelihood.merge(c.word(), c.likelihood(), Double::sum);
        }
        return Typo.clearWinner(likelihood).map(best -> matchCase(word, best));
    }

    private static boolean foundAnywhere(IndexReader reader, String w) throws IOException {
        if (reader.docFreq(new Term(PostSchema.keyField(Dimension.TAG), w)) > 0) {
            return true;
        }
        List<String> fields = new ArrayList<>(FOUND_IN);
        for (String language : PostSchema.languages(reader)) {
            fields.add(PostSchema.inLanguage(PostSchema.WORDS, language)); // a German word is no English misspelling
        }
        for (String field : fields) {
            for (String token : Words.tokens(field, w)) {
                if (reader.docFreq(new Term(field, token)) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A word the index has, as a post writes it, and how likely it is what was meant. */
    private record Candidate(String word, double likelihood) {}

    /**
     * Words within reach of {@code w}, each weighed by how many posts use it and by how far it is: short words
     * only one typing slip away, long ones up to two edits, the second edit making a word ten times less
     * likely. A stop word is never what someone meant to search for ("foo" is not "for").
     */
    private static List<Candidate> candidates(IndexReader reader, String w) throws IOException {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMinQueryLength(3);
        checker.setMaxEdits(Typo.maxEdits(w));
        List<Candidate> out = new ArrayList<>();
        for (String field : DICTIONARY) {
            // Body words are stems: compare the typed word's stem with them ("recieve" is "reciev", one swap).
            String typed = field.equals(PostSchema.BODY) ? Words.tokens(field, w).get(0) : w;
            for (SuggestWord s : checker.suggestSimilar(new Term(field, typed), 8, reader,
                    SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX)) {
                String word = field.equals(PostSchema.BODY) ? surface(reader, s.string, w) : s.string;
                if (word.contains(" ") || EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word)) {
                    continue;
                }
                double weight = Typo.weight(w, word);
                if (weight > 0) {
                    out.add(new Candidate(word, s.freq * weight));
                }
            }
        }
        return out;
    }

    /** How many posts are read for the ways they write a stem. */
    private static final int SURFACE_POSTS = 4;

    /**
     * A body stem as posts write it, in the form closest to what was typed ("reciev" is shown as "receive" for
     * "recieve", not as "receiving"): the words of a few posts holding the stem that stem to it.
     */
    static String surface(IndexReader reader, String stem, String typed) throws IOException {
        IndexSearcher s = new IndexSearcher(reader);
        String best = stem;
        int bestEdits = Integer.MAX_VALUE;
        for (var hit : s.search(new TermQuery(new Term(PostSchema.BODY, stem)), SURFACE_POSTS).scoreDocs) {
            String text = String.valueOf(s.storedFields().document(hit.doc, Set.of(PostSchema.BODY))
                    .get(PostSchema.BODY));
            try (TokenStream ts = PostSchema.analyzer().tokenStream(PostSchema.BODY, text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    if (term.toString().equals(stem)) {
                        String word = text.substring(offset.startOffset(), offset.endOffset())
                                .toLowerCase(Locale.ROOT).replaceAll("['’]s$", "");
                        int edits = Typo.edits(typed, word);
                        if (edits < bestEdits) {
                            best = word;
                            bestEdits = edits;
                        }
                    }
                }
                ts.end();
            }
            if (bestEdits <= 1) {
                break;
            }
        }
        return best;
    }

    /** Keeps the user's capitalization of the first letter. */
    private static String matchCase(String original, String suggestion) {
        if (!original.isEmpty() && Character.isUpperCase(original.charAt(0))) {
            return suggestion.substring(0, 1).toUpperCase(Locale.ROOT) + suggestion.substring(1);
        }
        return suggestion;
    }

    /** A clause written back in the query language. */
    static String render(Clause c, String text) {
        String neg = c.negated() ? "-" : "";
        return switch (c.kind()) {
            case WORD -> neg + text;
            case PREFIX -> neg + text + "*";
            case PHRASE -> neg + "\"" + text + "\"";
            default -> neg + c.kind().name().toLowerCase(Locale.ROOT) + ":"
                    + (text.contains(" ") ? "\"" + text + "\"" : text);
        };
    }
}
