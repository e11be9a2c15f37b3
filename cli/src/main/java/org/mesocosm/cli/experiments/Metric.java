package org.mesocosm.cli.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The run metrics that experiments aggregate, each read from a run's summary.json keys
 * (DESIGN.md §7). {@link Trend} says which way a metric moves when the same workload gets a
 * bigger cluster; capacity planning uses it to tell a lower bound on size from an upper one.
 */
public enum Metric {
    CPU_UTILIZATION("cpu_utilization", "CPU utilization", "", Trend.FALLS, "cpu_utilization"),
    MEM_UTILIZATION("mem_utilization", "memory utilization", "", Trend.FALLS, "mem_utilization"),
    CPU_UTILIZATION_ARRIVALS("cpu_utilization_arrivals", "CPU utilization while jobs arrive", "", Trend.FALLS, "cpu_utilization_arrivals"),
    SCHED_LATENCY_P50("sched_latency_p50", "scheduling latency p50", "ms", Trend.FALLS, "sched_latency_ms", "p50"),
    SCHED_LATENCY_P95("sched_latency_p95", "scheduling latency p95", "ms", Trend.FALLS, "sched_latency_ms", "p95"),
    SCHED_LATENCY_P99("sched_latency_p99", "scheduling latency p99", "ms", Trend.FALLS, "sched_latency_ms", "p99"),
    SCHED_LATENCY_MAX("sched_latency_max", "scheduling latency max", "ms", Trend.FALLS, "sched_latency_ms", "max"),
    JOB_COMPLETION_P50("job_completion_p50", "job completion p50", "s", Trend.FALLS, "job_completion_s", "p50"),
    JOB_COMPLETION_P95("job_completion_p95", "job completion p95", "s", Trend.FALLS, "job_completion_s", "p95"),
    FAIRNESS_JAIN("fairness_jain", "fairness (Jain)", "", Trend.UNKNOWN, "fairness_jain"),
    PREEMPTIONS("preemptions", "preemptions", "", Trend.FALLS, "preemptions"),
    TASKS_FINISHED("tasks_finished", "tasks finished", "", Trend.RISES, "tasks_finished"),
    TASKS_FAILED("tasks_failed", "tasks failed", "", Trend.UNKNOWN, "tasks_failed"),
    TASKS_UNSCHEDULED("tasks_unscheduled", "tasks unschedulable", "", Trend.FALLS, "tasks_unscheduled"),
    TASKS_PENDING_AT_END("tasks_pending_at_end", "tasks pending at the end", "", Trend.FALLS, "tasks_pending_at_end"),
    SIM_TIME("sim_time_s", "simulated time", "s", Trend.FALLS, "sim_time_s"),
    // issue 16 §4 (definitions in runtime's PolicyMetrics); a null in the summary (n/a) reads as NaN
    SCHED_LATENCY_PROD_P99("sched_latency_production_p99", "production latency p99", "ms", Trend.FALLS,
            "sched_latency_ms_by_band", "production", "p99"),
    SCHED_LATENCY_BATCH_P99("sched_latency_batch_p99", "batch-band latency p99", "ms", Trend.FALLS,
            "sched_latency_ms_by_band", "batch", "p99"),
    SCHED_LATENCY_BE_P99("sched_latency_best_effort_p99", "best-effort latency p99", "ms", Trend.FALLS,
            "sched_latency_ms_by_band", "best-effort", "p99"),
    SCHED_LATENCY_SERVICE_P99("sched_latency_service_p99", "service latency p99", "ms", Trend.FALLS,
            "sched_latency_ms_by_kind", "service", "p99"),
    FAIRNESS_JAIN_ACTIVE("fairness_jain_active", "fairness (Jain, roles with pending work)", "", Trend.UNKNOWN, "fairness_jain_active"),
    NODES_USED_P50("nodes_used_p50", "nodes with a task (p50 over samples)", "", Trend.RISES, "nodes_used_p50"),
    NODE_CPU_ALLOC_COV("node_cpu_alloc_cov", "node CPU allocation CoV", "", Trend.UNKNOWN, "node_cpu_alloc_cov"),
    STRANDED_CPU("stranded_cpu", "stranded CPU (fraction of cluster)", "", Trend.UNKNOWN, "stranded_cpu"),
    STRANDED_MEM("stranded_mem", "stranded memory (fraction of cluster)", "", Trend.UNKNOWN, "stranded_mem"),
    WASTED_CPU_HOURS("wasted_cpu_hours", "work lost (core-hours)", "", Trend.UNKNOWN, "wasted_cpu_hours"),
    OOM_KILLS("oom_kills", "tasks killed out of memory", "", Trend.UNKNOWN, "oom_kills"),
    // issue 17 §1: decision time (definitions in sim-engine's TimedScheduler and JobWaits); 0 busyness under --decision-time zero
    BUSYNESS("busyness", "scheduler busyness (fraction of time deciding)", "", Trend.UNKNOWN, "busyness"),
    BUSYNESS_WASTED("busyness_wasted", "scheduler busyness on attempts that placed nothing", "", Trend.UNKNOWN, "busyness_wasted"),
    JOB_WAIT_FIRST_MEAN("job_wait_first_mean", "job wait until its first task is placed, mean", "s", Trend.FALLS, "job_wait_first_s", "mean"),
    JOB_WAIT_FIRST_P90("job_wait_first_p90", "job wait until its first task is placed, p90", "s", Trend.FALLS, "job_wait_first_s", "p90"),
    JOB_WAIT_FULL_MEAN("job_wait_full_mean", "job wait until fully placed, mean", "s", Trend.FALLS, "job_wait_full_s", "mean"),
    JOB_WAIT_FULL_P90("job_wait_full_p90", "job wait until fully placed, p90", "s", Trend.FALLS, "job_wait_full_s", "p90"),
    ATTEMPTS_P90("attempts_p90", "scheduling attempts per job, p90", "", Trend.FALLS, "attempts_per_job", "p90"),
    ATTEMPTS_P99("attempts_p99", "scheduling attempts per job, p99", "", Trend.FALLS, "attempts_per_job", "p99"),
    JOBS_ABANDONED("jobs_abandoned", "jobs abandoned after max-attempts", "", Trend.FALLS, "jobs_abandoned");

