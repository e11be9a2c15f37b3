package org.mesocosm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.traces.stats.TraceFidelity;

/**
 * Trace recorded versus simulated, side by side: share of tasks scheduled, queueing-delay
 * percentiles and utilization. Both sides measure the same thing the same way: an instance counts
 * as scheduled once it was placed at least once; delay is submit (ready) to first placement;
 * utilization is requested resources of running instances over capacity, time-weighted over the
 * trace's arrival window.
 */
final class FidelityTable {

    /** The simulated side of "share scheduled": first attempts created and placed. */
    static final class SimScheduled implements MasterObserver {
        long instances;
        long placed;

        @Override
        public void taskCreated(long now, Task task) {
            if (task.attempt() == 0) instances++;
        }

        @Override
        public void taskPlaced(long now, Task task) {
            if (task.attempt() == 0) placed++;
        }

        double share() { return instances == 0 ? 0 : (double) placed / instances; }
    }

    record Row(String metric, String unit, double trace, double simulated) {}

    private final List<Row> rows;

    private FidelityTable(List<Row> rows) {
        this.rows = rows;
    }

    /** Builds the table from the trace's books (closed at its span) and the run's summary. */
    @SuppressWarnings("unchecked")
    static FidelityTable of(TraceFidelity trace, SimScheduled sim, Map<String, Object> summary) {
        Map<String, Object> lat = (Map<String, Object>) summary.get("sched_latency_ms");
        List<Row> r = new ArrayList<>();
        r.add(new Row("tasks", "", trace.instances(), sim.instances));
        r.add(new Row("share of tasks scheduled", "", trace.scheduledShare(), sim.share()));
        String[] qs = {"p50", "p95", "p99"};
        double[] q = {0.50, 0.95, 0.99};
        for (int i = 0; i < qs.length; i++) {
            // a format that records no submit-to-schedule delay (Alibaba) shows n/a, not a zero
            double t = trace.delayMicros().count() == 0 ? Double.NaN : trace.delayMicros().percentile(q[i]) / 1e3;
            double s = number(lat.get("n")) > 0 ? number(lat.get(qs[i])) : Double.NaN;
            r.add(new Row("queueing delay " + qs[i], "ms", t, s));
        }
        r.add(new Row("cpu utilization", "", trace.cpuUtilization(), number(summary.get("cpu_utilization_arrivals"))));
        r.add(new Row("memory utilization", "", trace.memUtilization(), number(summary.get("mem_utilization_arrivals"))));
        return new FidelityTable(List.copyOf(r));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    List<Row> rows() { return rows; }

    String text() {
        StringBuilder b = new StringBuilder("fidelity (trace recorded vs simulated)\n");
        b.append(String.format(Locale.ROOT, "  %-28s %14s %14s%n", "metric", "trace", "simulated"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "  %-28s %14s %14s%n", r.metric() + (r.unit().isEmpty() ? "" : " (" + r.unit() + ")"),
                    fmt(r.trace()), fmt(r.simulated())));
        }
        return b.toString();
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder("metric,unit,trace,simulated\n");
        for (Row r : rows) b.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", r.metric(), r.unit(), csv(r.trace()), csv(r.simulated())));
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /** For summary.json: {@code {metric: {trace, simulated}}}. */
    Map<String, Object> summaryEntry() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("trace", r.trace());
            v.put("simulated", r.simulated());
            m.put(r.metric().replace(' ', '_') + (r.unit().isEmpty() ? "" : "_" + r.unit()), v);
        }
        return m;
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (v == Math.rint(v)) return String.format(Locale.ROOT, "%d", (long) v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csv(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
