package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.reports.stats.Estimate;

/**
 * The sweep's CSV files. sweep.csv and sweep-stats.csv hold only simulation results, in grid
 * order then seed order, so a re-run gives the same bytes; wall times and retries, which differ
 * between runs of the same sweep, go to sweep-timing.csv.
 */
final class SweepFiles {
    private SweepFiles() {}

    static void write(Path out, List<SweepPoint> points, long[] seeds, List<ExperimentEngine.Outcome<RunPoint, RunRecord>> outcomes)
            throws IOException {
        Csv sweep = new Csv(SweepGrid.csvHeader());
        List<String> timingHeader = new ArrayList<>(SweepPoint.KEY_COLUMNS);
        timingHeader.addAll(List.of("seed", "attempts", "wall_s", "first_error", "error"));
        Csv timing = new Csv(timingHeader.toArray(String[]::new));
        for (int i = 0; i < points.size(); i++) {
            for (int s = 0; s < seeds.length; s++) {
                var o = outcomes.get(i * seeds.length + s);
                List<Object> keys = new ArrayList<>(points.get(i).keys());
                keys.add(seeds[s]);
                sweep.row(RunRows.row(keys, o));
                List<Object> t = new ArrayList<>(keys);
                t.addAll(List.of(o.attempts(), Math.round(o.wallSeconds() * 1000) / 1000.0, nz(o.firstError()), nz(o.error())));
                timing.row(t);
            }
        }
        sweep.write(out.resolve("sweep.csv"));
        timing.write(out.resolve("sweep-timing.csv"));

        List<String> statsHeader = new ArrayList<>(SweepPoint.KEY_COLUMNS);
        statsHeader.addAll(List.of("metric", "mean", "ci95_low", "ci95_high", "n"));
        Csv stats = new Csv(statsHeader.toArray(String[]::new));
        for (SweepPoint p : points) {
            for (Metric m : Metric.values()) {
                List<Object> row = new ArrayList<>(p.keys());
                Estimate e = p.estimates().get(m);
                row.add(m.key());
                if (e == null) row.addAll(List.of(Double.NaN, Double.NaN, Double.NaN, 0));
                else row.addAll(List.of(e.mean(), e.ciLow(), e.ciHigh(), e.n()));
                stats.row(row);
            }
        }
        stats.write(out.resolve("sweep-stats.csv"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
