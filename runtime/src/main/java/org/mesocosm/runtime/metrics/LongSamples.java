package org.mesocosm.runtime.metrics;

import java.util.Arrays;

/** A growable array of longs with nearest-rank percentiles. */
public final class LongSamples {
    private long[] values = new long[1024];
    private int size;
    private boolean sorted = true;

    public void add(long v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
        sorted = false;
    }

    public int size() { return size; }

    /** Nearest-rank percentile, q in [0,1]; 0 when empty. */
    public long percentile(double q) {
        if (size == 0) return 0;
        sort();
        int rank = (int) Math.ceil(q * size);
        return values[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    public long max() {
        if (size == 0) return 0;
        sort();
        return values[size - 1];
    }

    public double mean() {
        if (size == 0) return 0;
        double s = 0;
        for (int i = 0; i < size; i++) s += values[i];
        return s / size;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
