package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.index.PostSchema;
import blogsearch.index.TermCounts;
import blogsearch.post.Post;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The query for posts related to one post: the post read as a long question. Its words are counted as the
 * index counts them (the title {@value PostSchema#TITLE_COPIES} times, tags {@value PostSchema#TAGS_COPIES}
 * times, the head of the text once); the {@value #MAX_TERMS} that say most about it (count times rarity)
 * are searched, each weighed by its count, and BM25 adds their rarity. Each of its tags counts as a whole too.
 */
final class RelatedQuery {
    static final int MAX_TERMS = 50;

    /** The query, and the weight of each word in it; a whole tag outweighs every word. */
    record Like(Query query, Map<String, Double> weights) {
        double weight(String term) {
            return weights.getOrDefault(term, 0.0);
        }
    }

    private RelatedQuery() {}

    static Like of(IndexReader reader, Post post, TermCounts counts) throws IOException {
        Map<String, Integer> tf = new HashMap<>(counts.counts()); // the title once, and the head of the text
        // The post's words as its language has them: posts in other languages share none of them.
        String words = counts.field();
        String body = PostSchema.sameLanguage(PostSchema.BODY, words);
        for (int i = 1; i < PostSchema.TITLE_COPIES; i++) {
            count(tf, post.title(), 1, body);
        }
        for (String tag : post.tags()) {
            count(tf, tag, PostSchema.TAGS_COPIES, body);
        }
        int docs = Math.max(1, reader.numDocs());
        Map<String, Double> telling = new HashMap<>();
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            String t = e.getKey();
            if (CommonWords.isCommon(t) || t.length() < 2) {
                continue;
            }
            int df = reader.docFreq(new Term(words, t));
            if (df > 1 && df <= docs / 2) { // a word of this post alone relates it to nothing; one of most, to all
                telling.put(t, e.getValue() * Math.log(1 + (docs - df + 0.5) / (df + 0.5)));
            }
        }
        List<String> terms = new ArrayList<>(telling.keySet());
        terms.sort((a, b) -> telling.get(b).equals(telling.get(a)) ? a.compareTo(b)
                : Double.compare(telling.get(b), telling.get(a)));
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        Map<String, Double> weights = new HashMap<>();
        for (String t : terms.subList(0, Math.min(MAX_TERMS, terms.size()))) {
            b.add(new BoostQuery(ClauseQueries.analyzedWord(words, t), tf.get(t)), Occur.SHOULD);
            weights.put(t, telling.get(t));
        }
        for (String tag : post.tags()) {
            String key = Dimension.TAG.key(tag);
            b.add(new BoostQuery(new TermQuery(PostSchema.filterTerm(Dimension.TAG, tag)), PostSchema.TAGS_COPIES),
                    Occur.SHOULD);
            weights.put(key, Double.MAX_VALUE);
        }
        return new Like(b.build(), weights);
    }

    private static void count(Map<String, Integer> tf, String text, int times, String body) {
        for (String t : Words.tokens(body, text, Integer.MAX_VALUE)) {
            tf.merge(t, times, Integer::sum);
        }
    }
}
