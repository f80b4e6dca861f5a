package blogsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;

/**
 * How often each analyzed word occurs in a post's title and the first {@value #HEAD_CHARS} characters of
 * its body ({@code tokens} words in all), the {@value #MAX_TERMS} most frequent only, for query expansion.
 * Counted when the post is indexed (stored in {@link PostSchema#TERM_COUNTS}): analyzing the best posts
 * again for every long query was a third of its cost. {@code field} is the ranking field the words are in, the
 * post's language's ({@link PostSchema#inLanguage}).
 */
public record TermCounts(int tokens, Map<String, Integer> counts, String field) {
    /** What a post is about shows in its first few hundred words: only they are counted. */
    public static final int HEAD_CHARS = 4_000;
    /** The most frequent words kept per post; the rest occur once or twice and weigh little. */
    public static final int MAX_TERMS = 128;

    String encode() {
        StringBuilder b = new StringBuilder().append(tokens).append(' ').append(field);
        counts.forEach((t, c) -> b.append(' ').append(t).append(' ').append(c));
        return b.toString();
    }

    static TermCounts decode(String s) {
        String[] parts = s.split(" ");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 2; i + 1 < parts.length; i += 2) {
            counts.put(parts[i], Integer.parseInt(parts[i + 1]));
        }
        return new TermCounts(Integer.parseInt(parts[0]), counts, parts[1]);
    }

    /** Counts of {@code terms} of the body {@code field}; the most frequent kept, the first seen on a tie. */
    static TermCounts of(Iterable<String> terms, String field) {
        Map<String, Integer> all = new LinkedHashMap<>();
        int tokens = 0;
        for (String t : terms) {
            all.merge(t, 1, Integer::sum);
            tokens++;
        }
        Map<String, Integer> kept = new LinkedHashMap<>();
        all.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(MAX_TERMS).forEach(e -> kept.put(e.getKey(), e.getValue()));
        return new TermCounts(tokens, kept, PostSchema.sameLanguage(PostSchema.WORDS, field));
    }

    /** A post's word counts as indexed, or counted now for a post indexed before they were stored. */
    public static TermCounts read(StoredFields stored, int doc) throws IOException {
        String counted = stored.document(doc, Set.of(PostSchema.TERM_COUNTS)).get(PostSchema.TERM_COUNTS);
        if (counted != null) {
            try {
                return decode(counted);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // Not what this version writes: count from the text below.
            }
        }
        Document d = stored.document(doc, Set.of(PostSchema.TITLE, PostSchema.BODY));
        return count(Objects.toString(d.get(PostSchema.TITLE), ""), Objects.toString(d.get(PostSchema.BODY), ""),
                PostSchema.BODY);
    }

    /** The words of {@code title} and of the head of {@code body} as {@code field} has them, counted. */
    static TermCounts count(String title, String body, String field) {
        List<String> terms = analyzed(title, Integer.MAX_VALUE, field);
        // A word cut by the end of the head is not counted: only words that end within it.
        terms.addAll(analyzed(body.substring(0, Math.min(body.length(), HEAD_CHARS + 1)), HEAD_CHARS, field));
        return of(terms, field);
    }

    /** The words of {@code text} as {@code field} has them, those that end by {@code maxEnd}. */
    static List<String> analyzed(String text, int maxEnd, String field) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = PostSchema.analyzer().tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (offset.endOffset() <= maxEnd) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysis of a String does no I/O
        }
        return out;
    }
}
