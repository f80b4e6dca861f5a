package blogsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import blogsearch.index.PostSchema;
import blogsearch.post.Post;
import blogsearch.post.PostId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
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
import org.apache.lucene.store.FSDirectory;
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

    @Test
    void countsMatchLuceneAcrossSegmentsDeletesAndMissingValues() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        String[] tags = {"java", "Java", "rust", "go", "search", "lucene", "cooking", "zig"};
        String[] authors = {"Ada", "Grace", "Linus", ""};
        // No merges, so the index keeps one segment per batch.
        IndexWriterConfig config = new IndexWriterConfig(PostSchema.analyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
        try (FSDirectory d = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(d, config)) {
            for (int batch = 0; batch < 4; batch++) {
                for (int i = 0; i < 60; i++) {
                    // Ids repeat across batches, so later batches replace posts of earlier segments.
                    int n = r.nextInt(150);
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
                }
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                IndexSearcher s = new IndexSearcher(reader);
                assertThat(s.getIndexReader().leaves()).hasSizeGreaterThan(1);
                SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(s.getIndexReader(),
                        PostSchema.facets());
                FacetCounter counter = new FacetCounter(s.getIndexReader(), state);
                Query firstBatch = new TermQuery(new Term(PostSchema.BODY, "0"));
                // A few posts, about half, and most but not all: counted match by match, or (more than half
                // of a segment) as the segment's totals less the posts that do not match.
                Query allButFirstBatch = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST)
                        .add(firstBatch, Occur.MUST_NOT).build();
                for (Query q : List.of(new MatchAllDocsQuery(), new TermQuery(new Term(PostSchema.BODY, "alpha")),
                        new TermQuery(new Term(PostSchema.BODY, "beta")), firstBatch, allButFirstBatch)) {
                    FacetCounter.Counts ours = s.search(q, counter.manager());
                    FacetsCollector fc = s.search(q, new FacetsCollectorManager());
                    SortedSetDocValuesFacetCounts lucene = new SortedSetDocValuesFacetCounts(state, fc);
                    assertThat(ours.total).isEqualTo(s.count(q)).isPositive();
                    for (String dim : PostSchema.DIMENSIONS) {
                        FacetResult expected = lucene.getAllChildren(dim);
                        FacetResult actual = ours.all(dim);
                        assertThat(actual.childCount).as(dim).isEqualTo(expected.childCount);
                        assertThat(sorted(actual)).as(dim).isEqualTo(sorted(expected));
                        FacetResult top2 = ours.top(dim, 2);
                        assertThat(top2.labelValues).hasSize(Math.min(2, expected.childCount));
                        long second = Arrays.stream(expected.labelValues).mapToLong(lv -> lv.value.longValue())
                                .sorted().skip(Math.max(0, expected.labelValues.length - 2)).findFirst().orElse(0);
                        assertThat(top2.labelValues[top2.labelValues.length - 1].value.longValue()).isEqualTo(second);
                    }
                }
            }
        }
    }

    private static List<String> sorted(FacetResult r) {
        return Arrays.stream(r.labelValues).map(lv -> lv.label + "=" + lv.value).sorted().toList();
    }
}
