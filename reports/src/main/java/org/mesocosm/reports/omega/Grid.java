package org.mesocosm.reports.omega;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.mesocosm.reports.stats.Estimate;

/**
 * The rows of omega.csv grouped for the report: per (architecture, scheduler, t_job) one estimate
 * of a metric over the seeds, from the runs where the metric is known (NaN values do not count;
 * none known: no estimate, shown as n/a).
 */
public record Grid(List<SchedulerRow> rows, List<String> architectures, double[] tJobs) {

    public static Grid of(List<SchedulerRow> rows, List<String> architectures) {
        TreeSet<Double> t = new TreeSet<>();
        for (SchedulerRow r : rows) t.add(r.tJobServiceS());
        double[] tj = t.stream().mapToDouble(Double::doubleValue).toArray();
        return new Grid(List.copyOf(rows), List.copyOf(architectures), tj);
    }

    /** The estimate over seeds, its interval cut at 0, or null when no run of that point knows the metric. */
    public Estimate estimate(String architecture, String scheduler, double tJob, ToDoubleFunction<SchedulerRow> metric) {
        List<Double> v = new ArrayList<>();
        for (SchedulerRow r : rows) {
            if (!r.architecture().equals(architecture) || !r.scheduler().equals(scheduler) || r.tJobServiceS() != tJob) continue;
            double x = metric.applyAsDouble(r);
            if (!Double.isNaN(x)) v.add(x);
        }
        if (v.isEmpty()) return null;
        // every metric of this grid (waits, busyness, fractions, counts) is >= 0: cut the t-interval there
        return Estimate.of(v.stream().mapToDouble(Double::doubleValue).toArray()).bounded(0, Double.POSITIVE_INFINITY);
    }

    public boolean hasRuns(String architecture) {
        for (SchedulerRow r : rows) if (r.architecture().equals(architecture)) return true;
        return false;
    }

    /** "12.3 [10.1, 14.5] (n=3)", "12.3 (n=1, no CI)" or "n/a". */
    public static String format(Estimate e, double scale, String unit) {
        if (e == null) return "n/a";
        if (e.n() < 2) return num(e.mean() * scale) + unit + " (n=1, no CI)";
        return num(e.mean() * scale) + unit + " [" + num(e.ciLow() * scale) + ", " + num(e.ciHigh() * scale) + "] (n=" + e.n() + ")";
    }

    /** Three significant digits, grouped thousands, no E notation. */
    public static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        if (a == 0) return "0";
        if (a >= 0.001) return String.format(Locale.ROOT, "%.3g", v);
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
