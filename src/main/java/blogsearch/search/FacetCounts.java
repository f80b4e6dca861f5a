package blogsearch.search;

import blogsearch.engine.Dimension;
import blogsearch.engine.SearchResult.FacetValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.util.LongHeap;

/**
 * Counts of one search: how many posts matched, and how many of them carry each facet value (by the
 * index's ordinal); and from them, the values a facet shows.
 */
final class FacetCounts {
    final int[] counts;
    long total;
    private final FacetCounter counter;

    FacetCounts(FacetCounter counter) {
        this.counter = counter;
        this.counts = new int[counter.size()];
    }

    /** Adds the counts of other posts than these, counted by the same counter. */
    void add(FacetCounts other) {
        total += other.total;
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    /**
     * The {@code n} most frequent values of {@code dim} as shown: spellings that differ only in case
     * ("Java", "java") are one value, in its most common spelling (the first on a tie); selected values
     * are always included, counted exactly. Years are ordered newest first, other values most frequent first.
     */
    List<FacetValue> values(Dimension dim, int n, List<String> selected) throws IOException {
        Set<String> selectedKeys = new LinkedHashSet<>();
        selected.forEach(v -> selectedKeys.add(dim.key(v)));
        SortedSetDocValuesReaderState.OrdRange range = counter.range(dim);
        Map<String, Spellings> byKey = new LinkedHashMap<>();
        if (range != null) {
            // Case variants may rank apart: among three times as many as are shown, they are merged.
            int[] best = best(range, dim.caseFolded() ? (int) Math.min(Integer.MAX_VALUE, 3L * n) : n);
            for (int ord : best) {
                byKey.computeIfAbsent(counter.key(dim, ord), k -> new Spellings()).add(counter.label(ord), counts[ord]);
            }
            if (!selectedKeys.isEmpty() && best.length < nonZero(range)) {
                // A selected value beyond those, or with variants on both sides of the cut, would show
                // less than its count: selected values are counted over every spelling.
                byKey.keySet().removeAll(selectedKeys);
                for (int ord = range.start(); ord <= range.end(); ord++) {
                    if (counts[ord] != 0 && selectedKeys.contains(counter.key(dim, ord))) {
                        byKey.computeIfAbsent(counter.key(dim, ord), k -> new Spellings()).add(counter.label(ord), counts[ord]);
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
                shown.add(known != null ? new FacetValue(known.label, known.total, true)
                        : new FacetValue(typed, 0, true));
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
        SortedSetDocValuesReaderState.OrdRange range = counter.range(dim);
        if (range == null) {
            return null;
        }
        int[] ords = best(range, Integer.MAX_VALUE);
        LabelAndValue[] values = new LabelAndValue[ords.length];
        long sum = 0;
        for (int i = 0; i < ords.length; i++) {
            values[i] = new LabelAndValue(counter.label(ords[i]), counts[ords[i]]);
            sum += counts[ords[i]];
        }
        return new FacetResult(dim.label(), new String[0], sum, values, ords.length);
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
}
