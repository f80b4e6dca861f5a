package blogsearch.search;

import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.BytesRef;

/** A user's words as the index's analyzers make them, and the words that say nothing about what a post is about. */
final class Words {
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

    /** Words longer than this are not words; they would only bloat the query. */
    static final int MAX_TOKENS_PER_CLAUSE = 16;

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

    private Words() {}
}
