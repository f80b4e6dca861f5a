package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchResult.FacetValue;
import blogsearch.index.PostSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
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
 * compressed doc values; here each segment's ordinals are unpacked once into plain arrays (at most about
 * 40 bytes per post, kept while the segment lives), so counting a match is a few array reads. For a common
 * word, half the index, this made counting four facets several times faster. When most of a segment
 * matches, its per-generation totals less the posts that do not match take fewer reads still. Values many
 * posts carry are kept as bit sets instead, and counted 64 posts at a time (see {@link Bulk}). The feed a
 * post came from by URL (a dimension only statistics count, never a search) is left out.
 */
final class FacetCounter {
    /** Unpacked ordinals per segment, for as long as the segment exists; segments never change. */
    private static final Map<Object, SegmentOrds> SEGMENTS = new ConcurrentHashMap<>();

    /**
     * The facet ordinals of a segment: those counted post by post, ords[starts[doc]] to ords[starts[doc + 1]]
     * for each document; those counted from bit sets (see {@link Bulk}); and how many documents carry each
     * ordinal, which holds for every generation without deletions here.
     */
    private record SegmentOrds(int[] starts, int[] ords, Bulk bulk, int[] totals, Map<Long, SegmentOrds> byRange) {
        SegmentOrds(int[] starts, int[] ords, Bulk bulk, int[] totals) {
            this(starts, ords, bulk, totals, new ConcurrentHashMap<>());
        }

