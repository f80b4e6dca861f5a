package blogsearch.search;

import blogsearch.engine.BadRequest;
import blogsearch.engine.Dimension;
import blogsearch.engine.Related;
import blogsearch.index.PostSchema;
import blogsearch.index.TermCounts;
import blogsearch.post.Post;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
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
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;

/**
 * Posts like a given one ("more like this"). The post is read as a long question ({@link RelatedQuery}); when it
 * has a vector and is in English, the posts nearest that vector (in English too) are fused with those its words
 * find, as a hybrid search fuses them, and posts whose fused scores round to the same thousandth are ordered by
 * the tags they share with it, then newest first. Each related post comes with why: the tags and words it shares
 * with the post (as the post writes them), and when meaning counted, its opening, the passage its vector was made
 * of.
 */
final class RelatedPosts {
    /** The words shown as what a related post shares with the post being read. */
    static final int MAX_SHARED_TERMS = 6;
    /** Posts looked at beyond those asked for, so that near ties at the end can be ordered by tags and date. */
    static final int TIE_CANDIDATES = 10;
    /** Similarities that round to the same multiple of this are ties: tags and dates order them. */
    static final float TIE = 0.001f;
    /** The longest opening shown as the passage a post was related by. */
    static final int PASSAGE_CHARS = 200;

    private RelatedPosts() {}

    /** Up to {@code size} posts like the one with this id or URL, never the post itself. */
    static Optional<Related> related(IndexSearcher s, Generation g, String idOrUrl, int size) {
        if (size < 1 || size > Related.MAX_SIZE) {
            throw new BadRequest("size", "size must be between 1 and " + Related.MAX_SIZE + ", not " + size);
        }
        return StoredPosts.find(s, idOrUrl).map(doc -> {
            try {
                return related(s, g, doc, StoredPosts.whole(s, doc), size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Related related(IndexSearcher s, Generation g, int doc, Post post, int size) throws IOException {
        RelatedQuery.Like like = RelatedQuery.of(s.getIndexReader(), post, TermCounts.read(s.storedFields(), doc));
        float[] vector = english(post) ? StoredPosts.vector(s, doc) : null;
        StoredFields sf = s.storedFields();
        List<Candidate> found = vector != null ? fused(s, sf, post, byWords(s, post, like, SearchRun.FUSED),
                nearest(s, g, post, vector, SearchRun.FUSED), size) : words(s, sf, post, like, size);
        Map<String, String> surface = surfaceForms(post);
        Weight weight = s.createWeight(s.rewrite(like.query()), ScoreMode.COMPLETE_NO_SCORES, 1);
        List<Related.RelatedPost> posts = new ArrayList<>();
        for (Candidate c : found) {
            Post p = c.post();
            posts.add(new Related.RelatedPost(p.id(), p.url(), p.displayTitle(), p.published(), p.tags(), c.score(),
                    sharedTags(post, p), sharedTerms(s, weight, c.doc(), like, surface),
                    vector != null ? opening(StoredPosts.withText(sf, c.doc()).text()) : ""));
        }
        return new Related(post.id(), post.displayTitle(), vector != null ? "hybrid" : "words", posts);
    }

    /** A post found related, with what ordering it needs. */
    private record Candidate(int doc, float score, Post post, int sharedTags) {}

    /** The posts most like {@code post} by its words and tags. */
    private static List<Candidate> words(IndexSearcher s, StoredFields sf, Post post, RelatedQuery.Like like, int size)
            throws IOException {
        List<Candidate> out = new ArrayList<>();
        for (ScoreDoc sd : byWords(s, post, like, size)) {
            Post p = StoredPosts.summary(sf, sd.doc);
            out.add(new Candidate(sd.doc, sd.score, p, sharedTags(post, p).size()));
        }
        return out;
    }

    private static ScoreDoc[] byWords(IndexSearcher s, Post post, RelatedQuery.Like like, int n) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(like.query(), Occur.MUST)
                .add(new TermQuery(PostSchema.idTerm(post.id())), Occur.MUST_NOT)
                .build();
        return s.search(q, n).scoreDocs;
    }

    /** The {@code n} posts nearest {@code vector} (the post's own), in English. */
    private static ScoreDoc[] nearest(IndexSearcher s, Generation g, Post post, float[] vector, int n)
            throws IOException {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(PostSchema.postType()), Occur.FILTER)
                .add(new TermQuery(PostSchema.idTerm(post.id())), Occur.MUST_NOT);
        if (g.otherLanguages != null) {
            filter.add(g.otherLanguages, Occur.MUST_NOT);
        }
        return s.search(new KnnFloatVectorQuery(PostSchema.VECTOR, vector, n, filter.build()), n).scoreDocs;
    }

    /**
     * The posts most like {@code post} by words and by meaning, the two fused as a hybrid search fuses them; near
     * ties ordered by shared tags, then newest first.
     */
    private static List<Candidate> fused(IndexSearcher s, StoredFields sf, Post post, ScoreDoc[] words,
            ScoreDoc[] meaning, int size) throws IOException {
        List<Map.Entry<Integer, Float>> best = new ArrayList<>(Fusion.fuse(words, meaning).entrySet());
        best.sort(Map.Entry.<Integer, Float>comparingByValue().reversed());
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<Integer, Float> e : best.subList(0, Math.min(size + TIE_CANDIDATES, best.size()))) {
            Post p = StoredPosts.summary(sf, e.getKey());
            out.add(new Candidate(e.getKey(), e.getValue(), p, sharedTags(post, p).size()));
        }
        out.sort(Comparator.comparingLong((Candidate c) -> -Math.round(c.score() / TIE))
                .thenComparing(c -> -c.sharedTags())
                .thenComparing(c -> -c.post().published().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE + 1)));
        return out.subList(0, Math.min(size, out.size()));
    }

    /** Whether the model can place {@code post}: it is in English, or its language was never told. */
    private static boolean english(Post post) {
        return post.language().isEmpty() || Dimension.LANGUAGE.key(post.language()).equals("en");
    }

    /** The tags of {@code post} that {@code other} has too, as {@code other} writes them. */
    private static List<String> sharedTags(Post post, Post other) {
        Set<String> keys = new HashSet<>();
        post.tags().forEach(t -> keys.add(Dimension.TAG.key(t)));
        return other.tags().stream().filter(t -> keys.contains(Dimension.TAG.key(t))).toList();
    }

    /** The start of {@code text}, cut between words, with an ellipsis when there is more. */
    static String opening(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.length() <= PASSAGE_CHARS) {
            return t;
        }
        int cut = t.lastIndexOf(' ', PASSAGE_CHARS);
        return t.substring(0, cut > PASSAGE_CHARS / 2 ? cut : PASSAGE_CHARS).strip() + "…";
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
