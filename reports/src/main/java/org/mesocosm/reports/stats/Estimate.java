package org.mesocosm.reports.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The mean of independent replications (one value per seed) with its two-sided 95% confidence
 * interval by Student's t: mean ± t(0.975, n−1) · s / √n.
 *
 * <p>With one value the interval is undefined and both bounds are NaN; with identical values it
 * collapses to the mean. NaN inputs are rejected rather than skipped, so n is always the number
 * of values given.
 *
 * @param sd sample standard deviation (n−1 denominator)
 */
public record Estimate(double mean, double ciLow, double ciHigh, int n, double sd) {

    public static final double CONFIDENCE = 0.95;

    public static Estimate of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values to estimate from");
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            if (Double.isNaN(v)) throw new IllegalArgumentException("NaN among the values");
            s.addValue(v);
        }
        double mean = s.getMean();
        int n = values.length;
        if (n < 2) return new Estimate(mean, Double.NaN, Double.NaN, n, Double.NaN);
        double sd = s.getStandardDeviation();
        double half = tQuantile(n - 1) * sd / Math.sqrt(n);
        return new Estimate(mean, mean - half, mean + half, n, sd);
    }

    /** The t quantile for a two-sided 95% interval with {@code df} degrees of freedom. */
    static double tQuantile(int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }

    /** Half the width of the interval (NaN with one value). */
    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }
}
