package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;

/** A run as a CSV row: its key cells, then status, every metric and the digest; a failed run keeps its row with empty metrics. */
final class RunRows {
    private RunRows() {}

    static List<Object> row(List<Object> keys, ExperimentEngine.Outcome<RunPoint, RunRecord> o) {
        List<Object> row = new ArrayList<>(keys);
        row.add(o.ok() ? "ok" : "failed");
        for (Metric m : Metric.values()) row.add(o.ok() ? o.value().get(m) : Double.NaN);
        row.add(o.ok() ? o.value().digest() : "");
        return row;
    }
}
