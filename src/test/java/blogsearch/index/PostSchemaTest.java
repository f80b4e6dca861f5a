package blogsearch.index;
import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Dimension;
import blogsearch.engine.Engine;
import blogsearch.engine.FeedRecord;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostSchemaTest {
    private static final Post FULL = new Post(PostId.of("feed", "https://example.org/2016/pi", "", "", ""),
            "https://example.org/2016/pi", "Réglage fin: «pi» day", "Ada Lovelace",
            Optional.of(Instant.parse("2016-03-14T15:09:26.535Z")), Optional.of(Instant.parse("2017-01-02T03:04:05Z")),
            List.of("Zeta", "alpha", "OpenStack Summit", "C++"), "Example Blog", "https://example.org/feed.xml",
            "en-ca", "Indexing posts is what we do.\nSecond paragraph.", "Indexing posts is what we do.");
    private static final Post BARE = new Post(PostId.of("feed", "42", "", "", ""), "", "", "",
            Optional.empty(), Optional.empty(), List.of(), "", "", "", "only text", "");

    @TempDir
    Path dir;

    private PostIndex index;

    @BeforeEach
    void open() {
        index = PostIndex.open(dir.resolve("index"));
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void postsComeBackFromStoredFieldsExactlyAsWritten() throws Exception {
        index.put(FULL, 11);
        index.put(BARE, 22);
        index.commit();
        index.refresh();

        assertThat(stored(FULL.id())).isEqualTo(FULL);
        assertThat(stored(BARE.id())).isEqualTo(BARE);
        Post bare = stored(BARE.id());
        assertThat(bare.published()).isEmpty();
        assertThat(bare.updated()).isEmpty();
        assertThat(stored(FULL.id()).tags()).containsExactly("Zeta", "alpha", "OpenStack Summit", "C++");
    }

    @Test
    void theHashAndTheFeedRecordAreReadBackByTheSnapshot() {
        FeedRecord feed = new FeedRecord("file:///feeds/a.xml", "Example Blog", "\"e1\"",
                "Mon, 14 Mar 2016 15:09:26 GMT", 1234, 1_457_968_166_000L, Instant.parse("2020-01-01T00:00:00Z"));
        index.put(FULL, -7_777_777_777L);
        index.putFeed(feed);
        index.commit();

        try (Engine.Snapshot snap = index.snapshot()) {
            assertThat(snap.hash(FULL.id())).hasValue(-7_777_777_777L);
            assertThat(snap.hash(BARE.id())).isEmpty();
            assertThat(snap.feed("file:///feeds/a.xml")).contains(feed);
            assertThat(snap.feed("file:///feeds/b.xml")).isEmpty();
        }
    }

    /** A searcher (to release) over {@code posts} and one feed's bookkeeping record, committed. */
    private IndexSearcher withOneFeed(Post... posts) {
        for (int i = 0; i < posts.length; i++) {
            index.put(posts[i], i + 1);
        }
        index.putFeed(new FeedRecord("file:///a.xml", "A", "", "", -1, -1, Instant.EPOCH));
        index.commit();
        index.refresh();
        return index.acquire();
    }

    @Test
    void feedBookkeepingIsNotCountedAsAPost() throws Exception {
        IndexSearcher s = withOneFeed(FULL);
        try {
            assertThat(s.count(new TermQuery(PostSchema.postType()))).isEqualTo(1);
            assertThat(s.count(MatchAllDocsQuery.INSTANCE)).isEqualTo(2);
        } finally {
            index.release(s);
        }
    }

    @Test
    void feedBookkeepingLeavesScoredFieldsDenseAndTheirStatisticsAlone() throws Exception {
        IndexSearcher s = withOneFeed(FULL, BARE);
        try {
            LeafReader leaf = s.getIndexReader().leaves().get(0).reader();
            assertThat(leaf.maxDoc()).isEqualTo(3);
            for (String field : List.of(PostSchema.TITLE, PostSchema.TITLE_EXACT, PostSchema.BODY, PostSchema.WORDS)) {
                // Every document has a norm (dense, read by position), but only posts count as having words.
                assertThat(leaf.getNormValues(field).cost()).as(field).isEqualTo(leaf.maxDoc());
            }
            assertThat(leaf.terms(PostSchema.BODY).getDocCount()).isEqualTo(2);
            assertThat(leaf.terms(PostSchema.WORDS).getDocCount()).isEqualTo(2);
            assertThat(leaf.terms(PostSchema.TITLE).getDocCount()).isEqualTo(1); // BARE has no title
        } finally {
            index.release(s);
        }
    }

    @Test
    void wordCountsForQueryExpansionAreStoredAsTheyWouldBeCountedFromTheText() throws Exception {
        // "alpha" ten times, then "filler" well past the head, then "omega", which lies beyond it.
        String body = "alpha ".repeat(10) + "filler ".repeat(700) + "omega ".repeat(50);
        Post longPost = post("long", "Indexing with Lucene", body);
        StringBuilder many = new StringBuilder("repeat repeat repeat repeat repeat");
        for (int i = 0; i < 300; i++) {
            many.append(" w").append(i);
        }
        Post manyWords = post("many", "", many.toString());
        for (Post p : List.of(FULL, BARE, longPost, manyWords)) {
            index.put(p, 1);
        }
        index.commit();
        index.refresh();

        TermCounts longCounts = termCounts(longPost.id());
        assertThat(longCounts).isEqualTo(TermCounts.count(longPost.title(), longPost.text(), PostSchema.BODY));
        int fillers = (TermCounts.HEAD_CHARS - 60 - "filler".length()) / 7 + 1; // those that end within the head
        assertThat(longCounts.counts()).containsEntry("alpha", 10).containsEntry("filler", fillers)
                .containsEntry(analyzed(PostSchema.BODY, "Indexing"), 1).doesNotContainKey("omega");
        assertThat(longCounts.tokens()).isEqualTo(2 + 10 + fillers);

        TermCounts manyCounts = termCounts(manyWords.id());
        assertThat(manyCounts.tokens()).isEqualTo(305);
        assertThat(manyCounts.counts()).hasSize(TermCounts.MAX_TERMS).containsEntry("repeat", 5);
        assertThat(manyCounts).isEqualTo(TermCounts.count("", manyWords.text(), PostSchema.BODY));

        for (Post p : List.of(FULL, BARE)) {
            assertThat(termCounts(p.id())).isEqualTo(TermCounts.count(p.title(), p.text(), PostSchema.BODY));
        }
        assertThat(termCounts(BARE.id()).counts()).containsOnlyKeys("onli", "text").containsValues(1, 1);
    }

    @Test
    void wordCountsAreCountedFromTheTextForPostsIndexedWithoutThemOrWithUnreadableOnes() throws Exception {
        try (ByteBuffersDirectory d = new ByteBuffersDirectory();
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(PostSchema.analyzer()))) {
            Document old = new Document();
            old.add(new StoredField(PostSchema.TITLE, "Alpha beta"));
            old.add(new StoredField(PostSchema.BODY, "alpha gamma"));
            w.addDocument(old);
            Document garbled = new Document();
            garbled.add(new StoredField(PostSchema.TITLE, "Alpha beta"));
            garbled.add(new StoredField(PostSchema.BODY, "alpha gamma"));
            garbled.add(new StoredField(PostSchema.TERM_COUNTS, "many alpha lots"));
            w.addDocument(garbled);
            w.commit();
            try (DirectoryReader r = DirectoryReader.open(d)) {
                for (int doc = 0; doc < 2; doc++) {
                    TermCounts counts = TermCounts.read(r.storedFields(), doc);
                    assertThat(counts.tokens()).isEqualTo(4);
                    assertThat(counts.counts()).isEqualTo(Map.of("alpha", 2, "beta", 1, "gamma", 1));
                }
            }
        }
    }

    @Test
    void everyFacetDimensionIsCountable() throws Exception {
        Post second = new Post(PostId.of("feed", "https://example.org/2017/e", "", "", ""), "", "e", "Ada Lovelace",
                Optional.of(Instant.parse("2017-12-31T23:59:59Z")), Optional.empty(), List.of("alpha", "beta"),
                "Example Blog", "", "", "text", "");
        index.put(FULL, 1);
        index.put(second, 2);
        index.put(BARE, 3);
        index.commit();
        index.refresh();

        IndexSearcher s = index.acquire();
        try {
            FacetsCollectorManager.FacetsResult r = FacetsCollectorManager.search(s, MatchAllDocsQuery.INSTANCE, 10,
                    new FacetsCollectorManager());
            SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(
                    new DefaultSortedSetDocValuesReaderState(s.getIndexReader(), PostSchema.facets()),
                    r.facetsCollector());
            assertThat(labels(counts.getTopChildren(10, Dimension.TAG.label()))).isEqualTo(Map.of(
                    "Zeta", 1, "alpha", 2, "OpenStack Summit", 1, "C++", 1, "beta", 1));
            assertThat(labels(counts.getTopChildren(10, Dimension.YEAR.label())))
                    .isEqualTo(Map.of("2016", 1, "2017", 1));
            assertThat(labels(counts.getTopChildren(10, Dimension.AUTHOR.label())))
                    .isEqualTo(Map.of("Ada Lovelace", 2));
            assertThat(labels(counts.getTopChildren(10, Dimension.FEED.label()))).isEqualTo(Map.of("Example Blog", 2));
        } finally {
            index.release(s);
        }
    }

    @Test
    void stemmedFieldsFindOtherFormsOfAWordAndExactFieldsDoNot() throws Exception {
        index.put(FULL, 1);
        index.commit();
        index.refresh();

        assertThat(hits(PostSchema.BODY, analyzed(PostSchema.BODY, "indexed"))).isEqualTo(1);
        assertThat(hits(PostSchema.TITLE, analyzed(PostSchema.TITLE, "days"))).isEqualTo(1);
        assertThat(hits(PostSchema.TITLE_EXACT, analyzed(PostSchema.TITLE_EXACT, "days"))).isZero();
        assertThat(hits(PostSchema.TITLE_EXACT, analyzed(PostSchema.TITLE_EXACT, "Day"))).isEqualTo(1);
        // Accents are folded in both, so "reglage" finds "Réglage".
        assertThat(hits(PostSchema.TITLE_EXACT, analyzed(PostSchema.TITLE_EXACT, "reglage"))).isEqualTo(1);
        assertThat(hits(PostSchema.keyField(Dimension.TAG), Dimension.TAG.key(" openstack summit "))).isEqualTo(1);
    }

    @Test
    void theWordsFieldCountsTitleAndTagsTwiceAndTheBodyOnce() throws Exception {
        Post kettle = new Post(PostId.of("feed", "k", "", "", ""), "https://example.org/k", "Kettles", "", Optional.empty(),
                Optional.empty(), List.of("kettle", "tea"), "", "", "", "A kettle boils. Kettles boil water.", "");
        index.put(kettle, 1);
        index.put(BARE, 2);
        index.commit();
        index.refresh();
        // "kettl": title 1 x 2, body 2, tags 1 x 2; "boil": body only; "tea": tags only.
        assertThat(freq(PostSchema.WORDS, "kettl")).isEqualTo(2 * 1 + 2 + 2 * 1);
        assertThat(freq(PostSchema.WORDS, "boil")).isEqualTo(2);
        assertThat(freq(PostSchema.WORDS, "water")).isEqualTo(1);
        assertThat(freq(PostSchema.WORDS, "tea")).isEqualTo(2);
        // Every post's body is there, not only the first one's.
        assertThat(hits(PostSchema.WORDS, "onli")).isEqualTo(1);
        assertThat(hits(PostSchema.WORDS, "text")).isEqualTo(1);
    }

    /** The frequency of {@code term} in the first post that has it. */
    private int freq(String field, String term) throws Exception {
        IndexSearcher s = index.acquire();
        try {
            for (var leaf : s.getIndexReader().leaves()) {
                var postings = leaf.reader().postings(new Term(field, term));
                if (postings != null && postings.nextDoc() != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                    return postings.freq();
                }
            }
            return 0;
        } finally {
            index.release(s);
        }
    }

    private static Post post(String key, String title, String text) {
        return new Post(PostId.of("feed", key, "", "", ""), "https://example.org/" + key, title, "", Optional.empty(),
                Optional.empty(), List.of(), "", "", "", text, "");
    }

    private TermCounts termCounts(String id) throws Exception {
        IndexSearcher s = index.acquire();
        try {
            TopDocs top = s.search(new TermQuery(PostSchema.idTerm(id)), 2);
            assertThat(top.scoreDocs).hasSize(1);
            return TermCounts.read(s.storedFields(), top.scoreDocs[0].doc);
        } finally {
            index.release(s);
        }
    }

    private Post stored(String id) throws Exception {
        IndexSearcher s = index.acquire();
        try {
            TopDocs top = s.search(new TermQuery(PostSchema.idTerm(id)), 2);
            assertThat(top.scoreDocs).hasSize(1);
            return PostSchema.toPost(s.storedFields().document(top.scoreDocs[0].doc));
        } finally {
            index.release(s);
        }
    }

    private long hits(String field, String term) throws Exception {
        IndexSearcher s = index.acquire();
        try {
            return s.count(new TermQuery(new Term(field, term)));
        } finally {
            index.release(s);
        }
    }

    /** The single term the field's analyzer makes of {@code word}. */
    private static String analyzed(String field, String word) {
        try (TokenStream ts = PostSchema.analyzer().tokenStream(field, word)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            assertThat(ts.incrementToken()).isTrue();
            String t = term.toString();
            ts.end();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> labels(FacetResult r) {
        assertThat(r).isNotNull();
        return Arrays.stream(r.labelValues).collect(Collectors.toMap(lv -> lv.label, lv -> lv.value.intValue()));
    }

    @Test
    void everyFieldOfAPostDocumentIsInTheSchemaDescriptionOrDerivedFromIt() {
        Set<String> described = new HashSet<>();
        for (PostSchema.FieldSpec f : PostSchema.fields()) {
            described.add(f.name());
            f.alsoAs().ifPresent(sub -> described.add(f.name() + "." + sub.name()));
        }
        for (Dimension d : Dimension.values()) {
            described.add(PostSchema.keyField(d));
        }
        // For the embedded engine alone: the ranking field, counted words, stored tags, facet ordinals, the vector's mark.
        Set<String> derived = Set.of(PostSchema.WORDS, PostSchema.TERM_COUNTS, "tag.stored", "$facets", "$source",
                PostSchema.VECTOR_PENDING);
        for (IndexableField f : PostSchema.toDocument(FULL, 7)) {
            assertThat(described.contains(f.name()) || derived.contains(f.name())).as("field %s", f.name()).isTrue();
        }
        assertThat(PostSchema.fromValues(PostSchema.values(FULL, 7))).isEqualTo(FULL);
    }
}
