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

    /**
     * The interval intersected with the values the quantity can take, e.g. [0, +inf) for a
     * latency or [0, 1] for a utilization. Student's t knows nothing of bounds, so with a few
     * skewed values its interval can reach below 0; the intersection covers the true mean exactly
     * as often (the mean lies within the bounds), so the 95% holds and no impossible value is
     * printed. The interval may then be asymmetric about the mean.
     */
    public Estimate bounded(double min, double max) {
        if (Double.isNaN(ciLow)) return this;
        double lo = Math.min(Math.max(ciLow, min), max);
        double hi = Math.max(Math.min(ciHigh, max), min);
        return lo == ciLow && hi == ciHigh ? this : new Estimate(mean, lo, hi, n, sd);
    }

    /** True when {@link #bounded} cut one side of the interval, so that mean ± half-width would misstate it. */
    public boolean asymmetric() {
        if (Double.isNaN(ciLow)) return false;
        double below = mean - ciLow;
        double above = ciHigh - mean;
        return Math.abs(below - above) > 1e-9 * Math.max(1, Math.abs(mean) + Math.abs(above));
    }

    /** Half the width of the interval (NaN with one value). */
    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }
}
