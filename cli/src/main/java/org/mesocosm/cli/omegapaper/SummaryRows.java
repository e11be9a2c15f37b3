package org.mesocosm.cli.omegapaper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.reports.omega.SchedulerRow;

/**
 * Turns one run's summary.json into omega.csv rows, one per job class. A class's waits are the
 * run's, split by kind (the summary's top-level {@code job_wait_*_s_by_kind}: every job, whichever
 * lanes it waited on; under mesos a job's wait is split between the allocator's and its
 * framework's lanes, so the lanes' entries are parts, not jobs). A summary without them (written
 * before waits were kept per lane where spent) combines the {@code schedulers} entries, each job
 * then recorded by exactly one: n summed, means weighted by n, a p90 only when one entry holds all
 * of the class's jobs. Busyness is the class's own lane's (mono: its one scheduler's, in both
 * rows). A value the summary does not have is NaN (an empty cell), never 0.
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
            Map<String, Object> own = lane == null ? single(schedulers) : entry(schedulers, lane);
            Waits first = waits(summary, schedulers, c, "job_wait_first_s_by_kind");
            Waits full = waits(summary, schedulers, c, "job_wait_full_s_by_kind");
            out.add(new SchedulerRow(arch.label(), c.label(), tJobServiceS, seed, number(own.get("busyness")), number(own.get("busyness_wasted")),
                    first.mean(), first.p90(), full.mean(), lane == null ? Double.NaN : conflictFraction(metrics, arch, lane),
                    abandoned(arch, c, schedulers), jobsTotal.getOrDefault(c, 0L), full.n()));
        }
        return out;
    }

    /** One class's waits over every scheduler entry. */
    record Waits(double n, double mean, double p90) {}

    static Waits waits(Map<String, Object> summary, Map<String, Object> schedulers, JobClass c, String key) {
        if (summary.get(key) instanceof Map<?, ?> byKind) {
            Map<String, Object> w = map(map(byKind).get(c.label()));
            double n = number(w.get("n"));
            return new Waits(n, n > 0 ? number(w.get("mean")) : Double.NaN, n > 0 ? number(w.get("p90")) : Double.NaN);
        }
        if (schedulers.isEmpty()) return new Waits(Double.NaN, Double.NaN, Double.NaN);
        double n = 0, sum = 0, p90 = Double.NaN;
        int holders = 0;
        boolean known = false;
        for (Object e : schedulers.values()) {
            Map<String, Object> w = map(map(map(e).get(key)).get(c.label()));
            double k = number(w.get("n"));
            if (Double.isNaN(k)) continue;
            known = true;
            if (k == 0) continue;
            n += k;
            sum += k * number(w.get("mean"));
            p90 = number(w.get("p90"));
            holders++;
        }
        if (!known) return new Waits(Double.NaN, Double.NaN, Double.NaN);
        return new Waits(n, n > 0 ? sum / n : Double.NaN, holders == 1 ? p90 : Double.NaN);
    }

    /**
     * Jobs of class {@code c} abandoned: a lane dedicated to c counts its own, a lane dedicated to
     * the other class none of c's; a scheduler serving both classes (mono, mesos's allocator) does
     * not say which class it abandoned, so the count is known only when it abandoned none.
     */
    static double abandoned(Architecture arch, JobClass c, Map<String, Object> schedulers) {
        if (schedulers.isEmpty()) return Double.NaN;
        JobClass other = c == JobClass.BATCH ? JobClass.SERVICE : JobClass.BATCH;
        double total = 0;
        for (Map.Entry<String, Object> e : schedulers.entrySet()) {
            double a = number(map(e.getValue()).get("jobs_abandoned"));
            if (Double.isNaN(a)) return Double.NaN;
            if (a == 0 || isLane(e.getKey(), arch.lane(other))) continue;
            if (!isLane(e.getKey(), arch.lane(c))) return Double.NaN;
            total += a;
        }
        return total;
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
        for (Map.Entry<String, Object> e : schedulers.entrySet()) if (isLane(e.getKey(), lane)) return map(e.getValue());
        return Map.of();
    }

    static boolean isLane(String key, String lane) {
        if (lane == null) return false;
        if (key.equals(lane)) return true;
        return key.length() > lane.length() && key.endsWith(lane) && "/:.-".indexOf(key.charAt(key.length() - lane.length() - 1)) >= 0;
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
