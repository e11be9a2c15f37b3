package org.mesocosm.reports;

import java.util.Arrays;

/**
 * An empirical CDF, thinned for plotting: point i is (x[i], p[i]) with p = fraction of samples
 * ≤ x. With more samples than {@code maxPoints}, three quarters of the points are spread evenly
 * over all ranks and one quarter over the top 1 % of ranks, so the tail (p99 → max), which a
 * scheduler study cares most about, keeps its shape.
 *
 * @param x sample values, ascending
 * @param p cumulative fraction at each x, ascending, last one 1.0
 * @param n number of samples the CDF was built from
 */
record Cdf(double[] x, double[] p, int n) {

    static final int MAX_POINTS = 2_000;

    /** @param sorted samples in ascending order (not modified) */
    static Cdf of(double[] sorted, int maxPoints) {
        if (maxPoints < 8) {
            throw new IllegalArgumentException("maxPoints must be at least 8: " + maxPoints);
        }
        int n = sorted.length;
        int[] ranks;
        if (n <= maxPoints) {
            ranks = new int[n];
            Arrays.setAll(ranks, i -> i);
        } else {
            int body = maxPoints * 3 / 4;
            int tail = maxPoints - body;
            int tailFrom = n - 1 - Math.max(n / 100, 1);
            int[] all = new int[body + tail];
            for (int j = 0; j < body; j++) {
                all[j] = (int) Math.round((double) j * (n - 1) / (body - 1));
            }
            for (int j = 0; j < tail; j++) {
                all[body + j] = tailFrom + (int) Math.round((double) j * (n - 1 - tailFrom) / (tail - 1));
            }
            Arrays.sort(all);
            ranks = Arrays.stream(all).distinct().toArray();
        }
        double[] x = new double[ranks.length];
        double[] p = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            x[i] = sorted[ranks[i]];
            p[i] = (ranks[i] + 1) / (double) n;
        }
        return new Cdf(x, p, n);
    }

    int points() {
        return x.length;
    }
}
