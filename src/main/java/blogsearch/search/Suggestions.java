package blogsearch.search;

import blogsearch.engine.BadRequest;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.Suggestion;
import blogsearch.index.PostSchema;
import blogsearch.post.Post;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * As-you-type completions: tags that start with what was typed (a third of the list at most, the most used
 * first), then titles that have every typed word, the last one possibly unfinished.
 */
final class Suggestions {
    /** Longer prefixes are not completions any more. */
    static final int MAX_PREFIX_CHARS = 200;

    private Suggestions() {}

    /** Up to {@code size} completions of {@code prefix}. */
    static List<Suggestion> suggest(IndexSearcher s, Generation g, String prefix, int size) {
        if (size < 1 || size > Suggestion.MAX_SIZE) {
            throw new BadRequest("size", "size must be between 1 and " + Suggestion.MAX_SIZE + ", not " + size);
        }
        if (prefix.length() > MAX_PREFIX_CHARS) {
            throw new BadRequest("q", "a prefix of " + prefix.length() + " characters is too long to complete");
        }
        String typed = Words.normalize(prefix).replaceAll("\\s+", " ");
        if (typed.isBlank()) {
            return List.of();
        }
        // normalize() strips, so whether the last word is finished ("java ", not "javascript") is read here.
        boolean finished = Character.isWhitespace(prefix.charAt(prefix.length() - 1));
        List<Suggestion> out = new ArrayList<>();
        int tagSlots = Math.max(1, size / 3);
        for (FacetValue t : g.tags()) {
            if (out.size() >= tagSlots) {
                break;
            }
            String tag = Words.normalize(t.value());
            if (finished ? startsWithWord(tag + " ", typed + " ") : startsWithWord(tag, typed)) {
                out.add(new Suggestion(t.value(), Suggestion.TAG, t.count(), "", ""));
            }
        }
        out.addAll(titles(s, typed, finished, size - out.size()));
        return out;
    }

    /** Whether a word of {@code value} starts with {@code typed}. */
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
    private static List<Suggestion> titles(IndexSearcher s, String typed, boolean finished, int size) {
        if (size <= 0) {
            return List.of();
        }
        List<String> words = Words.tokens(PostSchema.TITLE_EXACT, typed);
        if (words.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            Term t = new Term(PostSchema.TITLE_EXACT, words.get(i));
            b.add(i == words.size() - 1 && !finished
                    ? new PrefixQuery(t, new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(Queries.PREFIX_EXPANSIONS))
                    : new TermQuery(t), Occur.MUST);
        }
        try {
            TopDocs top = s.search(b.build(), size, SearchRun.byScoreThenNewest());
            List<Suggestion> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            StoredFields sf = s.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Post p = StoredPosts.summary(sf, sd.doc);
                if (seen.add(p.title().toLowerCase(Locale.ROOT))) {
                    out.add(new Suggestion(p.title(), Suggestion.TITLE, 1, p.id(), p.url()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
