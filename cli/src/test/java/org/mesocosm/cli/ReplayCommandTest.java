package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.policy.PolicyRegistry;

/** {@code mesocosm replay} over the real excerpts: every format, every registered policy, the binary form, bad input. */
class ReplayCommandTest {
    private static final List<String> FORMATS = List.of("google2011", "google2019", "alibaba2018", "swf");

    private static SimulateCommandTest.Run run(String... args) {
        return SimulateCommandTest.run(args);
    }

    private static JsonNode summary(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    @Test
    void everyFormatReplaysWithEveryPolicy(@TempDir Path tmp) throws IOException {
        List<String> policies = PolicyRegistry.load().names();
        assertFalse(policies.isEmpty());
        for (String policy : policies) {
            for (String format : FORMATS) {
                Path out = tmp.resolve(policy + "-" + format);
                // SWF's 77 days of KTH jobs take the longest: every policy replays its first 20 days here,
                // and hardFiguresOfOneReplay replays all of it
                List<String> argv = new java.util.ArrayList<>(List.of("replay", "--trace", format + ":" + RealTraceDirs.of(format),
                        "--policy", policy, "--out", out.toString(), "--quiet", "--no-report", "--seeds", "1"));
                if (format.equals("swf")) argv.addAll(List.of("--window", "0..20d"));
                SimulateCommandTest.Run r = run(argv.toArray(String[]::new));
                String what = policy + " on " + format + ": " + r.err();
                assertEquals(0, r.exit(), what);
                JsonNode s = summary(out);
                for (String k : SimulateCommandTest.SUMMARY_KEYS) assertTrue(s.has(k), what + " lacks " + k);
                assertEquals(policy, s.get("policy").asText());
                assertEquals("trace:" + format, s.get("workload").asText());
                assertEquals(0, s.get("trace_rows_skipped").asLong());
                JsonNode fid = s.get("fidelity");
                // every task of the trace reaches the simulation
                assertEquals(fid.get("tasks").get("trace").asLong(), fid.get("tasks").get("simulated").asLong(), what);
                assertEquals(fid.get("tasks").get("trace").asLong(), s.get("tasks_submitted").asLong(), what);
                List<String> csv = Files.readAllLines(out.resolve("fidelity.csv"));
                assertEquals("metric,unit,trace,simulated,simulated_ci95_low,simulated_ci95_high,abs_error,rel_error,n_trace,n_sim", csv.get(0));
                assertTrue(csv.stream().anyMatch(l -> l.startsWith("share of tasks scheduled,")), csv.toString());
                assertTrue(r.out().contains("fidelity (trace recorded vs simulated; simulated = mean of 1 seed"), r.out());
            }
        }
    }

    @Test
    void hardFiguresOfOneReplay(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("swf");
        SimulateCommandTest.Run r = run("replay", "--trace", "swf:" + RealTraceDirs.of("swf"), "--out", out.toString(), "--quiet", "--no-report", "--seeds", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(out.resolve("tasks.csv")) > 0);
        JsonNode s = summary(out);
        assertEquals(100, s.get("nodes").asInt()); // MaxProcs: 100
        assertEquals(56_262, s.get("tasks_submitted").asLong());
        assertEquals(5_000, s.get("trace_rows").asLong());
        JsonNode fid = s.get("fidelity");
        assertEquals(1.0, fid.get("share_of_tasks_scheduled").get("trace").asDouble());
        double tu = fid.get("cpu_utilization").get("trace").asDouble();
        double su = fid.get("cpu_utilization").get("simulated").asDouble();
        assertTrue(tu > 0.3 && tu < 1 && su > 0.3 && su < 1, tu + " " + su);
    }

    @Test
    void convertedTraceReplaysToTheSameEventLog(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("g.mtrace");
        SimulateCommandTest.Run c = run("trace", "convert", "google2011:" + RealTraceDirs.of("google2011"), "--out", bin.toString());
        assertEquals(0, c.exit(), c.err());
        SimulateCommandTest.Run a = run("replay", "--trace", "google2011:" + RealTraceDirs.of("google2011"), "--out", tmp.resolve("a").toString(),
                "--quiet", "--seeds", "1");
        SimulateCommandTest.Run b = run("replay", "--trace", bin.toString(), "--out", tmp.resolve("b").toString(), "--quiet", "--no-report",
                "--seeds", "1");
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        for (String f : List.of("summary.json", "tasks.csv", "timeline.csv", "report.html", "fidelity.csv")) {
            assertTrue(Files.size(tmp.resolve("a").resolve(f)) > 0, f); // the run output of simulate, plus fidelity.csv
        }
        assertEquals(summary(tmp.resolve("a")).get("event_log_sha256").asText(), summary(tmp.resolve("b")).get("event_log_sha256").asText());
        assertEquals(summary(tmp.resolve("a")).get("fidelity"), summary(tmp.resolve("b")).get("fidelity"));
    }

    @Test
    void fixedClusterWindowAndSpeedup(@TempDir Path tmp) throws IOException {
        Path full = tmp.resolve("full");
        Path part = tmp.resolve("part");
        assertEquals(0, run("replay", "--trace", "alibaba2018:" + RealTraceDirs.of("alibaba2018"), "--nodes", "20", "--out", full.toString(),
                "--quiet", "--no-report", "--seeds", "1").exit());
        SimulateCommandTest.Run r = run("replay", "--trace", "alibaba2018:" + RealTraceDirs.of("alibaba2018"), "--nodes", "20", "--window", "0..1d",
                "--speedup", "2", "--out", part.toString(), "--quiet", "--no-report", "--seeds", "1");
        assertEquals(0, r.exit(), r.err());
        JsonNode f = summary(full), p = summary(part);
        assertEquals(20, f.get("nodes").asInt());
        // on a fixed cluster the trace's own machines stay out of it
        for (String line : Files.readAllLines(full.resolve("timeline.csv")).subList(1, 3)) assertEquals("20", line.split(",")[3], line);
        assertTrue(p.get("tasks_submitted").asLong() < f.get("tasks_submitted").asLong());
        assertTrue(p.get("tasks_submitted").asLong() > 0);
        assertEquals(2.0, p.get("trace_speedup").asDouble());
        assertTrue(p.get("trace_span_s").asDouble() <= 43_200.0 + 1e-6, p.toString()); // one day, halved
    }

    @Test
    void lenientSkipsCountsAndReports(@TempDir Path tmp) throws IOException {
        Path trace = tmp.resolve("trace");
        Files.createDirectories(trace.resolve("task_events"));
        Path file = trace.resolve("task_events/part-00000-of-00001.csv");
        Files.writeString(file, "600000000,,42,0,,0,u,1,4,0.0625,0.03,0.001,0\n"
                + "600000001,,43,0,,0,u,1,4,oops,0.03,0.001,0\n"
                + "600500000,,42,0,7,1,u,1,4,0.0625,0.03,0.001,0\n");
        SimulateCommandTest.Run strict = run("replay", "--trace", "google2011:" + trace, "--nodes", "2", "--out", tmp.resolve("s").toString(), "--quiet");
        assertEquals(2, strict.exit());
        assertEquals(1, strict.err().strip().lines().count(), strict.err());
        assertTrue(strict.err().contains(file + ":2: field cpu_request: "), strict.err());
        Path out = tmp.resolve("l");
        SimulateCommandTest.Run lenient = run("replay", "--trace", "google2011:" + trace, "--nodes", "2", "--lenient", "--out", out.toString(),
                "--quiet", "--no-report");
        assertEquals(0, lenient.exit(), lenient.err());
        JsonNode s = summary(out);
        assertEquals(1, s.get("trace_rows_skipped").asLong());
        assertEquals(1, s.get("trace_skipped_by_reason").size());
        assertTrue(s.get("trace_skipped_by_reason").fieldNames().next().startsWith("task_events.cpu_request"));
        assertTrue(lenient.out().contains("1 skipped"), lenient.out());
        assertEquals(1, s.get("tasks_submitted").asLong());
    }

    @Test
    void fileProblemsAreOneLineExitTwo(@TempDir Path tmp) throws IOException {
        Path gz = tmp.resolve("task_events.csv.gz");
        byte[] whole;
        try (var bos = new java.io.ByteArrayOutputStream(); var z = new java.util.zip.GZIPOutputStream(bos)) {
            z.write(Files.readAllBytes(RealTraceDirs.of("google2011").resolve("task_events/part-00000-of-00500.csv")));
            z.finish();
            whole = bos.toByteArray();
        }
        Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 3));
        Path cols = tmp.resolve("odd.csv");
        Files.writeString(cols, "1,2,3\n");
        List<String[]> cases = List.of(
                new String[] {"replay", "--trace", "swf:" + tmp.resolve("missing.swf")},
                new String[] {"replay", "--trace", "google2011:" + gz, "--nodes", "5"},
                new String[] {"replay", "--trace", "google2011:" + cols},
                new String[] {"replay", "--trace", "nosuch:" + cols},
                new String[] {"replay", "--trace", "swf:" + RealTraceDirs.of("swf"), "--window", "5h..1h"},
                new String[] {"replay", "--trace", "swf:" + RealTraceDirs.of("swf"), "--nodes", "many"},
                new String[] {"trace", "inspect", "google2011:" + gz},
                new String[] {"trace", "convert", "google2011:" + gz, "--out", tmp.resolve("x.mtrace").toString()});
        for (String[] args : cases) {
            List<String> argv = new java.util.ArrayList<>(List.of(args));
            if (args[0].equals("replay")) argv.addAll(List.of("--quiet", "--no-report", "--out", tmp.resolve("o").toString()));
            SimulateCommandTest.Run r = run(argv.toArray(String[]::new));
            String what = String.join(" ", args) + " -> " + r.err();
            assertEquals(2, r.exit(), what);
            assertEquals(1, r.err().strip().lines().count(), what);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what);
        }
        assertFalse(Files.exists(tmp.resolve("x.mtrace")), "a failed conversion leaves no file");
    }
}
