package org.mesocosm.reports.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Two policies measured on the same seeds: the mean of the per-seed differences a − b with its
 * 95% t interval, and two-sided p-values from the paired t-test and the Wilcoxon signed-rank
 * test on those differences.
 *
 * <p>Pairing is why compare runs every policy on the same seeds: seed-to-seed variation of the
 * workload cancels in the differences, so far fewer seeds separate two policies.
 *
 * <p>Wilcoxon follows SciPy's default ({@code zero_method="wilcox"}): zero differences are
 * dropped. With up to {@value SignedRankExact#MAX_N} non-zero differences the p-value is exact
 * (with mid-ranks for tied magnitudes, see {@link SignedRankExact}); above that, Commons Math's
 * normal approximation. Degenerate cases: when every
 * difference is zero both p-values are 1; when all differences are equal and non-zero the t-test
 * p-value is 0 (the difference is certain), and NaN with fewer than two pairs.
 */
public record PairedComparison(Estimate difference, double tTestP, double wilcoxonP) {
    /** Up to this many non-zero differences the Wilcoxon p-value is exact; above, the normal approximation. */
    public static final int WILCOXON_EXACT_MAX = SignedRankExact.MAX_N;


    public static PairedComparison of(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        Estimate diff = Estimate.of(d);
        return new PairedComparison(diff, pairedT(diff), wilcoxon(d));
    }

    static double pairedT(Estimate diff) {
        if (diff.n() < 2) return Double.NaN;
        if (diff.sd() == 0) return diff.mean() == 0 ? 1.0 : 0.0;
        double t = diff.mean() / (diff.sd() / Math.sqrt(diff.n()));
        TDistribution dist = new TDistribution(null, diff.n() - 1);
        return 2 * dist.cumulativeProbability(-Math.abs(t));
    }

    static double wilcoxon(double[] d) {
        double[] nonZero = Arrays.stream(d).filter(v -> v != 0).toArray();
        if (nonZero.length == 0) return d.length == 0 ? Double.NaN : 1.0;
        if (nonZero.length <= SignedRankExact.MAX_N) return SignedRankExact.pValue(nonZero);
        double p = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(nonZero, new double[nonZero.length], false);
        return Math.min(1.0, p);
    }
}
