package org.mesocosm.cli.load;

import java.util.Arrays;

/** Request latencies, every one kept (a load run makes tens of thousands), for exact percentiles. Thread-safe. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int n;

    synchronized void add(long latencyNanos) {
        if (n == nanos.length) nanos = Arrays.copyOf(nanos, n * 2);
        nanos[n++] = latencyNanos;
    }

    synchronized int count() { return n; }

    /** The latency at quantile {@code q} (0..1) in milliseconds, nearest rank; NaN when there are none. */
    synchronized double millisAt(double q) {
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(nanos, n);
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * n);
        return s[Math.min(n, Math.max(1, rank)) - 1] / 1e6;
    }

    synchronized double maxMillis() {
        long m = 0;
        for (int i = 0; i < n; i++) m = Math.max(m, nanos[i]);
        return n == 0 ? Double.NaN : m / 1e6;
    }
}
