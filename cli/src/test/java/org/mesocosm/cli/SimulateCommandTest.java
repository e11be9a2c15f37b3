package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulate command as a user meets it: files, keys, exit codes, messages. */
public class SimulateCommandTest {

    /** Every key DESIGN.md §7 promises in summary.json. */
    static final List<String> SUMMARY_KEYS = List.of("policy", "workload", "seed", "nodes", "tasks_submitted", "tasks_finished",
            "tasks_failed", "tasks_lost", "tasks_unscheduled", "sim_time_s", "cpu_utilization", "mem_utilization", "sched_latency_ms",
            "job_completion_s", "fairness_jain", "preemptions", "events", "event_log_sha256", "wall_s", "events_per_s");

    /** What a command line printed and returned; the live tests run the CLI in-process through {@link #run} too. */
    public record Run(int exit, String out, String err) {}

    public static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Mesocosm.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void writesARunDirectoryWithEveryPromisedFileAndKey(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        Run r = run("simulate", "--nodes", "40", "--seed", "3", "--failures", "0.5", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        for (String f : List.of("summary.json", "tasks.csv", "timeline.csv", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String k : SUMMARY_KEYS) assertTrue(s.has(k), "summary.json lacks " + k);
        for (String k : List.of("p50", "p95", "p99", "max")) assertTrue(s.get("sched_latency_ms").has(k), k);
        for (String k : List.of("p50", "p95")) assertTrue(s.get("job_completion_s").has(k), k);
        assertEquals("drf", s.get("policy").asText());
        assertEquals(40, s.get("nodes").asInt());
        assertEquals(64, s.get("event_log_sha256").asText().length());
        double cpu = s.get("cpu_utilization").asDouble();
        assertTrue(cpu > 0 && cpu <= 1, "cpu utilization in (0,1]: " + cpu);
        long tasksRows = Files.lines(out.resolve("tasks.csv")).count() - 1;
        assertEquals(s.get("tasks_submitted").asLong(), tasksRows, "one tasks.csv row per task");
        assertTrue(r.out().contains("drf"), "result table on stdout: " + r.out());
    }

    @Test
    void sameSeedSameDigestThroughTheCli(@TempDir Path tmp) throws IOException {
        ObjectMapper m = new ObjectMapper();
        String[] digests = new String[2];
        for (int i = 0; i < 2; i++) {
            Path out = tmp.resolve("r" + i);
            assertEquals(0, run("simulate", "--nodes", "20", "--seed", "9", "--out", out.toString(), "--quiet", "--no-report").exit());
            digests[i] = m.readTree(out.resolve("summary.json").toFile()).get("event_log_sha256").asText();
        }
        assertEquals(digests[0], digests[1]);
    }

    @Test
    void anUnknownPolicyIsOneLineListingTheValidOnesAndExitTwo() {
        Run r = run("simulate", "--policy", "nope", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown policy 'nope'") && r.err().contains("valid: ") && r.err().contains("drf"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aWrongOptionIsExitTwoWithoutAStackTrace() {
        Run r = run("simulate", "--nodez", "5");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--nodez") && r.err().contains("--help"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        Run bad = run("simulate", "--nodes", "0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--nodes"), bad.err());
        Run workload = run("simulate", "--workload", "nope");
        assertEquals(2, workload.exit());
        assertTrue(workload.err().contains("mixed"), "lists valid workloads: " + workload.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("simulate", "policies")) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.exit(), cmd);
            assertTrue(r.out().contains("Usage:"), cmd + ": " + r.out());
        }
        assertTrue(run("--help").out().contains("simulate"));
    }

    @Test
    void policiesListsDrfWithItsParameters() {
        Run r = run("policies");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("drf") && r.out().contains("refuse"), r.out());
    }

    @Test
    void thePresetFillsWhatTheUserLeftOutAndExplicitOptionsWin(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cell");
        // a cut-down cell: the preset brings the google-like workload, the user's --nodes and --max-time win
        Run r = run("simulate", "--preset", "google-cell", "--nodes", "30", "--max-time", "2h", "--out", out.toString(),
                "--quiet", "--no-report");
        assertEquals(0, r.exit(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("google-like", s.get("workload").asText());
        assertEquals(30, s.get("nodes").asInt());
        assertTrue(s.get("sim_time_s").asDouble() <= 2 * 3600, "stopped at --max-time: " + s.get("sim_time_s"));

        Run bad = run("simulate", "--preset", "moon-base");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("google-cell"), bad.err());
        Run both = run("simulate", "--days", "2", "--max-time", "3d");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("not both"), both.err());
    }
}
