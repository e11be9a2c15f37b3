package org.mesocosm.cli.experiments;

import java.util.List;
import java.util.Map;
import org.mesocosm.reports.stats.Estimate;

/**
 * One grid point with its settings resolved (grid value or default) and, once run, its
 * estimates over seeds.
 *
 * @param load the offered load the workload runs at (its own when not swept)
 */
record SweepPoint(String policy, String workload, int nodes, double load, RunPoint run, Map<Metric, Estimate> estimates) {

    /** The point's key cells for CSV rows, in {@link #KEY_COLUMNS} order. */
    List<Object> keys() {
        return List.of(policy, workload, nodes, load);
    }

    static final List<String> KEY_COLUMNS = SweepGrid.CSV_KEYS;

    SweepPoint withEstimates(Map<Metric, Estimate> e) {
        return new SweepPoint(policy, workload, nodes, load, run, e);
    }

    /** The value of a numeric grid key. */
    double numeric(String key) {
        return switch (key) {
            case "nodes" -> nodes;
            case "load" -> load;
            default -> throw new IllegalArgumentException("not a numeric grid key: " + key);
        };
    }
}
