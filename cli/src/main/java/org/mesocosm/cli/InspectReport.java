package org.mesocosm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.stats.LogHistogram;
import org.mesocosm.traces.stats.TraceProfile;

/** The table (and HTML page with SVG charts) that {@code trace inspect} prints. */
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
        for (Map.Entry<String, Long> n : stats.notes().entrySet()) line(b, "note", String.format(Locale.ROOT, "%,d  %s", n.getValue(), n.getKey()));
        b.append('\n').append(String.format(Locale.ROOT, "%-24s %10s", "distribution", "n"));
        for (String q : Q_NAMES) b.append(String.format(Locale.ROOT, " %9s", q));
        b.append('\n');
        for (Dist d : dists()) {
            b.append(String.format(Locale.ROOT, "%-24s %,10d", d.label() + (d.unit().isEmpty() ? "" : " (" + d.unit() + ")"), d.h().count()));
            for (long v : d.h().percentiles(QS)) b.append(String.format(Locale.ROOT, " %9s", num(v / d.divisor())));
            b.append('\n');
        }
        return b.toString();
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

    String html() {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>trace inspect: ").append(esc(name)).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em}")
                .append("figure{display:inline-block;margin:1em}</style></head><body>")
                .append("<h1>").append(esc(name)).append("</h1><pre>").append(esc(text())).append("</pre>")
                .append("<h2>Distributions (percentiles, log scale)</h2>");
        for (Dist d : dists()) b.append(chart(d));
        b.append("<h2>Tasks by band</h2>").append(bars(p.tasksByBand())).append("<h2>Recorded outcomes</h2>").append(bars(p.outcomes()));
        return b.append("</body></html>\n").toString();
    }

    /** Percentile curve on a log axis: a quantile plot, readable however skewed the distribution. */
    private static String chart(Dist d) {
        int w = 420, h = 220, left = 60, bottom = 30;
        long[] v = d.h().percentiles(QS);
        double lo = Double.MAX_VALUE, hi = 0;
        for (long x : v) {
            double y = x / d.divisor();
            if (y > 0) lo = Math.min(lo, y);
            hi = Math.max(hi, y / 1);
        }
        StringBuilder s = new StringBuilder("<figure><figcaption>").append(esc(d.label())).append(d.unit().isEmpty() ? "" : " (" + d.unit() + ")")
                .append(", n=").append(d.h().count()).append("</figcaption>")
                .append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">", w, h));
        if (d.h().count() == 0 || hi <= 0) return s.append("<text x=\"20\" y=\"40\">no data</text></svg></figure>").toString();
        double llo = Math.log10(lo == Double.MAX_VALUE ? hi : lo) - 0.1, lhi = Math.log10(hi) + 0.1;
        List<String> pts = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            double x = left + (w - left - 20) * i / (double) (v.length - 1);
            double y = v[i] / d.divisor();
            double ly = y > 0 ? Math.log10(y) : llo;
            double py = (h - bottom) - (h - bottom - 10) * (ly - llo) / Math.max(1e-9, lhi - llo);
            pts.add(String.format(Locale.ROOT, "%.1f,%.1f", x, py));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f77b4\"><title>%s: %s</title></circle>", x, py, Q_NAMES[i], num(y)));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>", x, h - 10, Q_NAMES[i]));
        }
        s.append("<polyline fill=\"none\" stroke=\"#1f77b4\" points=\"").append(String.join(" ", pts)).append("\"/>");
        s.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"14\" font-size=\"10\">%s</text><text x=\"2\" y=\"%d\" font-size=\"10\">%s</text>",
                num(Math.pow(10, lhi)), h - bottom, num(Math.pow(10, llo))));
        return s.append("</svg></figure>").toString();
    }

    private static String bars(Map<String, Long> counts) {
        long max = 1;
        for (long c : counts.values()) max = Math.max(max, c);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg width=\"520\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">", 24 * counts.size() + 10));
        int y = 5;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            double w = 300.0 * e.getValue() / max;
            s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text><rect x=\"130\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#ff7f0e\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%,d</text>", y + 13, esc(e.getKey()), y, w, 135 + w, y + 13, e.getValue()));
            y += 24;
        }
        return s.append("</svg>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
