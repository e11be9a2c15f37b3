package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mesocosm.reports.stats.Estimate;
import org.mesocosm.reports.stats.PairedComparison;

/** How numbers reach users: CSV cells without float noise, table cells without "-0.000 ±0.000", captions that match the code. */
class NumberTextTest {

    @Test
    void csvNumbersCarryNoFloatNoise() {
        assertEquals("0.3", Csv.number(0.1 + 0.2));
        assertEquals("0.119348", Csv.number(0.11934800000000001));
        assertEquals("0", Csv.number(-0.0));
        assertEquals("1.5", Csv.number(1.5));
        assertEquals("42", Csv.number(42.0));
        assertEquals("1000000000000000", Csv.number(1e15));
        assertEquals("0.000001", Csv.number(1e-6), "never E notation");
        assertEquals("", Csv.number(Double.NaN));
    }

    @Test
    void csvNumbersAreStableAndCloseOverSeededRandomDoubles() {
        for (long seed = 1; seed <= 2000; seed++) {
            Random r = new Random(seed);
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 10);
            String s = Csv.number(v);
            double back = Double.parseDouble(s);
            assertEquals(v, back, Math.abs(v) * 1e-14, "seed " + seed + ": " + v + " -> " + s);
            assertEquals(s, Csv.number(back), "seed " + seed + ": the same value gives the same text");
            assertFalse(s.contains("E") || s.contains("e"), "seed " + seed + ": " + s);
            assertTrue(s.replace("-", "").replace(".", "").replaceFirst("^0+", "").length() <= Csv.DIGITS, "seed " + seed + ": " + s);
        }
    }

    @Test
    void aZeroEstimateIsPrintedAsZero() {
        assertEquals("0", EstimateText.of(new Estimate(-0.0, -0.0, 0.0, 5, 0), Metric.CPU_UTILIZATION));
        assertEquals("0", EstimateText.of(new Estimate(-1e-9, -2e-9, 0.0, 5, 0), Metric.FAIRNESS_JAIN));
        assertEquals("0 ms", EstimateText.of(new Estimate(0, 0, 0, 5, 0), Metric.SCHED_LATENCY_P99));
        assertEquals("0.000 \u00b10.002", EstimateText.of(new Estimate(-0.0001, -0.002, 0.0018, 5, 0), Metric.CPU_UTILIZATION));
        assertEquals("0.612 \u00b10.021", EstimateText.of(new Estimate(0.612, 0.591, 0.633, 5, 0), Metric.CPU_UTILIZATION));
        assertEquals("72,000 [0\u2013271,904] ms", EstimateText.of(Estimate.of(new double[] {0, 0, 0, 0, 360_000})
                .bounded(Metric.SCHED_LATENCY_BE_P99.lowerBound(), Metric.SCHED_LATENCY_BE_P99.upperBound()), Metric.SCHED_LATENCY_BE_P99),
                "an interval cut at 0 is printed as it is, not as a misleading ±");
        assertEquals("0.690 [0\u20131]", EstimateText.of(new Estimate(0.69, 0, 1, 2, 0.4), Metric.CPU_UTILIZATION));
        assertEquals("n/a", EstimateText.of(null, Metric.CPU_UTILIZATION), "unknown is n/a, never 0");
    }

    @Test
    void theWilcoxonCaptionStatesWhatTheCodeDoes() {
        String caption = CompareReport.WILCOXON_CAPTION;
        assertTrue(caption.contains("exact for up to " + PairedComparison.WILCOXON_EXACT_MAX + " non-zero differences"), caption);
        assertTrue(caption.contains("mid-ranks") && caption.contains("normal approximation") && caption.contains("zero differences"), caption);
        // the code: exact at the bound (a p-value the normal approximation would not give), zeros dropped
        double[] allPositive = new double[10];
        for (int i = 0; i < allPositive.length; i++) allPositive[i] = i + 1;
        PairedComparison pc = PairedComparison.of(allPositive, new double[10]);
        assertEquals(2.0 / 1024, pc.wilcoxonP(), 1e-15, "exact: 2 of 2^10 sign patterns are as extreme");
    }
}
