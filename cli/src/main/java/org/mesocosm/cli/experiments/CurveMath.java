package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mesocosm.reports.experiments.Curve;
import org.mesocosm.reports.stats.Estimate;

/**
 * Averages one policy's per-seed curves into one line with a 95% band. Over-time curves are
 * aligned by sample index (every run samples at the same simulated times) and runs that ended
 * earlier are padded as the metric requires: utilization with 0 (nothing runs after the end),
 * cumulative counts with their last value, fairness not at all (NaN: no roles, no index).
 */
final class CurveMath {
    enum Pad { ZERO, LAST, NONE }

    private CurveMath() {}

    /** The band is clipped to [min, max], the range the metric can take: a t interval over few seeds can overshoot it. */
    static Curve overTime(String name, List<RunCurves> runs, Function<RunCurves, double[]> metric, Pad pad, double min, double max) {
        int len = 0;
        double[] hours = new double[0];
        for (RunCurves r : runs) {
            if (r.hours().length > len) {
                len = r.hours().length;
                hours = r.hours();
            }
        }
        List<double[]> series = new ArrayList<>();
        for (RunCurves r : runs) series.add(padded(metric.apply(r), len, pad));
        Curve c = banded(name, hours, series);
        if (!c.hasBand()) return c;
        return new Curve(name, c.x(), c.y(), clip(c.low(), min, max), clip(c.high(), min, max));
    }

    /** A curve whose band is clipped to what the metric can take: never below 0, fractions never above 1. */
    static Curve clipped(Curve c, Metric m) {
        if (!c.hasBand()) return c;
        double max = m.isFraction() ? 1 : Double.POSITIVE_INFINITY;
        return new Curve(c.name(), c.x(), c.y(), clip(c.low(), 0, max), clip(c.high(), 0, max));
    }

    private static double[] clip(double[] v, double min, double max) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Double.isNaN(v[i]) ? v[i] : Math.max(min, Math.min(max, v[i]));
        return out;
    }

    /** Mean quantile function across seeds (Vincent averaging): x = mean latency at each level, y = the level. */
    static Curve latencyCdf(String name, List<RunCurves> runs) {
        List<double[]> series = new ArrayList<>();
        for (RunCurves r : runs) series.add(r.latencyQuantilesMs());
        Curve mean = banded(name, RunCurves.QUANTILES, series);
        return Curve.line(name, mean.y(), RunCurves.QUANTILES);
    }

    private static Curve banded(String name, double[] x, List<double[]> series) {
        int len = x.length;
        double[] mean = new double[len];
        double[] low = new double[len];
        double[] high = new double[len];
        for (int i = 0; i < len; i++) {
            double[] at = new double[series.size()];
            int n = 0;
            for (double[] s : series) if (!Double.isNaN(s[i])) at[n++] = s[i];
            if (n == 0) {
                mean[i] = low[i] = high[i] = Double.NaN;
                continue;
            }
            Estimate e = Estimate.of(java.util.Arrays.copyOf(at, n));
            mean[i] = e.mean();
            low[i] = e.ciLow();
            high[i] = e.ciHigh();
        }
        return series.size() > 1 ? new Curve(name, x, mean, low, high) : Curve.line(name, x, mean);
    }

    private static double[] padded(double[] v, int len, Pad pad) {
        double[] out = java.util.Arrays.copyOf(v, len);
        double fill = switch (pad) {
            case ZERO -> 0;
            case LAST -> v.length == 0 ? 0 : v[v.length - 1];
            case NONE -> Double.NaN;
        };
        for (int i = v.length; i < len; i++) out[i] = fill;
        return out;
    }

    static double[] scale(double[] v, double f) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * f;
        return out;
    }
}
