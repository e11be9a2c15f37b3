package org.mesocosm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.reports.experiments.Curve;
import org.mesocosm.reports.experiments.ExperimentPage;
import org.mesocosm.reports.experiments.OverlayCharts;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.stats.LogHistogram;
import org.mesocosm.traces.stats.TraceProfile;

/** The table (and HTML page with charts) that {@code trace inspect} prints. */
final class InspectReport {
    private static final double[] QS = {0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 1.0};
    private static final String[] Q_NAMES = {"p10", "p25", "p50", "p75", "p90", "p95", "p99", "max"};

    private final String name;
    private final TraceProfile p;
    private final ReadStats stats;
    private final long spanMicros;
    private final double wallSeconds;

    InspectReport(String name, TraceProfile profile, ReadStats stats, long spanMicros, double wallSeconds) {
        this.name = name;
        this.p = profile;
        this.stats = stats;
        this.spanMicros = spanMicros;
        this.wallSeconds = wallSeconds;
    }

    /** One row per distribution: label, unit divisor, unit name, histogram. */
    private record Dist(String label, double divisor, String unit, LogHistogram h) {}

    private List<Dist> dists() {
        return List.of(new Dist("cpu request", 1000, "cores", p.cpuMillis()), new Dist("memory request", 1024, "GiB", p.memMiB()),
                new Dist("run time", 1e6, "s", p.durationMicros()), new Dist("queueing delay (trace)", 1e6, "s", p.delayMicros()),
                new Dist("tasks per job", 1, "", p.tasksPerJob()));
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append("trace        ").append(name).append('\n');
        line(b, "rows", String.format(Locale.ROOT, "%,d %s (%,.0f rows/s)", stats.rows(), stats.rowsByTable(), stats.rows() / Math.max(wallSeconds, 1e-9)));
        line(b, "skipped", String.format(Locale.ROOT, "%,d%s", stats.skipped(), stats.skipped() == 0 ? "" : " " + stats.skippedByReason()));
        line(b, "jobs", String.format(Locale.ROOT, "%,d replayed (%,d trace jobs) %s", p.jobs(), p.traceJobs(), p.jobsByKind()));
        line(b, "tasks", String.format(Locale.ROOT, "%,d (%,d long-running) by band %s", p.tasks(), p.longRunningTasks(), p.tasksByBand()));
        line(b, "constrained", String.format(Locale.ROOT, "%,d tasks with placement constraints", p.constrainedTasks()));
        line(b, "usage", String.format(Locale.ROOT, "%,d tasks with measured usage", p.measuredTasks()));
        line(b, "outcomes", p.outcomes().toString());
        line(b, "machines", String.format(Locale.ROOT, "%,d (%,d up, %,d down events)", p.machines(), p.machineUps(), p.machineDowns()));
        line(b, "time span", String.format(Locale.ROOT, "%s (arrivals %s .. %s)", ProgressLine.clock(spanMicros),
                ProgressLine.clock(p.firstArrivalMicros()), ProgressLine.clock(p.lastArrivalMicros())));
        if (p.delayCensored() > 0 || p.delayNotRecorded() > 0) {
            line(b, "delay", String.format(Locale.ROOT, "unknown for %,d scheduled tasks without a SUBMIT in the window (left-censored) and %,d"
                    + " whose format records no submit time: not in the queueing delay row", p.delayCensored(), p.delayNotRecorded()));
        }
        for (Map.Entry<String, Long> n : stats.notes().entrySet()) line(b, "note", String.format(Locale.ROOT, "%,d  %s", n.getValue(), n.getKey()));
        // the label column as wide as its longest label ("queueing delay (trace) (s)" overran a fixed 24)
        int labelWidth = "distribution".length();
        for (Dist d : dists()) labelWidth = Math.max(labelWidth, label(d).length());
        String labelFormat = "%-" + labelWidth + "s";
        b.append('\n').append(String.format(Locale.ROOT, labelFormat + " %10s", "distribution", "n"));
        for (String q : Q_NAMES) b.append(String.format(Locale.ROOT, " %9s", q));
        b.append('\n');
        for (Dist d : dists()) {
            b.append(String.format(Locale.ROOT, labelFormat + " %,10d", label(d), d.h().count()));
            // no values: every percentile is unknown, not 0
            for (long v : d.h().percentiles(QS)) b.append(String.format(Locale.ROOT, " %9s", d.h().count() == 0 ? "n/a" : num(v / d.divisor())));
            b.append('\n');
        }
        return b.toString();
    }

    private static String label(Dist d) {
        return d.label() + (d.unit().isEmpty() ? "" : " (" + d.unit() + ")");
    }

