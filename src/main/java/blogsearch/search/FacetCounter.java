package blogsearch.search;

import blogsearch.index.PostSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.LongHeap;
import org.apache.lucene.util.LongValues;

/**
 * Facet counts over every match. Lucene's own counting decodes each match's facet ordinals from the
 * compressed doc values; here each segment's ordinals are unpacked once into plain arrays (about 40 bytes
 * per post, kept while the segment lives), so counting a match is a few array reads. For a common word,
 * half the index, this made counting four facets several times faster. When most of a segment matches,
 * its per-generation totals less the posts that do not match take fewer reads still. The feed a post came
 * from by URL (a dimension only statistics count, never a search) is left out.
 */
final class FacetCounter {
    /** Unpacked ordinals per segment, for as long as the segment exists; segments never change. */
    private static final Map<Object, SegmentOrds> SEGMENTS = new ConcurrentHashMap<>();

    /**
     * The facet ordinals of each document of a segment: ords[starts[doc]] to ords[starts[doc + 1]]; and
     * how many documents carry each ordinal, which holds for every generation without deletions here.
     */
    private record SegmentOrds(int[] starts, int[] ords, int[] totals) {}

    private final SortedSetDocValuesReaderState state;
    private final SegmentOrds[] leaves;
    /** Per segment, its ordinals' places in the whole index's ordinals. */
    private final int[][] toGlobal;
    /** Per segment, how many of its live posts carry each of its ordinals. */
    private final int[][] liveTotals;
    /**
     * Each value's label by ordinal, filled as values are first shown: looking labels up in the merged doc
     * values cost a tenth of a search. Racing threads store equal strings, so the array needs no lock.
     */
    private final String[] labels;

