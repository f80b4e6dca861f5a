package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.index.PostSchema;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facet counts from unpacked ordinals agree with Lucene's own counting, across several segments (whose
 * ordinals differ and must be mapped to the index's), with deleted and replaced posts, and posts without
 * some facets.
 */
class FacetCounterTest {
    @TempDir
    Path dir;

    private FSDirectory d;
    private DirectoryReader reader;
    private IndexSearcher s;
    private SortedSetDocValuesReaderState state;
    private FacetCounter counter;
    /** Posts of the first batch, and every other post. */
    private static final Query FIRST_BATCH = new TermQuery(new Term(PostSchema.BODY, "0"));
    private static final Query ALL_BUT_FIRST_BATCH = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST)
            .add(FIRST_BATCH, Occur.MUST_NOT).build();
    /** The number in the title of the last post written, which no later post replaced. */
    private int lastPost;

    @BeforeEach
    void writeIndex() throws Exception {
        writeIndex(60);
    }

    /**
     * Four batches of {@code perBatch} posts, one segment each; later batches replace posts of earlier ones.
     * Each batch is one feed.
     */
    private void writeIndex(int perBatch) throws Exception {
        d = FSDirectory.open(dir.resolve("batches-of-" + perBatch));
        SplittableRandom r = new SplittableRandom(7);
        String[] tags = {"java", "Java", "rust", "go", "search", "lucene", "cooking", "zig"};
        String[] authors = {"Ada", "Grace", "Linus", ""};
        // No merges, so the index keeps one segment per batch.
        IndexWriterConfig config = new IndexWriterConfig(PostSchema.analyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(d, config)) {
            for (int batch = 0; batch < 4; batch++) {
                for (int i = 0; i < perBatch; i++) {
                    // Ids repeat across batches, so later batches replace posts of earlier segments.
                    int n = r.nextInt(perBatch * 5 / 2);
                    List<String> postTags = new ArrayList<>();
                    for (int t = r.nextInt(4); t > 0; t--) {
                        String tag = tags[r.nextInt(tags.length)];
                        if (postTags.stream().noneMatch(tag::equalsIgnoreCase)) {
                            postTags.add(tag);
                        }
                    }
                    Optional<Instant> date = r.nextInt(5) == 0 ? Optional.empty()
                            : Optional.of(Instant.parse((2010 + r.nextInt(8)) + "-06-01T00:00:00Z"));
                    String word = r.nextBoolean() ? "alpha" : "beta";
                    Post post = new Post(PostId.of("f", "p" + n, "", "", ""), "https://example.org/" + n,
                            "Post " + n, authors[r.nextInt(authors.length)], date, Optional.empty(), postTags,
                            "Feed " + (batch % 2), "https://example.org/feed" + (batch % 2), "en",
                            word + " text of batch " + batch, "");
                    writer.updateDocument(PostSchema.idTerm(post.id()), PostSchema.toDocument(post, batch));
                    lastPost = n;
                }
                writer.commit();
            }
        }
        reader = DirectoryReader.open(d);
        s = new IndexSearcher(reader);
        state = new DefaultSortedSetDocValuesReaderState(reader, PostSchema.facets());
        counter = new FacetCounter(reader, state, null);
    }

    @AfterEach
    void close() throws Exception {
        reader.close();
        d.close();
    }

    @Test
    void countsMatchLuceneAcrossSegmentsDeletesAndMissingValues() throws Exception {
        assertThat(reader.leaves()).hasSizeGreaterThan(1);
        // A few posts, about half, and most but not all: counted match by match, or (more than half
        // of a segment) as the segment's totals less the posts that do not match.
        for (Query q : List.of(new MatchAllDocsQuery(), new TermQuery(new Term(PostSchema.BODY, "alpha")),
                new TermQuery(new Term(PostSchema.BODY, "beta")), FIRST_BATCH, ALL_BUT_FIRST_BATCH)) {
            FacetCounts ours = s.search(q, counter.manager());
            SortedSetDocValuesFacetCounts lucene = luceneCounts(q);
            assertThat(ours.total).isEqualTo(s.count(q)).isPositive();
            for (Dimension dim : Dimension.values()) {
                FacetResult expected = lucene.getAllChildren(dim.label());
                FacetResult actual = ours.all(dim);
                assertThat(actual.childCount).as(dim.label()).isEqualTo(expected.childCount);
                assertThat(sorted(actual)).as(dim.label()).isEqualTo(sorted(expected));
                // The two values shown: case variants ("java", "Java") as one, with their summed count.
                Map<String, Long> merged = new TreeMap<>();
                for (LabelAndValue lv : expected.labelValues) {
                    merged.merge(dim.key(lv.label), lv.value.longValue(), Long::sum);
                }
                List<FacetValue> shown = ours.values(dim, 2, List.of());
                assertThat(shown).hasSize(Math.min(2, merged.size()));
                List<Long> largest = merged.values().stream().sorted(Comparator.reverseOrder()).limit(2).toList();
                // (Years are shown newest first, the others most frequent first.)
                assertThat(shown.stream().map(FacetValue::count).sorted(Comparator.reverseOrder()).toList())
                        .as(dim.label()).isEqualTo(largest);
            }
        }
    }

    @Test
    void countsInBulkAgreeWithLuceneOnSegmentsOfManyWords() throws Exception {
        // Segments of 300 posts, five 64-post words each: the values many posts carry are counted from bit
        // sets of their posts, for one match as for most of a segment.
        close();
        writeIndex(300);
        Query onePost = new TermQuery(new Term(PostSchema.TITLE, String.valueOf(lastPost)));
        assertThat(s.count(onePost)).isEqualTo(1);
        assertCountsAsLuceneDoes(List.of(new MatchAllDocsQuery(), new TermQuery(new Term(PostSchema.BODY, "alpha")),
                FIRST_BATCH, ALL_BUT_FIRST_BATCH, onePost));
        for (Query q : List.of(new MatchAllDocsQuery(), new TermQuery(new Term(PostSchema.BODY, "alpha")))) {
            check(q, Dimension.FEED, PostSchema.keyField(Dimension.FEED), List.of("feed 1"));
            check(q, Dimension.TAG, PostSchema.keyField(Dimension.TAG), List.of("JAVA"));
        }
    }

    @Test
    void aNewGenerationTakesOverTheSegmentsItSharesAndStillCountsRight() throws Exception {
        FacetCounter first = counter;
        int segments = reader.leaves().size();
        // Some posts of the earlier segments replaced, in a segment of their own: the next view shares the
        // earlier segments, with deletions they did not have before.
        IndexWriterConfig config = new IndexWriterConfig(PostSchema.analyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(d, config)) {
            for (int n = 0; n < 30; n++) {
                Post post = new Post(PostId.of("f", "p" + n, "", "", ""), "https://example.org/" + n, "Post " + n,
                        "Grace", Optional.of(Instant.parse("2019-06-01T00:00:00Z")), Optional.empty(),
                        List.of("fresh", "Java"), "Feed 9", "https://example.org/feed9", "en", "alpha again", "");
                writer.updateDocument(PostSchema.idTerm(post.id()), PostSchema.toDocument(post, 9));
            }
            writer.commit();
        }
        DirectoryReader next = DirectoryReader.openIfChanged(reader);
        reader.close();
        reader = next;
        s = new IndexSearcher(reader);
        state = new DefaultSortedSetDocValuesReaderState(reader, PostSchema.facets());
        counter = new FacetCounter(reader, state, first);

        assertThat(reader.leaves()).hasSize(segments + 1);
        assertThat(counter.segmentsTakenOver()).isEqualTo(segments);
        assertCountsAsLuceneDoes(List.of(new MatchAllDocsQuery(), new TermQuery(new Term(PostSchema.BODY, "alpha"))));
    }

    @Test
    void sidewaysCountsAgreeWithTheTwoSearchesTheyReplace() throws Exception {
        // "JAVA" selects both spellings; two values; an author; a value no post has.
        List<List<String>> tagCases = List.of(List.of("JAVA"), List.of("zig", "rust"), List.of("nothing"));
        for (Query q : List.of(new MatchAllDocsQuery(), new TermQuery(new Term(PostSchema.BODY, "alpha")))) {
            for (List<String> selected : tagCases) {
                check(q, Dimension.TAG, PostSchema.keyField(Dimension.TAG), selected);
            }
            check(q, Dimension.AUTHOR, PostSchema.keyField(Dimension.AUTHOR), List.of("grace"));
        }
    }

    private void check(Query q, Dimension dim, String keyField, List<String> selected) throws Exception {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        selected.forEach(v -> any.add(new TermQuery(new Term(keyField, dim.key(v))), Occur.SHOULD));
        Query narrowed = new BooleanQuery.Builder().add(q, Occur.MUST).add(any.build(), Occur.FILTER).build();
        FacetCounts sideways = s.search(q, counter.sideways(dim, selected));
        FacetCounts wide = s.search(q, counter.manager());
        FacetCounts narrow = s.search(narrowed, counter.manager());
        String what = q + " " + dim + "=" + selected;
        assertThat(sideways.total).as(what).isEqualTo(narrow.total).isEqualTo(s.count(narrowed));
        if (!selected.contains("nothing")) {
            assertThat(narrow.total).as(what).isPositive().isLessThan(wide.total);
        }
        for (Dimension other : Dimension.values()) {
            FacetCounts expected = other == dim ? wide : narrow;
            assertThat(sorted(sideways.all(other))).as(what + " " + other).isEqualTo(sorted(expected.all(other)));
        }
        // A collector wrapped to see the selected values only gets exactly the narrowed matches.
        TopDocs top = s.search(q, counter.selectedOnly(new TopScoreDocCollectorManager(1000, null, Integer.MAX_VALUE),
                dim, selected));
        assertThat(docs(top)).as(what).isEqualTo(docs(s.search(narrowed, 1000)));
    }

    /** Lucene's own facet counts over the matches of {@code q}. */
    /**
     * For each query, our counts of every dimension and total agree with Lucene's; and what the whole index holds
     * (from each segment's totals of its live posts) too.
     */
    private void assertCountsAsLuceneDoes(List<Query> queries) throws Exception {
        for (Query q : queries) {
            FacetCounts ours = s.search(q, counter.manager());
            SortedSetDocValuesFacetCounts lucene = luceneCounts(q);
            assertThat(ours.total).as(q.toString()).isEqualTo(s.count(q));
            for (Dimension dim : Dimension.values()) {
                assertThat(sorted(ours.all(dim))).as(q + " " + dim)
                        .isEqualTo(sorted(lucene.getAllChildren(dim.label())));
            }
        }
        SortedSetDocValuesFacetCounts lucene = luceneCounts(new MatchAllDocsQuery());
        for (Dimension dim : Dimension.values()) {
            assertThat(sorted(counter.everything().all(dim))).as(dim.label())
                    .isEqualTo(sorted(lucene.getAllChildren(dim.label())));
        }
    }

    private SortedSetDocValuesFacetCounts luceneCounts(Query q) throws Exception {
        return new SortedSetDocValuesFacetCounts(state, s.search(q, new FacetsCollectorManager()));
    }

    private static List<Integer> docs(TopDocs top) {
        return Arrays.stream(top.scoreDocs).map(sd -> sd.doc).sorted().toList();
    }

    private static List<String> sorted(FacetResult r) {
        return Arrays.stream(r.labelValues).map(lv -> lv.label + "=" + lv.value).sorted().toList();
    }
}
