package org.mesocosm.cli.experiments;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.reports.stats.Estimate;

/** Per-metric estimates over the successful runs of one point (one value per seed). */
public final class Samples {
    private Samples() {}

    public static <P> List<RunRecord> ok(List<ExperimentEngine.Outcome<P, RunRecord>> outcomes) {
        return outcomes.stream().filter(ExperimentEngine.Outcome::ok).map(ExperimentEngine.Outcome::value).toList();
    }

    public static double[] values(List<RunRecord> runs, Metric m) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) v[i] = runs.get(i).get(m);
        return v;
    }

    /** Estimates of every metric, intervals within the metric's possible values; empty when no run succeeded. */
    public static Map<Metric, Estimate> estimates(List<RunRecord> runs) {
        Map<Metric, Estimate> out = new EnumMap<>(Metric.class);
        if (runs.isEmpty()) return out;
        for (Metric m : Metric.values()) { // runs where the metric is n/a (NaN) do not count; none left: no estimate (n/a)
            double[] known = java.util.Arrays.stream(values(runs, m)).filter(v -> !Double.isNaN(v)).toArray();
            if (known.length > 0) out.put(m, Estimate.of(known).bounded(m.lowerBound(), m.upperBound()));
        }
        return out;
    }
}
