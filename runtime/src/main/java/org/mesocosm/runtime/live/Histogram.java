package org.mesocosm.runtime.live;

/** A Prometheus-style cumulative histogram of durations, fixed buckets in seconds. Event loop thread only. */
final class Histogram {
    static final double[] BUCKETS_S = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private final long[] counts = new long[BUCKETS_S.length];
    private long count;
    private long sumMicros;

    void add(long micros) {
        count++;
        sumMicros += micros;
        double s = micros / 1e6;
        for (int i = 0; i < BUCKETS_S.length; i++) if (s <= BUCKETS_S[i]) counts[i]++;
    }

    long count() { return count; }

    double sumSeconds() { return sumMicros / 1e6; }

    long cumulative(int bucket) { return counts[bucket]; }
}