    /** The same facts as {@link #text}, as JSON: counts as numbers, distributions as percentiles in their unit. */
    com.fasterxml.jackson.databind.node.ObjectNode json() {
        var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("trace", name).put("rows", stats.rows());
        counts(o.putObject("rows_by_table"), stats.rowsByTable());
        o.put("skipped", stats.skipped());
        counts(o.putObject("skipped_by_reason"), stats.skippedByReason());
        o.put("jobs", p.jobs()).put("trace_jobs", p.traceJobs());
        counts(o.putObject("jobs_by_kind"), p.jobsByKind());
        o.put("tasks", p.tasks()).put("long_running_tasks", p.longRunningTasks());
        counts(o.putObject("tasks_by_band"), p.tasksByBand());
        o.put("constrained_tasks", p.constrainedTasks()).put("measured_tasks", p.measuredTasks());
        counts(o.putObject("outcomes"), p.outcomes());
        o.put("machines", p.machines()).put("machine_ups", p.machineUps()).put("machine_downs", p.machineDowns());
        o.put("span_s", spanMicros / 1e6).put("first_arrival_s", p.firstArrivalMicros() / 1e6).put("last_arrival_s", p.lastArrivalMicros() / 1e6);
        counts(o.putObject("notes"), stats.notes());
        var dists = o.putArray("distributions");
        for (Dist d : dists()) {
            var x = dists.addObject().put("name", d.label()).put("unit", d.unit()).put("n", d.h().count());
            var q = x.putObject("percentiles");
            long[] v = d.h().percentiles(QS);
            for (int i = 0; i < QS.length; i++) {
                if (d.h().count() == 0) q.putNull(Q_NAMES[i]);
                else q.put(Q_NAMES[i], v[i] / d.divisor());
            }
        }
        return o;
    }

    private static void counts(com.fasterxml.jackson.databind.node.ObjectNode o, Map<String, ? extends Number> m) {
        for (Map.Entry<String, ? extends Number> e : m.entrySet()) o.put(e.getKey(), e.getValue().longValue());
    }

    private static void line(StringBuilder b, String k, String v) {
        b.append(String.format(Locale.ROOT, "%-12s %s%n", k, v));
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.format(Locale.ROOT, "%,d", (long) v);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * The page: the facts and percentiles as tables, and each distribution's percentile curve drawn
     * with the run report's chart style (XChart through {@link OverlayCharts}, embedded PNG),
     * on a log axis when it spans two decades or more.
     */
    String html() throws java.io.IOException {
        ExperimentPage page = new ExperimentPage("trace inspect: " + name);
        page.paragraph("The trace as a replay maps it: " + String.format(Locale.ROOT, "%,d", stats.rows()) + " rows read, "
                + String.format(Locale.ROOT, "%,d", stats.skipped()) + " skipped.");
        List<List<String>> facts = new ArrayList<>();
        for (String line : text().split("\n")) {
            if (line.isBlank()) break;
            facts.add(List.of(line.substring(0, Math.min(12, line.length())).strip(), line.length() > 13 ? line.substring(13) : ""));
        }
        page.table(List.of("", ""), facts);
        page.heading("Distributions");
        List<String> header = new ArrayList<>(List.of("distribution", "n"));
        header.addAll(List.of(Q_NAMES));
        List<List<String>> rows = new ArrayList<>();
        for (Dist d : dists()) {
            List<String> row = new ArrayList<>(List.of(d.label() + (d.unit().isEmpty() ? "" : " (" + d.unit() + ")"),
                    String.format(Locale.ROOT, "%,d", d.h().count())));
            long[] v = d.h().percentiles(QS);
            for (long x : v) row.add(d.h().count() == 0 ? "n/a" : num(x / d.divisor()));
            rows.add(row);
        }
        page.table(header, rows);
        for (Dist d : dists()) {
            if (d.h().count() == 0) continue;
            long[] v = d.h().percentiles(QS);
            double[] x = new double[QS.length];
            double[] y = new double[QS.length];
            for (int i = 0; i < QS.length; i++) {
                x[i] = QS[i] * 100;
                y[i] = v[i] / d.divisor();
            }
            List<Curve> curve = List.of(Curve.line(d.label(), x, y));
            boolean log = OverlayCharts.spansDecades(curve);
            String unit = d.unit().isEmpty() ? d.label() : d.label() + " (" + d.unit() + ")";
            page.figure(OverlayCharts.chart(d.label() + " by percentile", "Percentile", unit + (log ? ", log scale" : ""), curve,
                    OverlayCharts.Style.POINTS, false, log, List.of()),
                    "The value below which each share of the " + String.format(Locale.ROOT, "%,d", d.h().count())
                            + " observations falls (p10 to max), from a log-bucketed histogram.");
        }
        page.heading("Tasks by band");
        page.table(List.of("band", "tasks"), countRows(p.tasksByBand()));
        page.heading("Recorded outcomes");
        page.table(List.of("outcome", "tasks"), countRows(p.outcomes()));
        return page.html();
    }

    private static List<List<String>> countRows(Map<String, Long> counts) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((k, v) -> rows.add(List.of(k, String.format(Locale.ROOT, "%,d", v))));
        return rows;
    }
}
