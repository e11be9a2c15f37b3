package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay fidelity on the real excerpts (issue 16): KTH-SP2 under {@code easy} starts whole jobs
 * and compares per-job waits; the table states its error over seeds; Google machines that come
 * after the tasks are an error; the replay drains what arrives at the end and tells pending from
 * unschedulable.
 */
class ReplayFidelityTest {
    @TempDir
    Path tmp;

    private static JsonNode summary(Path dir) throws IOException {
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    /** fidelity.csv as metric -> column -> value (empty = unknown). */
    private static Map<String, Map<String, String>> csv(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("fidelity.csv"));
        String[] head = lines.get(0).split(",", -1);
        Map<String, Map<String, String>> m = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < head.length; i++) row.put(head[i], c[i]);
            m.put(c[0], row);
        }
        return m;
    }

    @Test
    void kthUnderEasyStartsWholeJobsBackfillsAndComparesPerJobWaits() throws IOException {
        Path swf = RealTraceDirs.of("swf");
        Path out = tmp.resolve("kth");
        SimulateCommandTest.Run r = SimulateCommandTest.run("replay", "--trace", "swf:" + swf, "--policy", "easy", "--seeds", "2",
                "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(0, r.exit(), r.err());

        // gang: every task of a job is placed at one instant; record each job's start
        Map<String, Double> start = new HashMap<>();
        Map<String, Double> ready = new HashMap<>();
        List<String> rows = Files.readAllLines(out.resolve("tasks.csv"));
        for (String l : rows.subList(1, rows.size())) {
            String[] c = l.split(",", -1);
            double placed = Double.parseDouble(c[10]);
            Double prev = start.putIfAbsent(c[1], placed);
            assertTrue(prev == null || prev == placed, "job " + c[1] + " started as a whole: " + prev + " vs " + placed);
            ready.put(c[1], Double.parseDouble(c[9]));
        }
        assertEquals(5_000, start.size());
        // EASY backfills: some job starts before one submitted earlier that was still waiting
        boolean backfilled = false;
        for (String a : start.keySet()) {
            for (String b : start.keySet()) {
                if (ready.get(a) < ready.get(b) && start.get(b) < start.get(a)) backfilled = true;
            }
            if (backfilled) break;
        }
        assertTrue(backfilled, "no job was ever backfilled");

        // the trace side: nearest-rank percentiles of field 3 (wait) over jobs that ran, read here from the raw log
        List<Long> waits = new ArrayList<>();
        for (String l : Files.readAllLines(swf.resolve("KTH-SP2-1996-2.1-cln.swf"))) {
            if (l.isBlank() || l.trim().startsWith(";")) continue;
            String[] f = l.trim().split("\\s+");
            long wait = Long.parseLong(f[2]);
            boolean neverRan = f[10].equals("5") && Long.parseLong(f[3]) <= 0;
            if (wait >= 0 && !neverRan) waits.add(wait * 1000);
        }
        waits.sort(null);
        Map<String, Map<String, String>> t = csv(out);
        for (String q : List.of("p50", "p95", "p99")) {
            Map<String, String> row = t.get("queueing delay " + q + " per job");
            double p = Integer.parseInt(q.substring(1)) / 100.0;
            long want = waits.get((int) Math.ceil(p * waits.size()) - 1);
            double got = Double.parseDouble(row.get("trace"));
            assertEquals(want, got, 0.02 * want, q);
            assertEquals(waits.size(), Long.parseLong(row.get("n_trace")));
            assertEquals(waits.size(), Long.parseLong(row.get("n_sim")), "every job with a known wait started in the simulation");
            double sim = Double.parseDouble(row.get("simulated"));
            assertTrue(Double.parseDouble(row.get("simulated_ci95_low")) <= sim && sim <= Double.parseDouble(row.get("simulated_ci95_high")), row.toString());
            assertEquals(sim - got, Double.parseDouble(row.get("abs_error")), 1e-3 * Math.max(1, Math.abs(sim - got)));
        }
        assertEquals(2, summary(out).get("fidelity_seeds").asInt());
        assertTrue(Files.isRegularFile(out.resolve("seeds/s2/summary.json")), "the second seed's run is kept");
    }

    /** task_events of the second excerpt window; machine_events only from rows after its last task row. */
    private Path laterMachines() throws IOException {
        Path src = RealTraceDirs.of("google2011");
        Path d = tmp.resolve("later");
        Files.createDirectories(d.resolve("task_events"));
        Files.createDirectories(d.resolve("machine_events"));
        Files.copy(src.resolve("task_events/part-00000-of-00500.lines275001-280000.csv"), d.resolve("task_events/part-00000-of-00500.csv"));
        List<String> later = Files.readAllLines(src.resolve("machine_events/part-00000-of-00001.csv")).stream()
                .filter(l -> Long.parseLong(l.substring(0, l.indexOf(','))) > 757_956_815L).toList();
        assertFalse(later.isEmpty());
        Files.write(d.resolve("machine_events/part-00000-of-00001.csv"), later);
        return d;
    }

    @Test
    void machinesThatComeAfterTheTasksAreAnErrorNamingBothWindows() throws IOException {
        Path d = laterMachines();
        SimulateCommandTest.Run r = SimulateCommandTest.run("replay", "--trace", "google2011:" + d, "--seeds", "1",
                "--out", tmp.resolve("o").toString(), "--quiet", "--no-report");
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("machine_events window is [") && r.err().contains("task events' window is [0.000 s, 757.957 s]")
                && r.err().contains("--nodes N"), r.err());

        Path out = tmp.resolve("fixed");
        SimulateCommandTest.Run f = SimulateCommandTest.run("replay", "--trace", "google2011:" + d, "--nodes", "50", "--seeds", "1",
                "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(0, f.exit(), f.err());
        assertTrue(f.err().contains("warning: the machine_events window is ["), f.err());
        assertEquals(50, summary(out).get("nodes").asInt());
    }

    @Test
    void theReplayDrainsLastSecondArrivalsAndTellsPendingFromUnschedulable() throws IOException {
        Path d = tmp.resolve("edge");
        Files.createDirectories(d.resolve("task_events"));
        // 42 and 44 fit a 32-core machine, 43 asks for 1.5 of one (48 cores): unschedulable; none is scheduled in the trace,
        // and 44 arrives in the last second
        Files.writeString(d.resolve("task_events/part-00000-of-00001.csv"), "600000000,,42,0,,0,u,1,4,0.0625,0.03,0.001,0\n"
                + "600000000,,43,0,,0,u,1,4,1.5,0.03,0.001,0\n"
                + "601000000,,44,0,,0,u,1,4,0.0625,0.03,0.001,0\n");
        Path out = tmp.resolve("o");
        SimulateCommandTest.Run r = SimulateCommandTest.run("replay", "--trace", "google2011:" + d, "--nodes", "2", "--policy", "k8s",
                "--seeds", "1", "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(0, r.exit(), r.err());
        JsonNode s = summary(out);
        assertEquals(0, s.get("tasks_pending_at_end").asLong(), s.toString());
        assertEquals(1, s.get("tasks_unscheduled").asLong());
        Map<String, Map<String, String>> t = csv(out);
        assertEquals(3.0, Double.parseDouble(t.get("tasks pending at end").get("trace")));
        assertEquals(0.0, Double.parseDouble(t.get("tasks pending at end").get("simulated")));
        assertEquals("", t.get("tasks unschedulable").get("trace"), "the trace cannot say: unknown, not 0");
        assertEquals(1.0, Double.parseDouble(t.get("tasks unschedulable").get("simulated")));
        // no delay is known on the trace side (nothing was scheduled there): n/a, with n = 0
        assertEquals("", t.get("queueing delay p50 per task").get("trace"));
        assertEquals("0", t.get("queueing delay p50 per task").get("n_trace"));
    }

    @Test
    void inspectShowsNAWhereNothingIsKnownAndCountsUnknownDelays() {
        SimulateCommandTest.Run a = SimulateCommandTest.run("trace", "inspect", "alibaba2018:" + RealTraceDirs.of("alibaba2018"));
        assertEquals(0, a.exit(), a.err());
        String row = a.out().lines().filter(l -> l.startsWith("queueing delay (trace)")).findFirst().orElseThrow();
        String[] cells = row.substring("queueing delay (trace) (s)".length()).trim().split("\\s+");
        assertEquals("0", cells[0], row); // n
        for (int i = 1; i < cells.length; i++) assertEquals("n/a", cells[i], row); // no percentile reads 0
        assertTrue(a.out().contains("whose format records no submit time"), a.out());

        SimulateCommandTest.Run g = SimulateCommandTest.run("trace", "inspect", "google2011:" + RealTraceDirs.of("google2011"));
        assertEquals(0, g.exit(), g.err());
        assertTrue(g.out().contains("unknown for 2,341 scheduled tasks without a SUBMIT in the window"), g.out());
        String grow = g.out().lines().filter(l -> l.startsWith("queueing delay (trace)")).findFirst().orElseThrow();
        assertTrue(grow.contains(" 228 "), grow);
    }

    /** With something seeded switched on (machine failures), seeds differ and the interval has width; n = seeds. */
    @Test
    void seededFailuresGiveTheSimulatedSideAnInterval() throws IOException {
        Path out = tmp.resolve("fail");
        SimulateCommandTest.Run r = SimulateCommandTest.run("replay", "--trace", "swf:" + RealTraceDirs.of("swf"), "--policy", "easy",
                "--window", "0..10d", "--failures", "1", "--seeds", "3", "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(0, r.exit(), r.err());
        Map<String, String> row = csv(out).get("queueing delay p95 per job");
        double lo = Double.parseDouble(row.get("simulated_ci95_low"));
        double hi = Double.parseDouble(row.get("simulated_ci95_high"));
        double mean = Double.parseDouble(row.get("simulated"));
        assertTrue(lo < mean && mean < hi, row.toString());
        assertEquals(3, summary(out).get("fidelity").get("queueing_delay_p95_per_job_ms").get("seeds").asInt());
        assertTrue(r.out().contains("mean of 3 seeds"), r.out());
    }
}
