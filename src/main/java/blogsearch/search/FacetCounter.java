package blogsearch.search;

import blogsearch.engine.Dimension;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.LongValues;

/**
 * Facet counts over every match, for one searcher generation. Lucene's own counting decodes each match's
 * facet ordinals from the compressed doc values; here they come from each segment's ordinals unpacked into
 * plain arrays ({@link SegmentOrds}), so counting a match is a few array reads. When most of a segment
 * matches, its totals less the posts that do not match take fewer reads still. Values many posts carry are
 * counted from bit sets, 64 posts at a time. The feed a post came from by URL (a dimension only statistics
 * count, never a search) is left out.
 */
final class FacetCounter {
    private final SortedSetDocValuesReaderState state;
    private final SegmentOrds[] leaves;
    /** Each segment's ordinals by its core, for the next generation to take over. */
    private final Map<Object, SegmentOrds> byCore = new HashMap<>();
    private int takenOver;
    /** Per segment, its ordinals' places in the whole index's ordinals. */
    private final int[][] toGlobal;
    /** Per segment, how many of its live posts carry each of its ordinals. */
    private final int[][] liveTotals;
    /**
     * Each value's label by ordinal, filled as values are first shown: looking labels up in the merged doc
     * values cost a tenth of a search. Racing threads store equal strings, so the array needs no lock.
     */
    private final String[] labels;
    private final String[] keys;