    /** How a metric moves as the cluster grows under a fixed workload. */
    public enum Trend { FALLS, RISES, UNKNOWN }

    private final String key;
    private final String label;
    private final String unit;
    private final Trend trend;
    private final String[] path;

    Metric(String key, String label, String unit, Trend trend, String... path) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.trend = trend;
        this.path = path;
    }

    /** Column name in the CSV files. */
    public String key() { return key; }

    public String label() { return label; }

    /** "ms", "s" or "" (a count or a fraction). */
    public String unit() { return unit; }

    public Trend trend() { return trend; }

    public boolean isFraction() {
        return key.contains("utilization") || key.startsWith("stranded") || key.startsWith("busyness") || this == FAIRNESS_JAIN
                || this == FAIRNESS_JAIN_ACTIVE;
    }

    /** The smallest value the metric can take: every metric here is a count, a time or a fraction. */
    public double lowerBound() { return 0; }

    /** The largest value the metric can take: 1 for a fraction, unbounded otherwise. */
    public double upperBound() { return isFraction() ? 1 : Double.POSITIVE_INFINITY; }

    /** The metric's value in a summary map as written by RunOutput. */
    public double read(Map<String, Object> summary) {
        Object v = summary;
        for (String p : path) {
            if (!(v instanceof Map<?, ?> m) || !m.containsKey(p)) {
                throw new IllegalStateException("summary has no " + String.join(".", path));
            }
            v = m.get(p);
        }
        if (v == null) return Double.NaN; // n/a: e.g. no task of that band was placed
        if (!(v instanceof Number n)) throw new IllegalStateException("summary " + String.join(".", path) + " is not a number: " + v);
        return n.doubleValue();
    }

    public static List<Metric> all() {
        return Arrays.asList(values());
    }

    public static Metric byKey(String key) {
        for (Metric m : values()) if (m.key.equals(key)) return m;
        throw new IllegalArgumentException("unknown metric '" + key + "' (valid: "
                + String.join(", ", all().stream().map(Metric::key).toList()) + ")");
    }
}