    /**
     * Ordinals for one searcher (unpacking segments not seen before); with no facet state (no post has a
     * facet yet) only matches are counted.
     */
    FacetCounter(IndexReader reader, SortedSetDocValuesReaderState state) throws IOException {
        this.state = state;
        List<LeafReaderContext> contexts = reader.leaves();
        leaves = new SegmentOrds[contexts.size()];
        toGlobal = new int[contexts.size()][];
        liveTotals = new int[contexts.size()][];
        labels = new String[state == null ? 0 : state.getSize()];
        if (state == null) {
            return;
        }
        OrdinalMap map = state.getDocValues() instanceof MultiDocValues.MultiSortedSetDocValues multi
                ? multi.mapping : null;
        for (LeafReaderContext leaf : contexts) {
            leaves[leaf.ord] = segment(leaf, state.getField());
            SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), state.getField());
            int[] global = new int[(int) dv.getValueCount()];
            LongValues g = map == null ? null : map.getGlobalOrds(leaf.ord);
            for (int i = 0; i < global.length; i++) {
                global[i] = g == null ? i : (int) g.get(i);
            }
            toGlobal[leaf.ord] = global;
            Bits live = leaf.reader().getLiveDocs();
            liveTotals[leaf.ord] = live == null ? leaves[leaf.ord].totals() : totals(leaves[leaf.ord], live);
        }
    }

    private static int[] totals(SegmentOrds seg, Bits live) {
        int[] totals = new int[seg.totals().length];
        for (int doc = 0; doc + 1 < seg.starts().length; doc++) {
            if (live.get(doc)) {
                for (int i = seg.starts()[doc], end = seg.starts()[doc + 1]; i < end; i++) {
                    totals[seg.ords()[i]]++;
                }
            }
        }
        return totals;
    }

    private static SegmentOrds segment(LeafReaderContext leaf, String field) throws IOException {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return unpack(leaf, field);
        }
        SegmentOrds cached = SEGMENTS.get(helper.getKey());
        if (cached == null) {
            cached = unpack(leaf, field);
            if (SEGMENTS.putIfAbsent(helper.getKey(), cached) == null) {
                helper.addClosedListener(SEGMENTS::remove);
            }
        }
        return cached;
    }

    private static SegmentOrds unpack(LeafReaderContext leaf, String field) throws IOException {
        int maxDoc = leaf.reader().maxDoc();
        int[] starts = new int[maxDoc + 1];
        int[] ords = new int[Math.max(16, maxDoc * 4)];
        int n = 0;
        int filled = 0; // documents whose end is recorded
        SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), field);
        long[] skip = ordRange(dv, PostSchema.DIM_SOURCE);
        for (int doc = dv.nextDoc(); doc != SortedSetDocValues.NO_MORE_DOCS; doc = dv.nextDoc()) {
            for (; filled < doc; filled++) {
                starts[filled + 1] = n; // no values
            }
            int count = dv.docValueCount();
            if (n + count > ords.length) {
                ords = Arrays.copyOf(ords, Math.max(n + count, ords.length + ords.length / 2));
            }
            for (int i = 0; i < count; i++) {
                long ord = dv.nextOrd();
                if (ord < skip[0] || ord >= skip[1]) {
                    ords[n++] = (int) ord;
                }
            }
            starts[doc + 1] = n;
            filled = doc + 1;
        }
        for (; filled < maxDoc; filled++) {
            starts[filled + 1] = n;
        }
        int[] totals = new int[(int) dv.getValueCount()];
        for (int i = 0; i < n; i++) {
            totals[ords[i]]++;
        }
        return new SegmentOrds(starts, Arrays.copyOf(ords, n), totals);
    }

    /** The segment's ordinals of one dimension, {from, to}: labels are "dim", a separator, the value, sorted. */
    private static long[] ordRange(SortedSetDocValues dv, String dim) throws IOException {
        TermsEnum terms = dv.termsEnum();
        long[] range = new long[2];
        for (int i = 0; i < 2; i++) {
            String key = dim + (char) (FacetsConfig.DELIM_CHAR + i);
            range[i] = terms.seekCeil(new BytesRef(key)) == TermsEnum.SeekStatus.END ? dv.getValueCount() : terms.ord();
        }
        return range;
    }

    /** Counts of one search: how many posts matched, and how many of them carry each facet value. */
    final class Counts {
        final int[] counts = new int[state == null ? 0 : state.getSize()];
        long total;

        /** The {@code n} most frequent values of {@code dim}, or null if no post has the dimension. */
        FacetResult top(String dim, int n) throws IOException {
            SortedSetDocValuesReaderState.OrdRange range = state == null ? null : state.getOrdRange(dim);
            if (range == null) {
                return null;
            }
            // Most frequent first; on a tie, the value that sorts first (the lower ordinal): the n largest of
            // (count, inverted ordinal) packed into longs, kept in a heap. Sorting every value that matched (a
            // thousand authors) cost more than counting.
            LongHeap best = new LongHeap(Math.max(1, Math.min(n, range.end() - range.start() + 1)));
            int children = 0;
            long sum = 0;
            for (int ord = range.start(); ord <= range.end(); ord++) {
                int c = counts[ord];
                if (c != 0) {
                    best.insertWithOverflow(((long) c << 32) | (Integer.MAX_VALUE - ord));
                    children++;
                    sum += c;
                }
            }
            LabelAndValue[] values = new LabelAndValue[best.size()];
            for (int i = values.length - 1; i >= 0; i--) {
                long packed = best.pop(); // the least first
                values[i] = new LabelAndValue(label(Integer.MAX_VALUE - (int) packed), (int) (packed >>> 32));
            }
            return new FacetResult(dim, new String[0], sum, values, children);
        }

        /** Every value of {@code dim} that matched, or null if no post has the dimension. */
        FacetResult all(String dim) throws IOException {
            return top(dim, Integer.MAX_VALUE);
        }
    }

    private String label(int ord) throws IOException {
        String label = labels[ord];
        if (label == null) {
            BytesRef path = state.getDocValues().lookupOrd(ord);
            label = FacetsConfig.stringToPath(path.utf8ToString())[1];
            labels[ord] = label;
        }
        return label;
    }

    /** Collects every match of a search (no scores) into counts. */
    CollectorManager<Collector, Counts> manager() {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new CountingCollector(new Counts());
            }

            @Override
            public Counts reduce(Collection<Collector> collectors) {
                Counts sum = null;
                for (Collector c : collectors) {
                    Counts counts = ((CountingCollector) c).counts;
                    if (sum == null) {
                        sum = counts;
                    } else {
                        sum.total += counts.total;
                        for (int i = 0; i < sum.counts.length; i++) {
                            sum.counts[i] += counts.counts[i];
                        }
                    }
                }
                return sum != null ? sum : new Counts();
            }
        };
    }

    private final class CountingCollector implements Collector {
        final Counts counts;

        CountingCollector(Counts counts) {
            this.counts = counts;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            SegmentOrds seg = leaves[context.ord];
            if (seg == null) {
                return new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorer) {}

                    @Override
                    public void collect(int doc) {
                        counts.total++;
                    }
                };
            }
            int[] global = toGlobal[context.ord];
            int[] totals = liveTotals[context.ord];
            int[] starts = seg.starts();
            int[] ords = seg.ords();
            int[] c = counts.counts;
            int maxDoc = context.reader().maxDoc();
            Bits live = context.reader().getLiveDocs();
            int liveDocs = context.reader().numDocs();
            // Matches are noted first and counted at the end, from whichever side is smaller. This relies on
            // a collector seeing whole segments: the searchers here have no executor, so none is split.
            FixedBitSet matched = new FixedBitSet(maxDoc);
            return new LeafCollector() {
                long hits;

                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) {
                    hits++;
                    matched.set(doc);
                }

                @Override
                public void finish() {
                    counts.total += hits;
                    // When most posts match (a common word): the segment's totals less the posts that do not.
                    boolean most = hits * 2 > liveDocs;
                    int step = most ? -1 : 1;
                    // Counted by the segment's ordinals, then mapped once per ordinal, not once per match.
                    int[] local = most ? totals.clone() : new int[totals.length];
                    long[] words = matched.getBits();
                    for (int w = 0; w < words.length; w++) {
                        long docs = most ? ~words[w] : words[w];
                        while (docs != 0) {
                            int doc = w * 64 + Long.numberOfTrailingZeros(docs);
                            docs &= docs - 1;
                            if (most && (doc >= maxDoc || (live != null && !live.get(doc)))) {
                                continue;
                            }
                            for (int i = starts[doc], end = starts[doc + 1]; i < end; i++) {
                                local[ords[i]] += step;
                            }
                        }
                    }
                    for (int o = 0; o < local.length; o++) {
                        c[global[o]] += local[o];
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
