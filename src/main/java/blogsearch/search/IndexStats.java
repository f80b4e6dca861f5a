package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.engine.Stats;
import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** What an index holds: posts, feeds, the most used tags, the first and last dates; and the synonyms in force. */
final class IndexStats {
    static final int TOP_TAGS = 10;

    private IndexStats() {}

    /** The statistics of the index {@code s} searches, which takes {@code bytes} on disk. */
    static Stats of(IndexSearcher s, Generation g, long bytes, Optional<Stats.SynonymFile> synonyms) {
        try {
            long posts = s.count(new TermQuery(PostSchema.postType()));
            List<FacetValue> tags = g.tags();
            return new Stats(posts, distinctSources(s.getIndexReader()), tags.subList(0, Math.min(TOP_TAGS, tags.size())),
                    edgeDate(s, false), edgeDate(s, true), bytes, synonyms,
                    g.counter.everything().values(Dimension.LANGUAGE, Integer.MAX_VALUE, List.of()),
                    s.count(new TermQuery(PostSchema.vectorPending())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many feeds the posts come from (each counted once, by URL). */
    private static long distinctSources(IndexReader reader) throws IOException {
        try {
            FacetsConfig config = PostSchema.facets();
            SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader,
                    config.getDimConfig(PostSchema.SOURCE).indexFieldName, config);
            FacetResult r = new SortedSetDocValuesFacetCounts(state).getTopChildren(1, PostSchema.SOURCE);
            return r == null ? 0 : r.childCount;
        } catch (IllegalArgumentException e) {
            return 0; // no post yet, or none with a source
        }
    }

    private static Optional<Instant> edgeDate(IndexSearcher s, boolean newest) throws IOException {
        SortField f = new SortField(PostSchema.PUBLISHED, SortField.Type.LONG, newest);
        TopDocs top = s.search(new FieldExistsQuery(PostSchema.PUBLISHED), 1, new Sort(f));
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        return StoredPosts.summary(StoredPosts.storedFields(s), top.scoreDocs[0].doc).published();
    }
}
