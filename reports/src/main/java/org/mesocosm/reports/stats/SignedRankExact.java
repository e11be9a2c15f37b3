package org.mesocosm.reports.stats;

import java.util.Arrays;

/**
 * The exact null distribution of the Wilcoxon signed-rank statistic W+ (the sum of the ranks of
 * the positive differences) by dynamic programming over the 2^n equally likely sign patterns.
 * Tied magnitudes get mid-ranks; ranks are doubled so every mid-rank is an integer. This makes
 * the test exact with ties too (the conditional permutation test), where the textbook table and
 * the normal approximation are not.
 */
final class SignedRankExact {
    /** Above this many pairs the normal approximation is used instead (the DP's counts would overflow a double's precision of interest). */
    static final int MAX_N = 60;

    private SignedRankExact() {}

    /** Two-sided p-value for non-zero differences {@code d}: 2 · min(P(W+ ≤ w), P(W+ ≥ w)), at most 1. */
    static double pValue(double[] d) {
        int n = d.length;
        int[] ranks2 = doubledMidRanks(d);
        int total = 0;
        int observed = 0;
        for (int i = 0; i < n; i++) {
            total += ranks2[i];
            if (d[i] > 0) observed += ranks2[i];
        }
        // counts[s] = number of sign patterns whose positive ranks sum to s (in doubled units)
        double[] counts = new double[total + 1];
        counts[0] = 1;
        int reach = 0;
        for (int r : ranks2) {
            for (int s = reach; s >= 0; s--) if (counts[s] != 0) counts[s + r] += counts[s];
            reach += r;
        }
        double all = Math.pow(2, n);
        double atMost = 0;
        double atLeast = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= observed) atMost += counts[s];
            if (s >= observed) atLeast += counts[s];
        }
        return Math.min(1.0, 2 * Math.min(atMost, atLeast) / all);
    }

    static int[] doubledMidRanks(double[] d) {
        int n = d.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(d[a]), Math.abs(d[b])));
        int[] r2 = new int[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) j++;
            int midDoubled = (i + 1) + (j + 1); // 2 × the mean of ranks i+1..j+1
            for (int k = i; k <= j; k++) r2[order[k]] = midDoubled;
            i = j + 1;
        }
        return r2;
    }
}
