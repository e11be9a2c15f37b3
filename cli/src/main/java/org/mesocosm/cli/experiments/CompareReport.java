package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.reports.experiments.Curve;
import org.mesocosm.reports.experiments.ExperimentPage;
import org.mesocosm.reports.experiments.OverlayCharts;
import org.mesocosm.reports.stats.Estimate;
import org.mesocosm.reports.stats.PairedComparison;

/** The comparison's text table (stdout) and its self-contained report.html with policies overlaid. */
final class CompareReport {
    /** The metrics of the headline table, in order. */
    static final List<Metric> HEADLINE = List.of(Metric.CPU_UTILIZATION, Metric.CPU_UTILIZATION_ARRIVALS, Metric.SCHED_LATENCY_P50,
            Metric.SCHED_LATENCY_P99, Metric.JOB_COMPLETION_P95, Metric.FAIRNESS_JAIN, Metric.PREEMPTIONS, Metric.TASKS_UNSCHEDULED,
            // issue 16 §4: where the policies truly differ
            Metric.SCHED_LATENCY_PROD_P99, Metric.SCHED_LATENCY_BE_P99, Metric.FAIRNESS_JAIN_ACTIVE, Metric.NODES_USED_P50,
            Metric.STRANDED_CPU, Metric.WASTED_CPU_HOURS,
            // issue 17 §1: what decision time does (busyness 0 and waits of the batching interval only under --decision-time zero)
            Metric.BUSYNESS, Metric.JOB_WAIT_FIRST_MEAN, Metric.JOB_WAIT_FULL_P90, Metric.ATTEMPTS_P99);

    /** What PairedComparison does, in words: zero differences dropped, exact with mid-ranks up to a bound, normal above. */
    static final String WILCOXON_CAPTION = "Wilcoxon drops zero differences (as SciPy's default does) and is exact for up to "
            + PairedComparison.WILCOXON_EXACT_MAX + " non-zero differences, with mid-ranks for tied magnitudes; above that it "
            + "uses the normal approximation.";

    private CompareReport() {}

    static String table(Comparison c) {
        List<String> header = new ArrayList<>(List.of("policy", "n"));
        for (Metric m : HEADLINE) header.add(m.key());
        List<List<String>> rows = new ArrayList<>();
        for (int p = 0; p < c.policies().size(); p++) {
            Map<Metric, Estimate> est = c.estimates(p);
            List<String> row = new ArrayList<>(List.of(c.policies().get(p), est.isEmpty() ? "0" : String.valueOf(est.get(Metric.SIM_TIME).n())));
            for (Metric m : HEADLINE) row.add(EstimateText.of(est.get(m), m));
            rows.add(row);
        }
        return EstimateText.table(header, rows);
    }

