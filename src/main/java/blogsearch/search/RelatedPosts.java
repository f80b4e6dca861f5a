package blogsearch.search;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Related;
import blogsearch.index.PostSchema;
import blogsearch.index.TermCounts;
import blogsearch.post.Post;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;

/**
 * Posts like a given one ("more like this"): the post read as a long question ({@link RelatedQuery}), with the
 * words each related post shares with it shown as the post writes them.
 */
final class RelatedPosts {
    /** The words shown as what a related post shares with the post being read. */
    static final int MAX_SHARED_TERMS = 6;

    private RelatedPosts() {}

    /** Up to {@code size} posts like the one with this id or URL, never the post itself. */
    static Optional<Related> related(IndexSearcher s, String idOrUrl, int size) {
        if (size < 1 || size > Related.MAX_SIZE) {
            throw new BadRequest("size", "size must be between 1 and " + Related.MAX_SIZE + ", not " + size);
        }
        return StoredPosts.find(s, idOrUrl).map(doc -> {
            try {
                return related(s, doc, StoredPosts.whole(s, doc), size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Related related(IndexSearcher s, int doc, Post post, int size) throws IOException {
        RelatedQuery.Like like = RelatedQuery.of(s.getIndexReader(), post, TermCounts.read(s.storedFields(), doc));
        Query q = new BooleanQuery.Builder()
                .add(like.query(), Occur.MUST)
                .add(new TermQuery(PostSchema.idTerm(post.id())), Occur.MUST_NOT)
                .build();
        TopDocs top = s.search(q, size);
        Map<String, String> surface = surfaceForms(post);
        Weight weight = s.createWeight(s.rewrite(like.query()), ScoreMode.COMPLETE_NO_SCORES, 1);
        List<Related.RelatedPost> posts = new ArrayList<>();
        StoredFields sf = s.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            Post p = StoredPosts.summary(sf, sd.doc);
            posts.add(new Related.RelatedPost(p.id(), p.url(), p.displayTitle(), p.published(), p.tags(), sd.score,
                    sharedTerms(s, weight, sd.doc, like, surface)));
        }
        return new Related(post.id(), post.displayTitle(), posts);
    }

    /**
     * The words of {@code doc} that the related-posts query matched, as they appear in the original post, those
     * that say most about it first: shared tags, then words by their weight in the query.
     */
    private static List<String> sharedTerms(IndexSearcher s, Weight weight, int doc, RelatedQuery.Like like,
            Map<String, String> surface) throws IOException {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Matches matches = weight.matches(leaf, doc - leaf.docBase);
        Set<String> terms = new HashSet<>();
        if (matches != null) {
            for (String field : matches) {
                MatchesIterator it = matches.getMatches(field);
                while (it != null && it.next()) {
                    if (it.getQuery() instanceof TermQuery tq) {
                        terms.add(tq.getTerm().text());
                    }
                }
            }
        }
        Set<String> shown = new LinkedHashSet<>();
        terms.stream()
                .sorted(Comparator.comparingDouble((String t) -> -like.weight(t)).thenComparing(t -> t))
                .map(t -> surface.getOrDefault(t, t))
                .filter(w -> w.indexOf('\'') < 0 && w.indexOf('’') < 0) // contractions say nothing of a topic
                .forEach(shown::add);
        return shown.stream().limit(MAX_SHARED_TERMS).toList();
    }

    /** Stemmed term to the first word of the post it came from ("comput" to "computing"). */
    private static Map<String, String> surfaceForms(Post post) throws IOException {
        Map<String, String> forms = new LinkedHashMap<>();
        String text = post.title() + "\n" + String.join("\n", post.tags()) + "\n" + post.text();
        String body = PostSchema.inLanguage(PostSchema.BODY, post.language());
        try (TokenStream ts = PostSchema.analyzer().tokenStream(body, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String word = text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT);
                forms.putIfAbsent(term.toString(), word.replaceAll("['’]s$", ""));
            }
            ts.end();
        }
        return forms;
    }
}
