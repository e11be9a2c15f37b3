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
                out.add(laneRow(arch, c, tJobServiceS, seed, entry(schedulers, lane), conflictFraction(metrics, arch, lane), total));
            }
        }
        return out;
    }

    /** Mono: one scheduler; busyness is that scheduler's in both rows, the waits are the class's (by kind). */
    private static SchedulerRow monoRow(Architecture arch, JobClass c, double tJob, long seed, Map<String, Object> s, long total) {
        String kind = c.label();
        Map<String, Object> first = map(map(s.get("job_wait_first_s_by_kind")).get(kind));
        Map<String, Object> full = map(map(s.get("job_wait_full_s_by_kind")).get(kind));
        // mono does not split abandoned jobs by kind: known per class only when none was abandoned at all
        double abandonedAll = number(s.get("jobs_abandoned"));
        double abandoned = abandonedAll == 0 ? 0 : Double.NaN;
        return new SchedulerRow(arch.label(), kind, tJob, seed, number(s.get("busyness")), number(s.get("busyness_wasted")),
                number(first.get("mean")), number(first.get("p90")), number(full.get("mean")), Double.NaN, abandoned, total,
                count(full));
    }

    private static SchedulerRow laneRow(Architecture arch, JobClass c, double tJob, long seed, Map<String, Object> s, double conflicts,
                                        long total) {
        Map<String, Object> first = map(s.get("job_wait_first_s"));
        Map<String, Object> full = map(s.get("job_wait_full_s"));
        return new SchedulerRow(arch.label(), c.label(), tJob, seed, number(s.get("busyness")), number(s.get("busyness_wasted")),
                number(first.get("mean")), number(first.get("p90")), number(full.get("mean")),
                arch == Architecture.OMEGA ? conflicts : Double.NaN, number(s.get("jobs_abandoned")), total, count(full));
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
