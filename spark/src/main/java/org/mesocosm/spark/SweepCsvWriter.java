package org.mesocosm.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.cli.experiments.Csv;
import org.mesocosm.cli.experiments.Metric;
import org.mesocosm.cli.experiments.SweepGrid;

/**
 * Writes sweep.csv in the local sweep's layout (SweepFiles): policy, workload, nodes, load, seed,
 * status, every metric, event_log_sha256; one row per task in task order, numbers through
 * {@link Csv} so they print the same. Every row is "ok": a Spark sweep with a failed simulation
 * writes nothing (see {@link SparkSweep}).
 */
public final class SweepCsvWriter {
    private SweepCsvWriter() {}

    public static Path write(Path out, List<SweepTask> tasks, List<SweepRow> rows) throws IOException {
        List<SweepRow> ordered = SweepRows.inTaskOrder(tasks, rows);
        Csv csv = new Csv(SweepGrid.csvHeader());
        for (int i = 0; i < tasks.size(); i++) {
            SweepTask t = tasks.get(i);
            SweepRow r = ordered.get(i);
            if (r.metrics().size() != Metric.values().length) {
                throw new IllegalStateException("row of " + t.describe() + " has " + r.metrics().size() + " metrics, expected " + Metric.values().length);
            }
            List<Object> cells = new ArrayList<>(List.of(t.policy(), t.workload(), t.nodes(), t.effectiveLoad(), t.seed(), "ok"));
            cells.addAll(r.metrics());
            cells.add(r.digest());
            csv.row(cells);
        }
        Files.createDirectories(out);
        Path file = out.resolve("sweep.csv");
        csv.write(file);
        return file;
    }
}
