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
import java.util.function.ToDoubleFunction;
import org.mesocosm.reports.stats.Estimate;
import org.mesocosm.traces.stats.LogHistogram;
import org.mesocosm.traces.stats.TraceFidelity;

/**
 * Trace recorded versus simulated, side by side, with the error stated. Both sides measure the
 * same thing the same way: an instance counts as scheduled once it was placed at least once;
 * delay is submit (ready) to first placement, over the instances whose trace delay is known (per
 * job for rigid SWF jobs; see {@link SimDelays}); utilization is requested resources of running
 * instances over capacity, time-weighted over the trace's arrival window.
 *
 * <p>The simulated value is the mean over the seeds of the replay ({@code --seeds N}); its 95%
 * interval is Student's t over those seeds (n = seeds; undefined, so empty, with one seed, and of
 * zero width when nothing seeded changes the run). {@code abs_error} is simulated − trace in the
 * metric's unit (signed: positive means the simulation shows more), {@code rel_error} that over
 * the trace value. {@code n_trace} and {@code n_sim} count what a value is computed over (tasks,
 * or jobs for rigid jobs; for the simulated side, in the first seed). Unknown is empty in the CSV
 * and "n/a" in text, never 0.
 */
final class FidelityTable {

    /** One seed's run: its like-for-like delays and its summary.json. */
    record Seed(SimDelays delays, Map<String, Object> summary) {}

    record Row(String metric, String unit, double trace, Estimate simulated, long nTrace, long nSim) {
        double absError() { return simulated.mean() - trace; }

        double relError() { return trace == 0 ? Double.NaN : absError() / Math.abs(trace); }
    }

    static final String[] QUANTILES = {"p50", "p90", "p95", "p99"};
    private static final double[] Q = {0.50, 0.90, 0.95, 0.99};

    private final List<Row> rows;
    private final int seeds;
    private final String delayUnit;

    private FidelityTable(List<Row> rows, int seeds, String delayUnit) {
        this.rows = rows;
        this.seeds = seeds;
        this.delayUnit = delayUnit;
    }

    /** Builds the table from the trace's books (closed at its span) and one run per seed. */
    static FidelityTable of(TraceFidelity trace, List<Seed> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs");
        List<Row> r = new ArrayList<>();
        SimDelays first = runs.get(0).delays();
        long n = trace.instances();
        long nSim = first.instances();
        r.add(new Row("tasks", "", n, est(runs, s -> s.delays().instances()), n, nSim));
        r.add(new Row("share of tasks scheduled", "", n == 0 ? Double.NaN : trace.scheduledShare(), est(runs, s -> s.delays().scheduledShare()), n, nSim));
        r.add(new Row("tasks pending at end", "", trace.pendingAtEnd(), est(runs, s -> number(s.summary().get("tasks_pending_at_end"))), n, nSim));
        r.add(new Row("tasks unschedulable", "", Double.NaN, est(runs, s -> number(s.summary().get("tasks_unscheduled"))), n, nSim));
        String unit = trace.delayUnit();
        LogHistogram td = trace.delayMicros();
        for (int i = 0; i < QUANTILES.length; i++) {
            int qi = i;
            double t = td.count() == 0 ? Double.NaN : td.percentile(Q[i]) / 1e3;
            Estimate s = est(runs, x -> x.delays().delayMicros().count() == 0 ? Double.NaN : x.delays().delayMicros().percentile(Q[qi]) / 1e3);
            r.add(new Row("queueing delay " + QUANTILES[i] + " per " + unit, "ms", t, s, td.count(), first.delayMicros().count()));
        }
        for (int i = 0; i < SimDelays.WITHIN_S.length; i++) {
            int wi = i;
            r.add(new Row("share of delays within " + SimDelays.WITHIN_S[i] + " s of the trace", "", Double.NaN,
                    est(runs, x -> x.delays().withinShare(wi)), td.count(), first.delayMicros().count()));
        }
        r.add(new Row("cpu utilization", "", trace.cpuUtilization(), est(runs, s -> number(s.summary().get("cpu_utilization_arrivals"))), n, nSim));
        r.add(new Row("memory utilization", "", trace.memUtilization(), est(runs, s -> number(s.summary().get("mem_utilization_arrivals"))), n, nSim));
        return new FidelityTable(List.copyOf(r), runs.size(), unit);
    }

    /** Mean and 95% CI over the seeds; NaN when no seed has a value. */
    private static Estimate est(List<Seed> runs, ToDoubleFunction<Seed> f) {
        double[] v = runs.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
        return Estimate.of(v);
    }

    private static double number(Object o) {
        return o instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    List<Row> rows() { return rows; }

    Row row(String metric) {
        for (Row r : rows) if (r.metric().equals(metric)) return r;
        throw new IllegalArgumentException("no row " + metric);
    }

    String delayUnit() { return delayUnit; }

    String text() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "fidelity (trace recorded vs simulated; simulated = mean of %d seed%s, 95%% CI by Student t over seeds)%n", seeds,
                seeds == 1 ? "" : "s"));
        b.append(String.format(Locale.ROOT, "  %-44s %12s %12s %25s %12s %9s %8s %8s%n", "metric", "trace", "simulated", "95% CI",
                "sim-trace", "rel", "n_trace", "n_sim"));
        for (Row r : rows) {
            String ci = Double.isNaN(r.simulated().ciLow()) ? "n/a" : "[" + fmt(r.simulated().ciLow()) + ", " + fmt(r.simulated().ciHigh()) + "]";
            b.append(String.format(Locale.ROOT, "  %-44s %12s %12s %25s %12s %9s %8d %8d%n",
                    r.metric() + (r.unit().isEmpty() ? "" : " (" + r.unit() + ")"), fmt(r.trace()), fmt(r.simulated().mean()), ci,
                    fmt(r.absError()), pct(r.relError()), r.nTrace(), r.nSim()));
        }
        return b.toString();
    }

    static final String CSV_HEADER = "metric,unit,trace,simulated,simulated_ci95_low,simulated_ci95_high,abs_error,rel_error,n_trace,n_sim";

    void writeCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s,%s,%d,%d%n", r.metric(), r.unit(), csv(r.trace()),
                    csv(r.simulated().mean()), csv(r.simulated().ciLow()), csv(r.simulated().ciHigh()), csv(r.absError()),
                    csv(r.relError()), r.nTrace(), r.nSim()));
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /** For summary.json: {@code {metric: {trace, simulated, ci95_low, ci95_high, abs_error, rel_error, n_trace, n_sim, seeds}}}; unknown is null. */
    Map<String, Object> summaryEntry() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("trace", json(r.trace()));
            v.put("simulated", json(r.simulated().mean()));
            v.put("simulated_ci95_low", json(r.simulated().ciLow()));
            v.put("simulated_ci95_high", json(r.simulated().ciHigh()));
            v.put("abs_error", json(r.absError()));
            v.put("rel_error", json(r.relError()));
            v.put("n_trace", r.nTrace());
            v.put("n_sim", r.nSim());
            v.put("seeds", r.simulated().n());
            m.put(r.metric().replace(' ', '_') + (r.unit().isEmpty() ? "" : "_" + r.unit()), v);
        }
        return m;
    }

    private static Object json(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    /** A table cell: never "-0.0000", and a small non-zero value keeps three significant digits rather than reading as 0. */
    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "n/a";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (v == Math.rint(v)) return String.format(Locale.ROOT, "%d", (long) v);
        if (Math.abs(v) < 0.0001) return String.format(Locale.ROOT, "%.3g", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", v * 100);
    }

    private static String csv(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
