package org.mesocosm.spark;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns of sweep.csv and how a run summary fills them. Every column is a pure function of
 * the point, the seed and the simulation, so the same grid and seeds give the same bytes anywhere.
 */
public final class SweepCsv {

    /** Parameter columns, then the summary.json keys (nested ones flattened with their unit). */
    public static final List<String> COLUMNS = List.of(
            "policy", "workload", "nodes", "load", "failures", "seed",
            "tasks_submitted", "tasks_finished", "tasks_failed", "tasks_lost", "tasks_unscheduled", "preemptions",
            "sim_time_s", "cpu_utilization", "mem_utilization",
            "sched_latency_p50_ms", "sched_latency_p95_ms", "sched_latency_p99_ms", "sched_latency_max_ms",
            "job_completion_p50_s", "job_completion_p95_s", "fairness_jain", "events", "event_log_sha256");

    private SweepCsv() {}

    /** The row for one run, in {@link #COLUMNS} order. */
    public static List<String> cells(SweepParameters p, double effectiveLoad, Map<String, Object> summary) {
        List<String> c = new ArrayList<>(COLUMNS.size());
        c.add(p.policy());
        c.add(p.workload());
        c.add(String.valueOf(p.nodes()));
        c.add(number(effectiveLoad));
        c.add(number(p.failures()));
        c.add(String.valueOf(p.seed()));
        for (String key : List.of("tasks_submitted", "tasks_finished", "tasks_failed", "tasks_lost", "tasks_unscheduled",
                "preemptions", "sim_time_s", "cpu_utilization", "mem_utilization")) {
            c.add(value(summary.get(key)));
        }
        Map<?, ?> lat = (Map<?, ?>) summary.get("sched_latency_ms");
        for (String q : List.of("p50", "p95", "p99", "max")) c.add(value(lat.get(q)));
        Map<?, ?> jc = (Map<?, ?>) summary.get("job_completion_s");
        for (String q : List.of("p50", "p95")) c.add(value(jc.get(q)));
        c.add(value(summary.get("fairness_jain")));
        c.add(value(summary.get("events")));
        c.add(value(summary.get("event_log_sha256")));
        return c;
    }

    /** Writes the header and the rows, in the order given. */
    public static void write(Path file, List<SweepRow> rows) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            for (SweepRow r : rows) {
                List<String> escaped = new ArrayList<>(r.cells().size());
                for (String cell : r.cells()) escaped.add(escape(cell));
                w.write(String.join(",", escaped));
                w.write('\n');
            }
        }
    }

    private static String value(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return number(d);
        if (v instanceof Float f) return number(f);
        return v.toString();
    }

    private static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "";
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String escape(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0) return cell;
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
