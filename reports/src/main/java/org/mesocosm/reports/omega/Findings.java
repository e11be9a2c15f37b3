package org.mesocosm.reports.omega;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.mesocosm.reports.stats.Estimate;

/**
 * The Omega paper's §4 expectations, each checked against the runs. "Grows" means the 95% CI at
 * the largest service t_job lies wholly above the CI at the smallest (non-overlapping Student-t
 * intervals over seeds); "flat" means it does not. With one seed there is no CI: undecided. The
 * criterion is fixed before looking at the numbers and is the same for every expectation.
 */
public final class Findings {
    /** One expectation: the paper's statement, Mesocosm's verdict and the numbers behind it. */
    public record Finding(String expectation, String verdict, String evidence) {}

    public static final String AGREES = "agrees";
    public static final String DISAGREES = "disagrees";
    public static final String UNDECIDED = "undecided";
    public static final String NOT_MEASURED = "not measured";

    private enum Shape { GROWS, FLAT }

    private Findings() {}

    public static List<Finding> of(Grid g) {
        List<Finding> out = new ArrayList<>();
        out.add(check(g, "mono-single", "batch", Shape.GROWS, SchedulerRow::waitFirstMeanS, 1, " s",
                "Single-path monolithic: the batch jobs' wait grows with t_job (head-of-line blocking behind slow decisions)"));
        out.add(check(g, "mono-multi", "batch", Shape.FLAT, SchedulerRow::waitFirstMeanS, 1, " s",
                "Multi-path monolithic: the batch jobs' wait does not grow with the service t_job (batch takes the fast path)"));
        out.add(check(g, "mesos", "batch", Shape.GROWS, SchedulerRow::unscheduledOrAbandonedFraction, 100, "%",
                "Mesos: batch jobs go unscheduled or are abandoned more as the service framework's t_job grows (offers held while it decides)"));
        out.add(check(g, "omega", "batch", Shape.FLAT, SchedulerRow::waitFirstMeanS, 1, " s",
                "Omega: the batch jobs' wait stays flat as the service t_job grows"));
        out.add(check(g, "omega", "service", Shape.GROWS, SchedulerRow::conflictFraction, 1, "",
                "Omega: the conflict fraction (failed / all transactions, service scheduler) rises with the service t_job"));
        return out;
    }

    private static Finding check(Grid g, String arch, String sched, Shape want, ToDoubleFunction<SchedulerRow> metric, double scale,
                                 String unit, String expectation) {
        if (!g.architectures().contains(arch)) return new Finding(expectation, NOT_MEASURED, arch + " was not in --architectures");
        if (!g.hasRuns(arch)) return new Finding(expectation, NOT_MEASURED, arch + " is not available in this build (its policy is not registered)");
        if (g.tJobs().length < 2) return new Finding(expectation, UNDECIDED, "needs at least two t_job values");
        double lo = g.tJobs()[0], hi = g.tJobs()[g.tJobs().length - 1];
        Estimate a = g.estimate(arch, sched, lo, metric), b = g.estimate(arch, sched, hi, metric);
        StringBuilder ev = new StringBuilder();
        for (double t : g.tJobs()) {
            if (ev.length() > 0) ev.append("; ");
            ev.append("t_job ").append(Grid.num(t)).append(" s: ").append(Grid.format(g.estimate(arch, sched, t, metric), scale, unit));
        }
        if (a == null || b == null) return new Finding(expectation, UNDECIDED, "the metric is n/a at the smallest or largest t_job (" + ev + ")");
        if (a.n() < 2 || b.n() < 2) return new Finding(expectation, UNDECIDED, "one seed gives no CI (" + ev + ")");
        boolean grows = b.ciLow() > a.ciHigh();
        boolean agrees = want == Shape.GROWS ? grows : !grows;
        String what = grows ? "the CI at " + Grid.num(hi) + " s lies above the CI at " + Grid.num(lo) + " s"
                : "the CIs at " + Grid.num(lo) + " s and " + Grid.num(hi) + " s overlap or the value fell";
        return new Finding(expectation, agrees ? AGREES : DISAGREES, what + ": " + ev);
    }
}