        /** The ordinals in [from, to) only, laid out the same way; made once per segment and range. */
        SegmentOrds only(int from, int to) {
            return byRange.computeIfAbsent(((long) from << 32) | to, r -> {
                int maxDoc = starts.length - 1;
                int[] s = new int[maxDoc + 1];
                int[] o = new int[ords.length];
                int n = 0;
                for (int doc = 0; doc < maxDoc; doc++) {
                    for (int i = starts[doc]; i < starts[doc + 1]; i++) {
                        if (ords[i] >= from && ords[i] < to) {
                            o[n++] = ords[i];
                        }
                    }
                    s[doc + 1] = n;
                }
                return new SegmentOrds(s, Arrays.copyOf(o, n), null, null, Map.of());
            });
        }
    }

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
    private final String[] keys;

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
        keys = new String[labels.length];
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
        FixedBitSet alive = new FixedBitSet(seg.starts().length - 1);
        for (int doc = 0; doc + 1 < seg.starts().length; doc++) {
            if (live.get(doc)) {
                alive.set(doc);
                for (int i = seg.starts()[doc], end = seg.starts()[doc + 1]; i < end; i++) {
                    totals[seg.ords()[i]]++;
                }
            }
        }
        seg.bulk().count(alive.getBits(), alive.getBits(), 0, 0, totals);
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
        long[] skip = ordRange(dv, PostSchema.SOURCE);
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
        // Values many posts carry are counted from bit sets; the per-post lists keep the rest.
        int[] slot = new int[totals.length];
        int dense = 0;
        for (int o = 0; o < totals.length; o++) {
            slot[o] = totals[o] > 0 && (long) totals[o] * Bulk.DENSE_SHARE >= maxDoc ? dense++ : -1;
        }
        long[] bits = new long[FixedBitSet.bits2words(maxDoc) * dense];
        int[] denseOrds = new int[dense];
        int kept = 0;
        for (int doc = 0; doc < maxDoc; doc++) {
            int from = starts[doc];
            int to = starts[doc + 1];
            starts[doc] = kept;
            for (int i = from; i < to; i++) {
                int k = slot[ords[i]];
                if (k < 0) {
                    ords[kept++] = ords[i];
                } else {
                    denseOrds[k] = ords[i];
                    bits[(doc >> 6) * dense + k] |= 1L << doc;
                }
            }
        }
        starts[maxDoc] = kept;
        return new SegmentOrds(starts, Arrays.copyOf(ords, kept), new Bulk(denseOrds, bits), totals);
    }

    /**
     * The values of a segment carried by at least one document in {@value #DENSE_SHARE}, each kept as a bit
     * set of its documents (no larger than its entries in the per-document lists would be), word by word:
     * bits[w * dense.length + k] holds documents 64w to 64w + 63 of value dense[k]. Counting them over the
     * matches is then an AND and a popcount per value and 64 documents, where a match's values would
     * otherwise be visited one by one.
     */
    private record Bulk(int[] dense, long[] bits) {
        static final int DENSE_SHARE = 32;

        /**
         * Adds to {@code local} how many documents of {@code narrowed} carry each value, or, for the values
         * in [{@code from}, {@code to}), of {@code all} (which holds {@code narrowed}).
         */
        void count(long[] all, long[] narrowed, int from, int to, int[] local) {
            int n = dense.length;
            if (n == 0) {
                return;
            }
            boolean[] wide = new boolean[n];
            for (int k = 0; k < n; k++) {
                wide[k] = dense[k] >= from && dense[k] < to;
            }
            int[] c = new int[n];
            for (int w = 0; w < all.length; w++) {
                long a = all[w];
                if (a == 0) {
                    continue; // a rare word leaves most words empty
                }
                long b = narrowed[w];
                for (int k = 0, i = w * n; k < n; k++, i++) {
                    c[k] += Long.bitCount((wide[k] ? a : b) & bits[i]);
                }
            }
            for (int k = 0; k < n; k++) {
                local[dense[k]] += c[k];
            }
        }

        /** Sets the values of {@code local} counted here to zero. */
        void clear(int[] local) {
            for (int o : dense) {
                local[o] = 0;
            }
        }
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

        /**
         * The {@code n} most frequent values of {@code dim} as shown: spellings that differ only in case
         * ("Java", "java") are one value, in its most common spelling (the first on a tie); selected values
         * are always included, counted exactly. Years are ordered newest first, other values most frequent first.
         */
        List<FacetValue> values(Dimension dim, int n, List<String> selected) throws IOException {
            Set<String> selectedKeys = new LinkedHashSet<>();
            selected.forEach(v -> selectedKeys.add(dim.key(v)));
            SortedSetDocValuesReaderState.OrdRange range = state == null ? null : state.getOrdRange(dim.label());
            Map<String, Spellings> byKey = new LinkedHashMap<>();
            if (range != null) {
                // Case variants may rank apart: among three times as many as are shown, they are merged.
                int[] best = best(range, dim.caseFolded() ? (int) Math.min(Integer.MAX_VALUE, 3L * n) : n);
                for (int ord : best) {
                    byKey.computeIfAbsent(key(dim, ord), k -> new Spellings()).add(label(ord), counts[ord]);
                }
                if (!selectedKeys.isEmpty() && best.length < nonZero(range)) {
                    // A selected value beyond those, or with variants on both sides of the cut, would show
                    // less than its count: selected values are counted over every spelling.
                    byKey.keySet().removeAll(selectedKeys);
                    for (int ord = range.start(); ord <= range.end(); ord++) {
                        if (counts[ord] != 0 && selectedKeys.contains(key(dim, ord))) {
                            byKey.computeIfAbsent(key(dim, ord), k -> new Spellings()).add(label(ord), counts[ord]);
                        }
                    }
                }
            }
            List<FacetValue> values = new ArrayList<>(byKey.size());
            byKey.forEach((key, v) -> values.add(new FacetValue(v.label, v.total, selectedKeys.contains(key))));
            values.sort(dim.listedByValue() ? (a, b) -> b.value().compareTo(a.value())
                    : (a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count())
                            : a.value().compareTo(b.value()));
            List<FacetValue> shown = new ArrayList<>(values.subList(0, Math.min(n, values.size())));
            for (String key : selectedKeys) {
                if (shown.stream().noneMatch(v -> v.selected() && dim.key(v.value()).equals(key))) {
                    Spellings known = byKey.get(key);
                    String typed = selected.stream().filter(v -> dim.key(v).equals(key)).findFirst().orElse(key);
                    shown.add(known != null ? new FacetValue(known.label, known.total, true) : new FacetValue(typed, 0, true));
                }
            }
            return shown;
        }

        /**
         * The ordinals of the {@code n} most frequent values in {@code range}, most frequent first; on a tie,
         * the value that sorts first (the lower ordinal). The n largest of (count, inverted ordinal) packed
         * into longs are kept in a heap: sorting every value that matched (a thousand authors) cost more
         * than counting.
         */
        private int[] best(SortedSetDocValuesReaderState.OrdRange range, int n) {
            LongHeap heap = new LongHeap(Math.max(1, Math.min(n, range.end() - range.start() + 1)));
            for (int ord = range.start(); ord <= range.end(); ord++) {
                int c = counts[ord];
                if (c != 0) {
                    heap.insertWithOverflow(((long) c << 32) | (Integer.MAX_VALUE - ord));
                }
            }
            int[] ords = new int[heap.size()];
            for (int i = ords.length - 1; i >= 0; i--) {
                ords[i] = Integer.MAX_VALUE - (int) heap.pop(); // the least first
            }
            return ords;
        }

        private int nonZero(SortedSetDocValuesReaderState.OrdRange range) {
            int n = 0;
            for (int ord = range.start(); ord <= range.end(); ord++) {
                n += counts[ord] != 0 ? 1 : 0;
            }
            return n;
        }

        /** Every value of {@code dim} that matched, with its count, or null if no post has the dimension. */
        FacetResult all(Dimension dim) throws IOException {
            SortedSetDocValuesReaderState.OrdRange range = state == null ? null : state.getOrdRange(dim.label());
            if (range == null) {
                return null;
            }
            int[] ords = best(range, Integer.MAX_VALUE);
            LabelAndValue[] values = new LabelAndValue[ords.length];
            long sum = 0;
            for (int i = 0; i < ords.length; i++) {
                values[i] = new LabelAndValue(label(ords[i]), counts[ords[i]]);
                sum += counts[ords[i]];
            }
            return new FacetResult(dim.label(), new String[0], sum, values, ords.length);
        }
    }

    /** The case variants of one facet value: their total, shown in the most common spelling (the first on a tie). */
    private static final class Spellings {
        String label;
        long best = -1;
        long total;

        void add(String spelling, long count) {
            total += count;
            if (count > best) {
                best = count;
                label = spelling;
            }
        }
    }

    /** Counts over every live post: what the whole index holds. */
    Counts everything() {
        Counts all = new Counts();
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
    private String key(Dimension dim, int ord) throws IOException {
        String key = keys[ord];
        if (key == null) {
            key = dim.key(label(ord));
            keys[ord] = key;
        }
        return key;
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
        return manager(null);
    }

    /**
     * Facet counts for a search narrowed by values of one dimension, in one pass over the matches without
     * that narrowing ("drill sideways"): the dimension is counted over all of them, so that its other values
     * stay visible, while the other dimensions and the total count only the posts with a selected value.
     * Which posts those are is read from their facet values; no second search is needed.
     */
    CollectorManager<Collector, Counts> sideways(Dimension dim, List<String> selected) {
        SortedSetDocValuesReaderState.OrdRange range = state.getOrdRange(dim.label());
        return manager(range == null ? new Sideways(0, -1, dim, selected) : new Sideways(range.start(), range.end(),
                dim, selected));
    }

    /** Only the matches that carry a selected value of {@code dim} reach {@code inner}'s collectors. */
    <T> CollectorManager<Collector, T> selectedOnly(CollectorManager<? extends Collector, T> inner, Dimension dim,
            List<String> selected) {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() throws IOException {
                return new Narrowed(inner.newCollector(), new Sideways(0, -1, dim, selected));
            }

            @Override
            @SuppressWarnings("unchecked")
            public T reduce(Collection<Collector> collectors) throws IOException {
                List<Collector> inners = new ArrayList<>();
                for (Collector c : collectors) {
                    inners.add(((Narrowed) c).inner());
                }
                return ((CollectorManager<Collector, T>) inner).reduce(inners);
            }
        };
    }

    /** A collector that sees only the matches carrying a selected value. */
    private static final class Narrowed extends FilterCollector {
        private final Sideways narrowing;

        Narrowed(Collector in, Sideways narrowing) {
            super(in);
            this.narrowing = narrowing;
        }

        Collector inner() {
            return in;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            FixedBitSet carriers = narrowing.carriers(context);
            return new FilterLeafCollector(super.getLeafCollector(context)) {
                @Override
                public void collect(int doc) throws IOException {
                    if (carriers.get(doc)) {
                        in.collect(doc);
                    }
                }
            };
        }

        @Override
        public void setWeight(org.apache.lucene.search.Weight weight) {
            // The weight is of the wider search: no counting shortcuts from it.
        }
    }

    /**
     * The narrowing by one dimension: its global ordinals, and the selected values, which posts carry as
     * the same terms the search filters by (see PostSchema#filterTerm).
     */
    private record Sideways(int start, int end, Dimension dim, List<String> selected) {
        /** The segment's posts that carry a selected value. */
        FixedBitSet carriers(LeafReaderContext context) throws IOException {
            FixedBitSet bits = new FixedBitSet(context.reader().maxDoc());
            for (String value : selected) {
                PostingsEnum posts = context.reader().postings(PostSchema.filterTerm(dim, value), PostingsEnum.NONE);
                if (posts != null) {
                    posts.nextDoc();
                    posts.intoBitSet(DocIdSetIterator.NO_MORE_DOCS, bits, 0);
                }
            }
            return bits;
        }
    }

    private CollectorManager<Collector, Counts> manager(Sideways sideways) {
        return new CollectorManager<>() {
            @Override
            public Collector newCollector() {
                return new CountingCollector(new Counts(), sideways);
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
        final Sideways sideways;

        CountingCollector(Counts counts, Sideways sideways) {
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
            if (sideways != null) {
                return sidewaysCollector(context, seg);
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
