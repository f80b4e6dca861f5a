package blogsearch.ingest;

/** A set of longs in one array (8 bytes per slot), for the ids seen in a run of millions of posts. */
final class LongSet {
    private long[] slots = new long[1 << 12];
    private boolean hasZero;
    private int size;

    /** Adds {@code v}; false if it was there already. */
    synchronized boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        if (insert(slots, v)) {
            size++;
            return true;
        }
        return false;
    }

    private static boolean insert(long[] table, long v) {
        int mask = table.length - 1;
        int i = (int) (mix(v) & mask);
        while (table[i] != 0) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }
}