    /** Every policy's estimates of every metric, and the paired tests of each pair on the headline metrics. */
    static com.fasterxml.jackson.databind.node.ObjectNode json(Comparison c) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var policies = root.putArray("policies");
        for (int p = 0; p < c.policies().size(); p++) {
            Map<Metric, Estimate> est = c.estimates(p);
            var o = policies.addObject().put("policy", c.policies().get(p)).put("n", est.isEmpty() ? 0 : est.get(Metric.SIM_TIME).n());
            o.set("metrics", EstimateJson.all(est));
        }
        return root;
    }

    /** The page's headline table has one row per metric (its label) and one column per policy, so it fits a page. */
    static List<String> headlineHeader(Comparison c) {
        List<String> header = new ArrayList<>(List.of("metric"));
        header.addAll(c.policies());
        return header;
    }

    static List<List<String>> headlineRows(Comparison c) {
        List<Map<Metric, Estimate>> est = new ArrayList<>();
        for (int p = 0; p < c.policies().size(); p++) est.add(c.estimates(p));
        List<List<String>> rows = new ArrayList<>();
        for (Metric m : HEADLINE) {
            List<String> row = new ArrayList<>(List.of(m.label() + (m.unit().isEmpty() ? "" : " (" + m.unit() + ")")));
            for (Map<Metric, Estimate> e : est) row.add(EstimateText.of(e.get(m), m, false));
            rows.add(row);
        }
        return rows;
    }

    static void write(Path file, Comparison c, String setup) throws IOException {
        ExperimentPage page = new ExperimentPage("Mesocosm comparison: " + String.join(" vs ", c.policies()));
        page.paragraph(setup + " Every policy ran on the same seeds (" + seedText(c.seeds())
                + "), so each seed gives one paired observation. Values are means over seeds with 95% confidence intervals "
                + "(Student t); times are simulated time.");
        page.heading("Headline");
        page.table(headlineHeader(c), headlineRows(c));
        if (c.policies().size() > 1) pairs(page, c);
        charts(page, c);
        page.write(file);
    }

    private static void pairs(ExperimentPage page, Comparison c) {
        page.heading("Paired differences");
        page.paragraph("Difference a \u2212 b of each metric on the same seed, averaged, with its 95% CI and the two-sided p-values of "
                + "the paired t-test and the Wilcoxon signed-rank test. " + WILCOXON_CAPTION + " All metrics are in paired.csv.");
        List<List<String>> rows = new ArrayList<>();
        for (int a = 0; a < c.policies().size(); a++) {
            for (int b = a + 1; b < c.policies().size(); b++) {
                for (Metric m : HEADLINE) {
                    PairedComparison pc = c.paired(a, b, m);
                    if (pc == null) continue;
                    rows.add(List.of(c.policies().get(a) + " \u2212 " + c.policies().get(b), m.label(), EstimateText.of(pc.difference(), m),
                            EstimateText.interval(pc.difference(), m), p(pc.tTestP()), p(pc.wilcoxonP())));
                }
            }
        }
        page.table(List.of("pair", "metric", "mean difference", "95% CI", "p (paired t)", "p (Wilcoxon)"), rows);
    }

    private static void charts(ExperimentPage page, Comparison c) throws IOException {
        List<Curve> util = new ArrayList<>();
        List<Curve> latency = new ArrayList<>();
        List<Curve> fairness = new ArrayList<>();
        List<Curve> preemptions = new ArrayList<>();
        double minPositive = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int p = 0; p < c.policies().size(); p++) {
            List<RunCurves> curves = Samples.ok(c.runs().get(p)).stream().map(RunRecord::curves).toList();
            if (curves.isEmpty()) continue;
            String name = c.policies().get(p);
            util.add(CurveMath.overTime(name, curves, r -> CurveMath.scale(r.cpuAlloc(), 100), CurveMath.Pad.ZERO, 0, 100));
            fairness.add(CurveMath.overTime(name, curves, RunCurves::fairness, CurveMath.Pad.NONE, 0, 1));
            preemptions.add(CurveMath.overTime(name, curves, RunCurves::preemptions, CurveMath.Pad.LAST, 0, Double.POSITIVE_INFINITY));
            Curve cdf = CurveMath.latencyCdf(name, curves);
            for (double v : cdf.x()) {
                if (v > 0) minPositive = Math.min(minPositive, v);
                if (Double.isFinite(v)) max = Math.max(max, v);
            }
            latency.add(cdf);
        }
        page.heading("Charts");
        page.figure(OverlayCharts.chart("CPU allocation over time", "Simulated time (h)", "Allocated CPU / capacity (%)", util,
                OverlayCharts.Style.LINE, false, List.of()),
                "Mean over seeds of the CPU allocated to tasks as a share of the capacity of up agents, sampled every simulated "
                        + "minute; the shaded band is the 95% CI across seeds. A run that ended earlier counts as 0 after its end.");
        boolean log = Double.isFinite(minPositive) && max / minPositive >= 100;
        List<Curve> cdfs = log ? floored(latency, Math.pow(10, Math.floor(Math.log10(minPositive)))) : latency;
        page.figure(OverlayCharts.chart("Scheduling latency CDF (ready \u2192 placed)", "Latency (ms" + (log ? ", log scale" : "") + ")",
                "Fraction of placed tasks", cdfs, OverlayCharts.Style.STEP, log, List.of()),
                "For each policy, the latency at each quantile level (1/400 steps) averaged over seeds (Vincent averaging), "
                        + "so the curve is the typical run's distribution rather than a pool dominated by the largest run."
                        + (log ? " Zero latencies are drawn at the left edge of the log axis." : ""));
        page.figure(OverlayCharts.chart("Fairness over time", "Simulated time (h)", "Jain's index of dominant shares", fairness,
                OverlayCharts.Style.LINE, false, List.of()),
                "Jain's fairness index (\u03a3x)\u00b2 / (n \u03a3x\u00b2) over the dominant shares of the roles holding resources at "
                        + "each sample (1 = equal shares), mean over seeds with 95% band. The summary's fairness_jain is the index of "
                        + "the time-averaged shares instead.");
        page.figure(OverlayCharts.chart("Preemptions over time", "Simulated time (h)", "Preemptions so far", preemptions,
                OverlayCharts.Style.LINE, false, List.of()),
                "Cumulative count of preempted tasks, mean over seeds with 95% band. Policies without preemption stay at 0.");
    }

    private static List<Curve> floored(List<Curve> cdfs, double floor) {
        List<Curve> out = new ArrayList<>();
        for (Curve c : cdfs) {
            double[] x = c.x().clone();
            for (int i = 0; i < x.length; i++) if (x[i] < floor) x[i] = floor;
            out.add(Curve.line(c.name(), x, c.y()));
        }
        return out;
    }

    private static String p(double v) {
        if (Double.isNaN(v)) return "n/a";
        return v < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String seedText(long[] seeds) {
        return seeds.length == 1 ? "seed " + seeds[0] : "seeds " + seeds[0] + "\u2013" + seeds[seeds.length - 1];
    }
}
