package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mesocosm.reports.experiments.Curve;
import org.mesocosm.reports.experiments.ExperimentPage;
import org.mesocosm.reports.experiments.OverlayCharts;
import org.mesocosm.reports.stats.Estimate;

/**
 * The sweep's report: for each numeric grid key with two or more values (nodes, load) and each
 * metric of {@link #METRICS}, a chart of the metric against that key, one line per policy (per
 * policy and workload when workloads are swept too) with its 95% band. The other numeric key is
 * held at its middle grid value, so every point on a line is one grid point's mean over seeds.
 */
final class SweepReport {
    static final List<Metric> METRICS = List.of(Metric.CPU_UTILIZATION, Metric.CPU_UTILIZATION_ARRIVALS, Metric.SCHED_LATENCY_P50,
            Metric.SCHED_LATENCY_P99, Metric.JOB_COMPLETION_P95, Metric.FAIRNESS_JAIN, Metric.PREEMPTIONS, Metric.TASKS_UNSCHEDULED);
    private static final List<String> NUMERIC = List.of("nodes", "load");

    private SweepReport() {}

    static String table(List<SweepPoint> points) {
        List<String> header = new ArrayList<>(List.of("policy", "workload", "nodes", "load", "n"));
        List<Metric> shown = List.of(Metric.CPU_UTILIZATION, Metric.SCHED_LATENCY_P99, Metric.JOB_COMPLETION_P95, Metric.FAIRNESS_JAIN);
        for (Metric m : shown) header.add(m.key());
        List<List<String>> rows = new ArrayList<>();
        for (SweepPoint p : points) {
            List<String> row = new ArrayList<>(List.of(p.policy(), p.workload(), String.valueOf(p.nodes()), Csv.number(p.load()),
                    p.estimates().isEmpty() ? "0" : String.valueOf(p.estimates().get(Metric.SIM_TIME).n())));
            for (Metric m : shown) row.add(EstimateText.of(p.estimates().get(m), m));
            rows.add(row);
        }
        return EstimateText.table(header, rows);
    }

    /** Every point with its estimates of every metric. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(List<SweepPoint> points) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var arr = root.putArray("points");
        for (SweepPoint p : points) {
            var o = arr.addObject().put("policy", p.policy()).put("workload", p.workload()).put("nodes", p.nodes()).put("load", p.load())
                    .put("n", p.estimates().isEmpty() ? 0 : p.estimates().get(Metric.SIM_TIME).n());
            o.set("metrics", EstimateJson.all(p.estimates()));
        }
        return root;
    }

    /** The page's points table: metric labels with their unit in the header (they wrap), values without it, so it fits a page. */
    static List<String> pointsHeader() {
        List<String> header = new ArrayList<>(List.of("policy", "workload", "nodes", "load"));
        for (Metric m : METRICS) header.add(m.label() + (m.unit().isEmpty() ? "" : " (" + m.unit() + ")"));
        return header;
    }

    static List<List<String>> pointsRows(List<SweepPoint> points) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepPoint p : points) {
            List<String> row = new ArrayList<>(List.of(p.policy(), p.workload(), String.valueOf(p.nodes()), Csv.number(p.load())));
            for (Metric m : METRICS) row.add(EstimateText.of(p.estimates().get(m), m, false));
            rows.add(row);
        }
        return rows;
    }

    static void write(Path file, Grid grid, List<SweepPoint> points, long[] seeds, String maxTime) throws IOException {
        ExperimentPage page = new ExperimentPage("Mesocosm sweep");
        page.paragraph("Grid: " + describe(grid) + "; " + points.size() + " points \u00d7 " + seeds.length + " seeds ("
                + CompareReport.seedText(seeds) + "), each run stopped when a steady workload's arrivals ended or all work was done, at most at "
                + maxTime + " of simulated time. Lines are means over seeds; shaded bands are 95% confidence intervals (Student t).");
        page.heading("Points");
        page.paragraph("Every point's headline metrics (mean \u00b1 half the 95% CI); all metrics are in sweep-stats.csv, every run in sweep.csv.");
        page.table(pointsHeader(), pointsRows(points));
        for (String x : NUMERIC) {
            if (grid.values(x).size() < 2) continue;
            page.heading("Against " + x);
            String held = heldText(grid, x, points);
            for (Metric m : METRICS) {
                List<Curve> curves = curves(grid, points, x, m);
                String unit = m.unit().isEmpty() ? "" : " (" + m.unit() + ")";
                boolean log = OverlayCharts.spansDecades(curves);
                page.figure(OverlayCharts.chart(m.label() + " against " + x, x, m.key() + unit + (log ? ", log scale" : ""), curves,
                        OverlayCharts.Style.POINTS, false, log, List.of()),
                        m.key() + " per grid value of " + x + held + "; one line per policy, 95% band.");
            }
        }
        page.write(file);
    }

    private static String describe(Grid g) {
        List<String> parts = new ArrayList<>();
        for (String k : g.keys()) parts.add(k + " = " + String.join(", ", g.values(k)));
        return String.join("; ", parts);
    }

    private static String heldText(Grid grid, String x, List<SweepPoint> points) {
        StringBuilder sb = new StringBuilder();
        for (String other : NUMERIC) {
            if (other.equals(x) || grid.values(other).size() < 2) continue;
            sb.append(", with ").append(other).append(" held at ").append(Csv.number(middle(points, other)));
        }
        return sb.toString();
    }

    /** The middle of a key's distinct values, ascending (the lower middle for an even count). */
    static double middle(List<SweepPoint> points, String key) {
        TreeSet<Double> values = new TreeSet<>();
        for (SweepPoint p : points) values.add(p.numeric(key));
        return new ArrayList<>(values).get((values.size() - 1) / 2);
    }

    static List<Curve> curves(Grid grid, List<SweepPoint> points, String x, Metric m) {
        boolean manyWorkloads = grid.values("workload").size() > 1;
        Map<String, Double> held = new LinkedHashMap<>();
        for (String other : NUMERIC) if (!other.equals(x)) held.put(other, middle(points, other));
        Map<String, List<SweepPoint>> bySeries = new LinkedHashMap<>();
        for (SweepPoint p : points) {
            boolean keep = p.estimates().containsKey(m);
            for (Map.Entry<String, Double> h : held.entrySet()) keep &= p.numeric(h.getKey()) == h.getValue();
            if (!keep) continue;
            String name = manyWorkloads ? p.policy() + " / " + p.workload() : p.policy();
            bySeries.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
        }
        List<Curve> out = new ArrayList<>();
        for (Map.Entry<String, List<SweepPoint>> e : bySeries.entrySet()) {
            List<SweepPoint> ps = new ArrayList<>(e.getValue());
            ps.sort((a, b) -> Double.compare(a.numeric(x), b.numeric(x)));
            int n = ps.size();
            double[] xs = new double[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                Estimate est = ps.get(i).estimates().get(m);
                xs[i] = ps.get(i).numeric(x);
                mean[i] = est.mean();
                lo[i] = est.ciLow();
                hi[i] = est.ciHigh();
            }
            out.add(CurveMath.clipped(new Curve(e.getKey(), xs, mean, lo, hi), m));
        }
        return out;
    }
}
