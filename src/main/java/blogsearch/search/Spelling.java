package blogsearch.search;

import blogsearch.index.PostSchema;
import blogsearch.search.UserQuery.Clause;
import blogsearch.search.UserQuery.Kind;
import blogsearch.search.UserQuery.Parsed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * "Did you mean": respells words the index does not know (or barely knows) as the closest words it
 * knows well, using the exact (unstemmed) words of titles and bodies as the dictionary.
 */
final class Spelling {
    /** A known word is still respelled when a close word is this many times more frequent. */
    static final int MORE_POPULAR_FACTOR = 20;
    /** Words at most this rare are candidates for respelling even though they exist. */
    static final int RARE_DOC_FREQ = 1;
    /**
     * Longer words are not respelled: no real word is that long, and the edit-distance automaton for a
     * 1,000-letter "word" took most of a second to build, on every search that had one.
     */
    static final int MAX_WORD_CHARS = 40;
    /** Titles are part of the dictionary: a word only ever used in a title ("Hamlet") is still a word. */
    /** Titles as written, then body stems; on a tie the title's word wins. */
    private static final List<String> DICTIONARY = List.of(PostSchema.TITLE_EXACT, PostSchema.BODY);

    private Spelling() {}

    /**
     * The query with its misspelled words replaced, or empty if nothing looks misspelled. Words the index
     * does not have are always checked; words it barely has only when {@code alsoRare}; {@code known} words
     * (a synonym's) never.
     */
    static Optional<String> respell(IndexReader reader, ReaderMemo memo, Parsed parsed, boolean alsoRare,
            Predicate<String> known) {
        if (parsed.clauses().size() > Queries.MAX_WORDS) {
            return Optional.empty(); // a long question is searched for its telling words, typos or not
        }
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMinQueryLength(3);
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
                                    : better(checker, reader, memo, word, alsoRare).orElse(word);
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

    private static Optional<String> better(DirectSpellChecker checker, IndexReader reader, ReaderMemo memo,
            String word, boolean alsoRare) throws IOException {
        return memo.respelling((alsoRare ? "rare:" : "unknown:") + word,
                () -> respelled(checker, reader, word, alsoRare));
    }

    private static Optional<String> respelled(DirectSpellChecker checker, IndexReader reader, String word,
            boolean alsoRare) throws IOException {
        String w = Words.normalize(word);
        if (w.length() < 3 || w.length() > MAX_WORD_CHARS || !w.chars().allMatch(Character::isLetter)) {
            return Optional.empty();
        }
        List<String> stem = Words.tokens(PostSchema.BODY, w);
        if (stem.isEmpty()) {
            return Optional.empty(); // a stop word
        }
        int df = reader.docFreq(new Term(PostSchema.BODY, stem.get(0)))
                + reader.docFreq(new Term(PostSchema.TITLE_EXACT, w));
        if (df > (alsoRare ? RARE_DOC_FREQ : 0)) {
            return Optional.empty();
        }
        SuggestMode mode = df == 0 ? SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX : SuggestMode.SUGGEST_MORE_POPULAR;
        SuggestWord best = null;
        String bestField = null;
        for (String field : DICTIONARY) {
            // A stop word is never what someone meant to search for ("foo" is not "for").
            for (SuggestWord candidate : checker.suggestSimilar(new Term(field, w), 3, reader, mode)) {
                if (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(candidate.string)) {
                    continue;
                }
                if (best == null || candidate.score > best.score
                        || (candidate.score == best.score && candidate.freq > best.freq)) {
                    best = candidate;
                    bestField = field;
                }
                break;
            }
        }
        if (best == null || (df > 0 && best.freq < df * MORE_POPULAR_FACTOR)) {
            return Optional.empty();
        }
        String suggestion = bestField.equals(PostSchema.BODY) ? surface(reader, best.string) : best.string;
        return Optional.of(matchCase(word, suggestion));
    }

    /**
     * A word as some post writes it, for a body stem ("architectur" is shown as "architecture"): the first
     * word of the first post holding the stem that stems to it.
     */
    static String surface(IndexReader reader, String stem) throws IOException {
        IndexSearcher s = new IndexSearcher(reader);
        TopDocs top = s.search(new TermQuery(new Term(PostSchema.BODY, stem)), 1);
        if (top.scoreDocs.length == 0) {
            return stem;
        }
        String text = String.valueOf(s.storedFields().document(top.scoreDocs[0].doc, Set.of(PostSchema.BODY))
                .get(PostSchema.BODY));
        try (TokenStream ts = PostSchema.analyzer().tokenStream(PostSchema.BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.toString().equals(stem)) {
                    String word = text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT);
                    ts.end();
                    return word.replaceAll("['’]s$", "");
                }
            }
            ts.end();
        }
        return stem;
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