    /**
     * Ordinals for one searcher, unpacking the segments {@code previous} (the counter of an earlier generation,
     * or null) did not have; with no facet state (no post has a facet yet) only matches are counted.
     */
    FacetCounter(IndexReader reader, SortedSetDocValuesReaderState state, FacetCounter previous) throws IOException {
        this.state = state;
        List<LeafReaderContext> contexts = reader.leaves();
        leaves = new SegmentOrds[contexts.size()];
        toGlobal = new int[contexts.size()][];
        liveTotals = new int[contexts.size()][];
        labels = new String[state == null ? 0 : state.getSize()];
        keys = new String[labels.length];
        if (state == null) {
            return;
        }
        OrdinalMap map = state.getDocValues() instanceof MultiDocValues.MultiSortedSetDocValues multi
                ? multi.mapping : null;
        for (LeafReaderContext leaf : contexts) {
            leaves[leaf.ord] = segment(leaf, state.getField(), previous);
            SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), state.getField());
            int[] global = new int[(int) dv.getValueCount()];
            LongValues g = map == null ? null : map.getGlobalOrds(leaf.ord);
            for (int i = 0; i < global.length; i++) {
                global[i] = g == null ? i : (int) g.get(i);
            }
            toGlobal[leaf.ord] = global;
            liveTotals[leaf.ord] = leaves[leaf.ord].liveTotals(leaf.reader().getLiveDocs());
        }
    }

    /** A segment's ordinals: those an earlier generation unpacked, or unpacked now. */
    private SegmentOrds segment(LeafReaderContext leaf, String field, FacetCounter previous) throws IOException {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return SegmentOrds.unpack(leaf, field);
        }
        SegmentOrds seg = previous == null ? null : previous.byCore.get(helper.getKey());
        if (seg == null) {
            seg = SegmentOrds.unpack(leaf, field);
        } else {
            takenOver++;
        }
        byCore.put(helper.getKey(), seg);
        return seg;
    }

    /** How many segments' ordinals came from the generation before rather than being unpacked again. */
    int segmentsTakenOver() {
        return takenOver;
    }

    /** How many facet values the index has. */
    int size() {
        return labels.length;
    }

    /** The index's ordinals of {@code dim}'s values, or null if no post has one. */
    SortedSetDocValuesReaderState.OrdRange range(Dimension dim) {
        return state == null ? null : state.getOrdRange(dim.label());
    }

    /** Counts over every live post: what the whole index holds. */
    FacetCounts everything() {
        FacetCounts all = new FacetCounts(this);
        for (int leaf = 0; leaf < leaves.length; leaf++) {
            if (leaves[leaf] != null) {
                int[] global = toGlobal[leaf];
                int[] totals = liveTotals[leaf];
                for (int o = 0; o < totals.length; o++) {
                    all.counts[global[o]] += totals[o];
                }
            }
        }
        return all;
    }

    /** A value's key, as its selections are matched (see {@link Dimension#key}). */
    String key(Dimension dim, int ord) throws IOException {
        String key = keys[ord];
        if (key == null) {
            key = dim.key(label(ord));
            keys[ord] = key;
        }
        return key;
    }

    String label(int ord) throws IOException {
        String label = labels[ord];
        if (label == null) {
            BytesRef path = state.getDocValues().lookupOrd(ord);
            label = FacetsConfig.stringToPath(path.utf8ToString())[1];
            labels[ord] = label;
        }
        return label;
    }

    /** Collects every match of a search (no scores) into counts. */
    CollectorManager<Collector, FacetCounts> manager() {
        return manager(null);
    }

    /**
     * Facet counts for a search narrowed by values of one dimension, in one pass over the matches without
     * that narrowing ("drill sideways"): the dimension is counted over all of them, so that its other values
     * stay visible, while the other dimensions and the total count only the posts with a selected value.
     * Which posts those are is read from their facet values; no second search is needed.
     */
    CollectorManager<Collector, FacetCounts> sideways(Dimension dim, List<String> selected) {
        SortedSetDocValuesReaderState.OrdRange range = state.getOrdRange(dim.label());
        return manager(range == null ? new Sideways(0, -1, dim, selected) : new Sideways(range.start(), range.end(),
                dim, selected));
    }

    /** Only the matches that carry a selected value of {@code dim} reach {@code inner}'s collectors. */
    <T> CollectorManager<Collector, T> selectedOnly(CollectorManager<? extends Collector, T> inner, Dimension dim,
            List<String> selected) {
        return new Sideways(0, -1, dim, selected).selectedOnly(inner);
    }

    private CollectorManager<Collector, FacetCounts> manager(Sideways sideways) {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new CountingCollector(new FacetCounts(FacetCounter.this), sideways);
            }

            @Override
            public FacetCounts reduce(Collection<Collector> collectors) {
                FacetCounts sum = null;
                for (Collector c : collectors) {
                    FacetCounts counts = ((CountingCollector) c).counts;
                    if (sum == null) {
                        sum = counts;
                    } else {
                        sum.add(counts);
                    }
                }
                return sum != null ? sum : new FacetCounts(FacetCounter.this);
            }
        };
    }

    private final class CountingCollector implements Collector {
        final FacetCounts counts;
        final Sideways sideways;

        CountingCollector(FacetCounts counts, Sideways sideways) {
            this.counts = counts;
            this.sideways = sideways;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            SegmentOrds seg = leaves[context.ord];
            if (seg == null) {
                return new LeafCollector() {
                    @Override
                    public void setScorer(Scorable scorer) {}

                    @Override
                    public void collect(int doc) {
                        counts.total += sideways == null ? 1 : 0; // no facets: nothing carries a selected value
                    }
                };
            }
            return sideways != null ? sidewaysCollector(context, seg) : matchesCollector(context, seg);
        }

        /**
         * Matches are noted first and counted at the end, from whichever side is smaller. This relies on a
         * collector seeing whole segments: the searchers here have no executor, so none is split.
         */
        private LeafCollector matchesCollector(LeafReaderContext context, SegmentOrds seg) {
            int[] global = toGlobal[context.ord];
            int[] totals = liveTotals[context.ord];
            int[] starts = seg.starts();
            int[] ords = seg.ords();
            int[] c = counts.counts;
            int maxDoc = context.reader().maxDoc();
            Bits live = context.reader().getLiveDocs();
            int liveDocs = context.reader().numDocs();
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
                    if (most) {
                        seg.bulk().clear(local); // the totals hold the values counted from bit sets too
                    }
                    // Matches only ever hold live posts, so bit set counts need no deletions taken out.
                    seg.bulk().count(words, words, 0, 0, local);
                    for (int o = 0; o < local.length; o++) {
                        c[global[o]] += local[o];
                    }
                }
            };
        }

        /** See {@link FacetCounter#sideways}: matches are noted, then counted at the end. */
        private LeafCollector sidewaysCollector(LeafReaderContext context, SegmentOrds seg) throws IOException {
            int[] global = toGlobal[context.ord];
            FixedBitSet carriers = sideways.carriers(context);
            // Global ordinals follow segment ones in order, so the dimension's are a range here too.
            int from = insertionPoint(global, sideways.start());
            int to = insertionPoint(global, sideways.end() + 1);
            SegmentOrds dimOnly = seg.only(from, to);
            FixedBitSet matched = new FixedBitSet(context.reader().maxDoc());
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) {
                    matched.set(doc);
                }

                @Override
                public void finish() {
                    int[] local = new int[global.length];
                    long[] words = matched.getBits();
                    long[] carrying = carriers.getBits();
                    long[] with = new long[words.length];
                    long narrowed = 0;
                    for (int w = 0; w < words.length; w++) {
                        // Posts with a selected value count in every dimension; the others in this one only.
                        with[w] = words[w] & carrying[w];
                        narrowed += Long.bitCount(with[w]);
                        count(w, with[w], seg, local);
                        count(w, words[w] & ~carrying[w], dimOnly, local);
                    }
                    seg.bulk().count(words, with, from, to, local);
                    counts.total += narrowed;
                    for (int o = 0; o < local.length; o++) {
                        counts.counts[global[o]] += local[o];
                    }
                }
            };
        }

        /** Counts the ordinals of the posts in one 64-post word of a bit set. */
        private static void count(int word, long docs, SegmentOrds seg, int[] local) {
            int[] starts = seg.starts();
            int[] ords = seg.ords();
            for (; docs != 0; docs &= docs - 1) {
                int doc = word * 64 + Long.numberOfTrailingZeros(docs);
                for (int i = starts[doc], end = starts[doc + 1]; i < end; i++) {
                    local[ords[i]]++;
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** Where {@code value} is or would be in the sorted {@code sorted}. */
    private static int insertionPoint(int[] sorted, int value) {
        int i = Arrays.binarySearch(sorted, value);
        return i >= 0 ? i : -i - 1;
    }
}
