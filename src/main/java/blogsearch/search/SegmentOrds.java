package blogsearch.search;

import blogsearch.index.PostSchema;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The facet ordinals of one segment, unpacked from its doc values into plain arrays (at most about 40 bytes
 * per post), so that counting a match is a few array reads rather than decoding compressed doc values.
 * Those counted post by post are ords[starts[doc]] to ords[starts[doc + 1]] for each document; values many
 * posts carry are bit sets instead (see {@link Bulk}); and totals says how many documents carry each ordinal,
 * which holds for every generation without deletions in the segment. Segments never change, so a segment's
 * ordinals are unpacked once and handed from one searcher generation to the next.
 */
record SegmentOrds(int[] starts, int[] ords, Bulk bulk, int[] totals, Map<Long, SegmentOrds> byRange) {
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

    /** How many of the {@code live} posts carry each ordinal. */
    int[] liveTotals(Bits live) {
        if (live == null) {
            return totals;
        }
        int[] counts = new int[totals.length];
        FixedBitSet alive = new FixedBitSet(starts.length - 1);
        for (int doc = 0; doc + 1 < starts.length; doc++) {
            if (live.get(doc)) {
                alive.set(doc);
                for (int i = starts[doc], end = starts[doc + 1]; i < end; i++) {
                    counts[ords[i]]++;
                }
            }
        }
        bulk.count(alive.getBits(), alive.getBits(), 0, 0, counts);
        return counts;
    }

    /** The ordinals of a segment's facet field {@code field}, but those of the feed by URL (see PostSchema#SOURCE). */
    static SegmentOrds unpack(LeafReaderContext leaf, String field) throws IOException {
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
        return inBulk(starts, ords, totals);
    }

    /** The lists with the values many posts carry moved into bit sets; the per-post lists keep the rest. */
    private static SegmentOrds inBulk(int[] starts, int[] ords, int[] totals) {
        int maxDoc = starts.length - 1;
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

    /**
     * The values of a segment carried by at least one document in {@value #DENSE_SHARE}, each kept as a bit
     * set of its documents (no larger than its entries in the per-document lists would be), word by word:
     * bits[w * dense.length + k] holds documents 64w to 64w + 63 of value dense[k]. Counting them over the
     * matches is then an AND and a popcount per value and 64 documents, where a match's values would
     * otherwise be visited one by one.
     */
    record Bulk(int[] dense, long[] bits) {
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
}
