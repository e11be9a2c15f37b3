package org.mesocosm.runtime.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.TaskState;

/** Writes {@code summary.json} and {@code timeline.csv} of a run (DESIGN.md §7). */
public final class RunOutput {
    private RunOutput() {}

    /** What the metrics recorder cannot know: names, sizes, and how the run itself went. */
    public record RunInfo(String policy, String workload, long seed, int nodes, long simMicros, long events, String digest,
                          double wallSeconds, String endReason, String decisionTime) {}

    /** The summary as an ordered map: the keys of DESIGN.md §7 first, then extras. */
    public static Map<String, Object> summary(RunInfo info, MetricsRecorder m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("policy", info.policy());
        s.put("workload", info.workload());
        s.put("seed", info.seed());
        s.put("nodes", info.nodes());
        s.put("tasks_submitted", m.tasksCreated());
        s.put("tasks_finished", m.count(TaskState.FINISHED));
        s.put("tasks_failed", m.count(TaskState.FAILED));
        s.put("tasks_lost", m.count(TaskState.LOST));
        s.put("tasks_unscheduled", m.unschedulable());
        s.put("sim_time_s", round(info.simMicros() / 1e6, 3));
        s.put("cpu_utilization", round(m.cpuUtilization(), 6));
        s.put("mem_utilization", round(m.memUtilization(), 6));
        LongSamples lat = m.latencyMicros();
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", round(lat.percentile(0.50) / 1e3, 3));
        latency.put("p95", round(lat.percentile(0.95) / 1e3, 3));
        latency.put("p99", round(lat.percentile(0.99) / 1e3, 3));
        latency.put("max", round(lat.max() / 1e3, 3));
        latency.put("mean", round(lat.mean() / 1e3, 3));
        latency.put("n", lat.size());
        s.put("sched_latency_ms", latency);
        LongSamples jc = m.jobCompletionMicros();
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("p50", round(jc.percentile(0.50) / 1e6, 3));
        completion.put("p95", round(jc.percentile(0.95) / 1e6, 3));
        completion.put("n", jc.size());
        s.put("job_completion_s", completion);
        s.put("fairness_jain", round(m.fairnessJain(), 6));
        s.put("preemptions", m.preemptions());
        s.put("oom_kills", m.oomKills());
        s.put("events", info.events());
        s.put("event_log_sha256", info.digest());
        s.put("wall_s", round(info.wallSeconds(), 3));
        s.put("events_per_s", info.wallSeconds() > 0 ? Math.round(info.events() / info.wallSeconds()) : 0);
        s.put("arrival_window_s", round((m.arrivalsEndedAt() < 0 ? info.simMicros() : m.arrivalsEndedAt()) / 1e6, 3));
        s.put("cpu_utilization_arrivals", round(m.cpuUtilizationDuringArrivals(), 6));
        s.put("mem_utilization_arrivals", round(m.memUtilizationDuringArrivals(), 6));
        s.put("tasks_killed", m.count(TaskState.KILLED));
        s.put("tasks_discontinued", m.count(TaskState.DISCONTINUED));
        s.put("tasks_pending_at_end", m.pendingNow());
        s.put("tasks_running_at_end", m.count(TaskState.STAGING) + m.count(TaskState.RUNNING));
        s.put("jobs_submitted", m.jobsSubmitted());
        s.put("jobs_completed", m.jobsSucceeded());
        s.put("jobs_failed", m.jobsFailed());
        s.put("end_reason", info.endReason());
        s.put("decision_time", info.decisionTime());
        s.put("roles", m.roles());
        // issue 16 §4: what tells policies apart (definitions in PolicyMetrics); NaN is written as null (n/a)
        Map<String, Object> byBand = new LinkedHashMap<>();
        for (String b : MetricsRecorder.bands()) byBand.put(b, latencyObject(m.latencyMicrosOfBand(b)));
        s.put("sched_latency_ms_by_band", byBand);
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (JobKind k : JobKind.values()) byKind.put(k.name().toLowerCase(Locale.ROOT), latencyObject(m.latencyMicrosOfKind(k)));
        s.put("sched_latency_ms_by_kind", byKind);
        s.put("fairness_jain_active", roundOrNull(m.fairnessJainActive(), 6));
        s.put("fairness_jain_active_samples", m.fairnessJainActiveSamples());
        LongSamples used = m.nodesUsed();
        s.put("nodes_used_p50", used.size() == 0 ? null : used.percentile(0.50));
        s.put("node_cpu_alloc_cov", roundOrNull(m.nodeCpuAllocCov(), 6));
        s.put("stranded_cpu", roundOrNull(m.strandedCpu(), 6));
        s.put("stranded_mem", roundOrNull(m.strandedMem(), 6));
        s.put("wasted_cpu_hours", round(m.wastedCpuHours(), 6));
        // the measurement window every aggregate above was taken over (--warmup, --measure)
        MeasurementWindow w = m.window();
        s.put("window_from_s", round(w.fromMicros() / 1e6, 3));
        s.put("window_to_s", round(Math.min(w.toMicros(), info.simMicros()) / 1e6, 3));
        return s;
    }

    public static void writeSummary(Path file, Map<String, Object> summary) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
    }

    public static void writeTimeline(Path file, MetricsRecorder m) throws IOException {
        List<String> roles = m.roles();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder b = new StringBuilder("time_s,cpu_alloc,mem_alloc,agents_up,tasks_pending,tasks_running");
            for (String r : roles) b.append(",share:").append(r);
            w.write(b.append('\n').toString());
            for (MetricsRecorder.TimelineRow row : m.timeline()) {
                b.setLength(0);
                b.append(String.format(Locale.ROOT, "%.3f,%.6f,%.6f,%d,%d,%d", row.atMicros() / 1e6, row.cpuAlloc(), row.memAlloc(),
                        row.agentsUp(), row.pending(), row.running()));
                for (int i = 0; i < roles.size(); i++) {
                    b.append(',').append(String.format(Locale.ROOT, "%.6f", i < row.shares().length ? row.shares()[i] : 0.0));
                }
                w.write(b.append('\n').toString());
            }
        }
    }

    /** p50/p95/p99/max in ms and n; null percentiles (n/a) when no task was placed. */
    private static Map<String, Object> latencyObject(LongSamples l) {
        Map<String, Object> o = new LinkedHashMap<>();
        boolean none = l.size() == 0;
        o.put("p50", none ? null : round(l.percentile(0.50) / 1e3, 3));
        o.put("p95", none ? null : round(l.percentile(0.95) / 1e3, 3));
        o.put("p99", none ? null : round(l.percentile(0.99) / 1e3, 3));
        o.put("max", none ? null : round(l.max() / 1e3, 3));
        o.put("n", l.size());
        return o;
    }

    private static Object roundOrNull(double v, int digits) {
        return Double.isNaN(v) ? null : round(v, digits);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
