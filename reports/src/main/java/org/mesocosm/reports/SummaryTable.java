package org.mesocosm.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A short fixed-width text table of a run's {@code summary.json}, for stdout after a run:
 *
 * <pre>
 * Mesocosm run: drf on google-2019, seed 42, decision time zero
 *   nodes              12,500 (24.00 h simulated)
 *   tasks              100,000 submitted, 98,123 finished, 1,234 failed, 12 lost, 30 unscheduled
 *   utilization        cpu 73.4%, mem 61.2% (time-weighted allocated / capacity)
 *   ...
 * </pre>
 *
 * <p>Input is the parsed JSON object ({@link JsonNode}), because that is what a reader of the
 * file gets without choosing a Java type for every key; a {@code Map} (as a writer might hold it
 * before serializing) and a run directory are accepted too. Missing keys print as "n/a".
 *
 * <p>Plain formatting, not Tablesaw's {@code Table.print()}: for a key/value table Tablesaw
 * right-aligns the labels, adds a header row that says nothing ("metric | value") and trailing
 * pipes, and loading it prints SLF4J binding warnings on stderr. Two aligned columns read better.
 */
public final class SummaryTable {
    private static final int LABEL_WIDTH = 19;
    private static final int DIGEST_PREFIX = 16;

    private SummaryTable() {
    }

    /** Renders a parsed {@code summary.json} object. */
    public static String render(JsonNode summary) {
        return render(new Summary(summary));
    }

    /** Renders a summary held as a map (values: strings, numbers, nested maps). */
    public static String render(Map<String, ?> summary) {
        return render(Summary.of(summary));
    }

    /** Reads and renders {@code runDir/summary.json}. */
    public static String render(Path runDir) throws IOException {
        RunFiles.requireDirectory(runDir);
        return render(Summary.read(runDir.resolve(RunFiles.SUMMARY)));
    }

    static String render(Summary s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("nodes", s.count("nodes") + " (" + hours(s.value("sim_time_s")) + " simulated)"));
        rows.add(row("tasks", s.count("tasks_submitted") + " submitted, "
                + s.count("tasks_finished") + " finished, "
                + s.count("tasks_failed") + " failed, "
                + s.count("tasks_lost") + " lost, "
                + s.count("tasks_unscheduled") + " unscheduled"));
        rows.add(row("utilization", "cpu " + s.percent("cpu_utilization")
                + ", mem " + s.percent("mem_utilization") + " (time-weighted allocated / capacity)"));
        if (Double.isFinite(s.value("cpu_utilization_arrivals"))) {
            rows.add(row("  while arriving", "cpu " + s.percent("cpu_utilization_arrivals") + ", mem "
                    + s.percent("mem_utilization_arrivals") + " (until the last job arrived, at " + s.number("arrival_window_s") + " s)"));
        }
        rows.add(row("sched latency ms", "p50 " + s.number("sched_latency_ms", "p50")
                + "  p95 " + s.number("sched_latency_ms", "p95")
                + "  p99 " + s.number("sched_latency_ms", "p99")
                + "  max " + s.number("sched_latency_ms", "max") + " (ready -> placed)"));
        rows.add(row("job completion s", "p50 " + s.number("job_completion_s", "p50")
                + "  p95 " + s.number("job_completion_s", "p95")));
        rows.add(row("fairness (Jain)", Fmt.fixed(s.value("fairness_jain"), 3)
                + " (of dominant shares; 1 = equal)"));
        rows.add(row("preemptions", s.count("preemptions")));
        if (Double.isFinite(s.value("busyness")) && !"zero".equals(s.text("decision_time"))) { // issue 17
            rows.add(row("scheduler", "busy " + s.percent("busyness") + " (wasted " + s.percent("busyness_wasted") + "), job wait s mean "
                    + s.number("job_wait_first_s", "mean") + " to first task, " + s.number("job_wait_full_s", "mean") + " to all; "
                    + s.count("jobs_abandoned") + " abandoned"));
        }
        rows.add(row("events", s.count("events") + " in " + s.number("wall_s") + " s wall ("
                + s.count("events_per_s") + " events/s)"));
        String digest = s.text("event_log_sha256");
        if (digest.length() > DIGEST_PREFIX) {
            digest = digest.substring(0, DIGEST_PREFIX) + "...";
        }
        rows.add(row("event log sha256", digest + ("measured".equals(s.text("decision_time"))
                ? " (not reproducible: decision time measured on this machine)" : "")));

        StringBuilder out = new StringBuilder();
        out.append("Mesocosm run: ").append(s.text("policy")).append(" on ").append(s.text("workload"))
                .append(", seed ").append(s.text("seed"))
                .append(", decision time ").append(s.text("decision_time")).append('\n');
        for (String[] r : rows) {
            out.append("  ").append(pad(r[0])).append(' ').append(r[1]).append('\n');
        }
        return out.toString();
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }

    private static String pad(String label) {
        return label + " ".repeat(Math.max(0, LABEL_WIDTH - label.length()));
    }

    private static String hours(double seconds) {
        return Double.isFinite(seconds) ? Fmt.fixed(seconds / 3600.0, 2) + " h" : Fmt.NA + " h";
    }
}
