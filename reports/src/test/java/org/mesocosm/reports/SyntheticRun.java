package org.mesocosm.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Builds a small, plausible run directory for tests: summary.json, timeline.csv with two role
 * share columns, and tasks.csv with retries, unplaced tasks and empty fields. Seeded, so every
 * test sees the same files.
 */
final class SyntheticRun {
    static final String DIGEST = "3f2a9c0d1e2b4a5c6d7e8f9012345678abcdef0123456789abcdef0123456789";
    private static final String[] KINDS = {"BATCH", "SERVICE", "PIPELINE", "CRON"};
    private static final String[] ROLES = {"analytics", "web"};

    private int tasks = 1_000;
    private int timelineRows = 120;
    private long seed = 7;
    private final Map<String, Object> summary = defaultSummary();

    SyntheticRun tasks(int n) {
        this.tasks = n;
        return this;
    }

    SyntheticRun timelineRows(int n) {
        this.timelineRows = n;
        return this;
    }

    SyntheticRun seed(long s) {
        this.seed = s;
        return this;
    }

    /** Overrides or adds one summary key. */
    SyntheticRun summary(String key, Object value) {
        summary.put(key, value);
        return this;
    }

    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValue(dir.resolve("summary.json").toFile(), summary);
            writeTimeline(dir.resolve("timeline.csv"), new Random(seed));
            writeTasks(dir.resolve("tasks.csv"), new Random(seed + 1));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> defaultSummary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("policy", "drf");
        s.put("workload", "google-2019-sample");
        s.put("seed", 42);
        s.put("nodes", 12_500);
        s.put("tasks_submitted", 1_000);
        s.put("tasks_finished", 871);
        s.put("tasks_failed", 57);
        s.put("tasks_killed", 9);
        s.put("tasks_lost", 4);
        s.put("tasks_discontinued", 2);
        s.put("tasks_unscheduled", 3);
        s.put("tasks_pending_at_end", 31);
        s.put("tasks_running_at_end", 23);
        s.put("jobs_submitted", 400);
        s.put("jobs_completed", 310);
        s.put("sim_time_s", 7_200.0);
        s.put("cpu_utilization", 0.7342);
        s.put("mem_utilization", 0.6131);
        s.put("sched_latency_ms", Map.of("p50", 1.25, "p95", 30.4, "p99", 120.0, "max", 4_321.0, "mean", 8.5));
        s.put("job_completion_s", Map.of("p50", 312.0, "p95", 3_600.0));
        s.put("fairness_jain", 0.9812);
        s.put("preemptions", 17);
        s.put("events", 123_456);
        s.put("event_log_sha256", DIGEST);
        s.put("wall_s", 2.5);
        s.put("events_per_s", 49_382.4);
        s.put("decision_time", "zero");
        return s;
    }

    private void writeTimeline(Path file, Random rnd) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("time_s,cpu_alloc,mem_alloc,agents_up,tasks_pending,tasks_running");
            for (String r : ROLES) {
                w.write(",share:" + r);
            }
            w.write('\n');
            for (int i = 0; i < timelineRows; i++) {
                double phase = i / (double) Math.max(timelineRows - 1, 1);
                double cpu = clamp(0.2 + 0.6 * phase + 0.05 * rnd.nextGaussian());
                double mem = clamp(0.15 + 0.5 * phase + 0.05 * rnd.nextGaussian());
                int pending = (int) Math.max(0, 40 * Math.sin(phase * 6) + 40 + 5 * rnd.nextGaussian());
                int running = (int) (cpu * 500);
                w.write(String.format(Locale.ROOT, "%.1f,%.4f,%.4f,%d,%d,%d,%.4f,%.4f%n",
                        i * 60.0, cpu, mem, 12_500 - rnd.nextInt(3), pending, running,
                        cpu * 0.6, cpu * 0.4));
            }
        }
    }

    private void writeTasks(Path file, Random rnd) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("task_id,job_id,role,kind,priority,instance,attempt,cpu_m,mem_mib,"
                    + "ready_s,placed_s,start_s,end_s,agent,state\n");
            int row = 0;
            for (int job = 0; row < tasks; job++) {
                String kind = KINDS[job % KINDS.length];
                String role = ROLES[job % ROLES.length];
                int instances = 1 + rnd.nextInt(4);
                double submit = job * 20.0;
                for (int inst = 0; inst < instances && row < tasks; inst++) {
                    int attempts = rnd.nextInt(8) == 0 ? 2 : 1;
                    double ready = submit + (kind.equals("PIPELINE") ? inst * 5.0 : 0.0);
                    for (int att = 0; att < attempts && row < tasks; att++, row++) {
                        boolean last = att == attempts - 1;
                        double thisReady = ready;
                        String state;
                        if (last && rnd.nextInt(25) == 0) {
                            state = "PENDING";
                        } else if (!last) {
                            state = "FAILED";
                        } else {
                            int r = rnd.nextInt(100);
                            state = r < 88 ? "FINISHED" : r < 93 ? "RUNNING" : r < 96 ? "KILLED" : "LOST";
                        }
                        String placed = "";
                        String start = "";
                        String end = "";
                        String agent = "";
                        if (!state.equals("PENDING")) {
                            double latency = rnd.nextInt(4) == 0 ? 0.0 : 0.002 * Math.exp(2.0 * rnd.nextGaussian());
                            double p = thisReady + latency;
                            double s = p + 0.5;
                            placed = t(p);
                            start = t(s);
                            agent = "agent-" + rnd.nextInt(12_500);
                            if (!state.equals("RUNNING")) {
                                double e = s + 30 + 600 * rnd.nextDouble();
                                end = t(e);
                                ready = e; // a retry becomes ready when the failed attempt ends
                            }
                        }
                        w.write(String.format(Locale.ROOT, "t%d,j%d,%s,%s,%d,%d,%d,%d,%d,%s,%s,%s,%s,%s,%s%n",
                                row, job, role, kind, 100 + job % 3, inst, att, 500, 1024,
                                t(thisReady), placed, start, end, agent, state));
                    }
                }
            }
        }
    }

    private static String t(double seconds) {
        return String.format(Locale.ROOT, "%.6f", seconds);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
