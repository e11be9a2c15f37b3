package org.mesocosm.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Known answers. Reference values from SciPy 1.17.1 (NumPy), computed as stated in each test:
 * {@code scipy.stats.t.ppf}, {@code t.interval}, {@code ttest_rel}, {@code wilcoxon}.
 */
class StatsKnownAnswersTest {

    @Test
    void meanAndStudentTIntervalOfFiveSeeds() {
        // x = [0.61, 0.58, 0.66, 0.63, 0.60]; mean 0.616, s = 0.030496, t.ppf(0.975, 4) = 2.7764451051977934
        // CI = 0.616 ± 2.776445 * 0.030496 / sqrt(5) = [0.5781343371836054, 0.6538656628163946]
        Estimate e = Estimate.of(new double[] {0.61, 0.58, 0.66, 0.63, 0.60});
        assertEquals(0.616, e.mean(), 1e-12);
        assertEquals(0.5781343371836054, e.ciLow(), 1e-9);
        assertEquals(0.6538656628163946, e.ciHigh(), 1e-9);
        assertEquals(5, e.n());
        assertEquals(2.7764451051977934, Estimate.tQuantile(4), 1e-9);
    }

    @Test
    void oneValueHasNoIntervalAndIdenticalValuesAZeroWidthOne() {
        Estimate one = Estimate.of(new double[] {3.0});
        assertEquals(3.0, one.mean());
        assertTrue(Double.isNaN(one.ciLow()) && Double.isNaN(one.ciHigh()));
        Estimate same = Estimate.of(new double[] {2.5, 2.5, 2.5});
        assertEquals(2.5, same.ciLow());
        assertEquals(2.5, same.ciHigh());
        assertThrows(IllegalArgumentException.class, () -> Estimate.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Estimate.of(new double[] {1, Double.NaN}));
    }

    @Test
    void anIntervalReachingBelowZeroIsCutAtTheBoundAndKeepsItsUpperSide() {
        // the README's borg best-effort p99 shape: four runs at 0, one at 360,000 ms
        // mean 72,000, s = 160,996.89, t.ppf(0.975, 4) * s / sqrt(5) = 199,904: t-interval [-127,904, 271,904]
        Estimate t = Estimate.of(new double[] {0, 0, 0, 0, 360_000});
        assertTrue(t.ciLow() < 0, "Student's t alone reaches below 0: " + t);
        Estimate b = t.bounded(0, Double.POSITIVE_INFINITY);
        assertEquals(0.0, b.ciLow());
        assertEquals(t.ciHigh(), b.ciHigh(), 1e-9);
        assertEquals(72_000.0, b.mean(), 1e-9);
        assertTrue(b.asymmetric());
        assertFalse(t.asymmetric());
        Estimate inside = Estimate.of(new double[] {0.61, 0.58, 0.66, 0.63, 0.60});
        assertSame(inside, inside.bounded(0, 1), "an interval within the bounds is left alone");
        Estimate fraction = Estimate.of(new double[] {1, 1, 1, 1, 0.5}).bounded(0, 1);
        assertEquals(1.0, fraction.ciHigh(), "a utilization's interval stops at 1");
        assertTrue(Double.isNaN(Estimate.of(new double[] {3}).bounded(0, 1).ciLow()), "one value: still no interval");
    }

    @Test
    void pairedDifferenceTTestAndWilcoxonMatchScipy() {
        double[] a = {12.1, 9.8, 15.3, 11.0, 13.4, 10.2, 14.8, 9.1};
        double[] b = {10.4, 9.9, 12.7, 10.1, 11.2, 10.6, 12.0, 8.3};
        PairedComparison p = PairedComparison.of(a, b);
        // mean(a - b) = 1.3125; t.interval(0.95, 7, mean, sem) = (0.30486809320511954, 2.320131906794881)
        assertEquals(1.3125, p.difference().mean(), 1e-12);
        assertEquals(0.30486809320511954, p.difference().ciLow(), 1e-9);
        assertEquals(2.320131906794881, p.difference().ciHigh(), 1e-9);
        // ttest_rel(a, b): statistic 3.0800625796849737, pvalue 0.017813814804051135
        assertEquals(0.017813814804051135, p.tTestP(), 1e-9);
        // wilcoxon(a, b) (exact, 8 pairs, no ties): statistic 3.0, pvalue 0.0390625 = 10/256
        assertEquals(0.0390625, p.wilcoxonP(), 1e-12);
    }

    @Test
    void wilcoxonExactAtTwentyFivePairs() {
        // c_k = 0.37 k - 3.1, k = 1..25, against zero: wilcoxon(c, method="exact") pvalue 0.0067255496978759766
        double[] c = new double[25];
        for (int k = 1; k <= 25; k++) c[k - 1] = k * 0.37 - 3.1;
        assertEquals(0.0067255496978759766, PairedComparison.of(c, new double[25]).wilcoxonP(), 1e-12);
    }

    @Test
    void wilcoxonWithTiedMagnitudesIsTheExactPermutationTest() {
        // d = [1, -1, 2, 2, 3, -0.5, 4, 4]: mid-ranks, W+ = 32.5; enumerating all 2^8 sign patterns gives
        // 2 * min(P(W+ <= 32.5), P(W+ >= 32.5)) = 0.046875, and scipy.stats.wilcoxon(d).pvalue = 0.046875 too.
        double[] d = {1, -1, 2, 2, 3, -0.5, 4, 4};
        assertEquals(0.046875, PairedComparison.of(d, new double[8]).wilcoxonP(), 1e-12);
        // Three equal positive differences: the smallest p-value three pairs allow, 2 / 2^3.
        assertEquals(0.25, PairedComparison.of(new double[] {2, 2, 2}, new double[] {1, 1, 1}).wilcoxonP(), 1e-12);
    }

    @Test
    void degeneratePairs() {
        PairedComparison same = PairedComparison.of(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(0.0, same.difference().mean());
        assertEquals(1.0, same.tTestP());
        assertEquals(1.0, same.wilcoxonP());
        PairedComparison shifted = PairedComparison.of(new double[] {2, 3, 4}, new double[] {1, 2, 3});
        assertEquals(1.0, shifted.difference().mean(), 1e-12);
        assertEquals(0.0, shifted.tTestP());
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(new double[] {1}, new double[] {1, 2}));
    }
}
