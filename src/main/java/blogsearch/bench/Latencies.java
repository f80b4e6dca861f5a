package blogsearch.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, with percentiles. Not thread-safe: one per thread, then merged. */
final class Latencies {
    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int count() {
        return size;
    }

    /** The p-th percentile (0-100) in milliseconds. */
    double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int i = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100 * size) - 1));
        return sorted[i] / 1e6;
    }

    String summary() {
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%,d queries)",
                percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(100), size);
    }
}
