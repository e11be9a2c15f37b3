package org.mesocosm.cli.omegapaper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.reports.omega.SchedulerRow;

/**
 * Turns one run's summary.json into omega.csv rows, one per job class. The run's {@code schedulers}
 * map has one entry per scheduler: mono's single scheduler (its job waits split by kind), or one
 * per lane of mesos and omega (a lane's waits are its own jobs'). A value the summary does not
 * have is NaN (an empty cell), never 0: a build without per-lane metrics gives empty rows.
 */
final class SummaryRows {
    private SummaryRows() {}

    static List<SchedulerRow> rows(Architecture arch, double tJobServiceS, long seed, Map<String, Object> summary,
                                   Map<JobClass, Long> jobsTotal) {
        Map<String, Object> schedulers = map(summary.get("schedulers"));
        Map<String, Object> metrics = map(summary.get("policy_metrics"));
        List<SchedulerRow> out = new ArrayList<>();
        for (JobClass c : JobClass.values()) {
            String lane = arch.lane(c);
            long total = jobsTotal.getOrDefault(c, 0L);
            if (lane == null) {
                out.add(monoRow(arch, c, tJobServiceS, seed, single(schedulers), total));
            } else {
                out.add(laneRow(arch, c, tJobServiceS, seed, schedulers, conflictFraction(metrics, arch, lane), total));
            }
        }
        return out;
    }

    /** Mono: one scheduler; busyness is that scheduler's in both rows, the waits are the class's (by kind). */
    private static SchedulerRow monoRow(Architecture arch, JobClass c, double tJob, long seed, Map<String, Object> s, long total) {
        return row(arch, c, tJob, seed, s, byKind(s, c), Double.NaN, total);
    }

    /**
     * A lane's row: its busyness, and its own jobs' waits. A lane that records no waits of its own
     * while the architecture's shared lane does (mesos: the driver sees each job attempted by the
     * allocator's lane, whose waits are split by kind) takes the class's waits from that one.
     */
    private static SchedulerRow laneRow(Architecture arch, JobClass c, double tJob, long seed, Map<String, Object> schedulers,
                                        double conflicts, long total) {
        Map<String, Object> own = entry(schedulers, arch.lane(c));
        Waits w = new Waits(map(own.get("job_wait_first_s")), map(own.get("job_wait_full_s")), number(own.get("jobs_abandoned")));
        if (!(number(w.first().get("n")) > 0) && arch.sharedLane() != null) {
            Map<String, Object> shared = entry(schedulers, arch.sharedLane());
            Waits sw = byKind(shared, c);
            if (number(sw.first().get("n")) > 0) w = sw;
        }
        return row(arch, c, tJob, seed, own, w, arch == Architecture.OMEGA ? conflicts : Double.NaN, total);
    }

    /** The waits of one class and the jobs abandoned (when the waits come from a scheduler that serves both classes). */
    private record Waits(Map<String, Object> first, Map<String, Object> full, double abandoned) {}

    /** A shared scheduler's waits of class {@code c}; its abandoned jobs are known per class only when there were none. */
    private static Waits byKind(Map<String, Object> s, JobClass c) {
        String kind = c.label();
        double all = number(s.get("jobs_abandoned"));
        return new Waits(map(map(s.get("job_wait_first_s_by_kind")).get(kind)), map(map(s.get("job_wait_full_s_by_kind")).get(kind)),
                all == 0 ? 0 : Double.NaN);
    }

    private static SchedulerRow row(Architecture arch, JobClass c, double tJob, long seed, Map<String, Object> busy, Waits w, double conflicts,
                                    long total) {
        return new SchedulerRow(arch.label(), c.label(), tJob, seed, number(busy.get("busyness")), number(busy.get("busyness_wasted")),
                number(w.first().get("mean")), number(w.first().get("p90")), number(w.full().get("mean")), conflicts, w.abandoned(), total,
                count(w.full()));
    }

    /** conflicts / transactions of omega's lane, from its policy metrics; NaN when absent or no transaction was made. */
    static double conflictFraction(Map<String, Object> metrics, Architecture arch, String lane) {
        if (arch != Architecture.OMEGA) return Double.NaN;
        double tx = number(metrics.get("mesocosm_omega_" + lane + "_transactions_total"));
        double conflicts = number(metrics.get("mesocosm_omega_" + lane + "_conflicts_total"));
        if (!(tx > 0) || Double.isNaN(conflicts)) return Double.NaN;
        return conflicts / tx;
    }

    /** mono has exactly one entry; anything else is not a run of mono. */
    private static Map<String, Object> single(Map<String, Object> schedulers) {
        return schedulers.size() == 1 ? map(schedulers.values().iterator().next()) : Map.of();
    }

    /** The lane's entry: its name, or a name that ends in it after a separator ("mesos/jobs", "omega:batch"). */
    static Map<String, Object> entry(Map<String, Object> schedulers, String lane) {
        Object exact = schedulers.get(lane);
        if (exact != null) return map(exact);
        for (Map.Entry<String, Object> e : schedulers.entrySet()) {
            String k = e.getKey();
            if (k.length() > lane.length() && k.endsWith(lane) && "/:.-".indexOf(k.charAt(k.length() - lane.length() - 1)) >= 0) {
                return map(e.getValue());
            }
        }
        return Map.of();
    }

    /** The number of fully placed jobs: the n of the full-placement waits (a wait is recorded for each). */
    private static double count(Map<String, Object> wait) {
        return number(wait.get("n"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A JSON number, or NaN for null, absent or not a number (unknown is never 0). */
    static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
