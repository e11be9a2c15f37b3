package org.mesocosm.cli.experiments;

import java.util.EnumMap;
import java.util.Map;

/**
 * What an experiment keeps of one finished run: every {@link Metric}, the event-log digest, and
 * optionally the run's curves for overlay charts (compare keeps them, sweeps and plans do not).
 */
public record RunRecord(Map<Metric, Double> metrics, String digest, RunCurves curves) {

    public RunRecord {
        metrics = new EnumMap<>(metrics);
    }

    public double get(Metric m) {
        Double v = metrics.get(m);
        if (v == null) throw new IllegalStateException("run has no " + m.key());
        return v;
    }

    static RunRecord fromSummary(Map<String, Object> summary, RunCurves curves) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) values.put(m, m.read(summary));
        return new RunRecord(values, String.valueOf(summary.get("event_log_sha256")), curves);
    }
}
