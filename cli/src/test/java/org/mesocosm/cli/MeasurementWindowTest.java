package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --warmup and --measure: summary.json's numbers equal a computation by hand over the rows of
 * tasks.csv and timeline.csv that fall in the window (which keep the whole run).
 */
class MeasurementWindowTest {
    static final long S = 1_000_000L;
    static final long FROM = 1800 * S, TO = 7200 * S;
    static final int NODES = 20;
    static final long NODE_CPU_MILLIS = 32_000;

    /** One tasks.csv row, times in microseconds (-1 when empty). */
    record Row(int priority, long cpuMillis, long ready, long placed, long end) {}

    @Test
    void everyWindowedMetricMatchesTheRowsInTheWindow(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        SimulateCommandTest.Run r = SimulateCommandTest.run("simulate", "--policy", "borg", "--nodes", String.valueOf(NODES),
                "--seed", "7", "--warmup", "30m", "--measure", "90m", "--no-report", "--quiet", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1800.0, s.get("window_from_s").asDouble());
        assertEquals(7200.0, s.get("window_to_s").asDouble(), "the run stops at the end of the window");
        assertEquals(7200.0, s.get("sim_time_s").asDouble());
        List<Row> rows = tasks(out.resolve("tasks.csv"));

        // latency: tasks placed in the window only
        List<Long> lat = new ArrayList<>(), production = new ArrayList<>();
        long placedOutside = 0;
        for (Row t : rows) {
            if (t.placed() < 0) continue;
            if (t.placed() < FROM || t.placed() >= TO) {
                placedOutside++;
                continue;
            }
            lat.add(t.placed() - t.ready());
            if (t.priority() >= 200) production.add(t.placed() - t.ready());
        }
        assertTrue(placedOutside > 0 && !lat.isEmpty(), "the window must leave some placements out and keep some: " + placedOutside);
        JsonNode l = s.get("sched_latency_ms");
        assertEquals(lat.size(), l.get("n").asInt());
        assertEquals(nearestRank(lat, 0.50) / 1e3, l.get("p50").asDouble(), 1e-3);
        assertEquals(nearestRank(lat, 0.99) / 1e3, l.get("p99").asDouble(), 1e-3);
        assertEquals(lat.stream().mapToLong(Long::longValue).max().orElseThrow() / 1e3, l.get("max").asDouble(), 1e-3);
        JsonNode prod = s.get("sched_latency_ms_by_band").get("production");
        assertEquals(production.size(), prod.get("n").asInt());
        if (!production.isEmpty()) assertEquals(nearestRank(production, 0.50) / 1e3, prod.get("p50").asDouble(), 1e-3);

        // utilization: allocated core-time inside the window over capacity x window (no failures: capacity constant)
        double coreMicros = 0;
        for (Row t : rows) {
            if (t.placed() < 0) continue;
            long end = t.end() < 0 ? TO : t.end();
            coreMicros += (double) t.cpuMillis() * Math.max(0, Math.min(end, TO) - Math.max(t.placed(), FROM));
        }
        double util = coreMicros / ((double) NODES * NODE_CPU_MILLIS * (TO - FROM));
        assertEquals(util, s.get("cpu_utilization").asDouble(), 2e-6);

        // fairness: Jain's index of each role's mean dominant share over the timeline samples in the window
        List<String> lines = Files.readAllLines(out.resolve("timeline.csv"));
        String[] head = lines.get(0).split(",");
        int firstRole = Arrays.asList(head).indexOf("tasks_running") + 1;
        double[] sum = new double[head.length - firstRole];
        int n = 0, outside = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long at = Math.round(Double.parseDouble(f[0]) * 1e6);
            if (at < FROM || at >= TO) {
                outside++;
                continue;
            }
            for (int i = 0; i < sum.length; i++) sum[i] += Double.parseDouble(f[firstRole + i]);
            n++;
        }
        assertTrue(outside > 0 && n == 90, "90 one-minute samples in 90 minutes, " + outside + " outside: " + n);
        double a = 0, b = 0;
        for (double x : sum) {
            a += x / n;
            b += (x / n) * (x / n);
        }
        double jain = sum.length < 2 || b == 0 ? 1.0 : a * a / (sum.length * b);
        assertEquals(jain, s.get("fairness_jain").asDouble(), 1e-4);
    }

    @Test
    void aSteadyDefaultRunEndsWhenItsArrivalsEndNotAfterADrain(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        SimulateCommandTest.Run r = SimulateCommandTest.run("simulate", "--nodes", "5", "--seed", "2", "--no-report", "--quiet",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(6 * 3600.0, s.get("sim_time_s").asDouble(), "6 h of arrivals, then the run stops");
        assertEquals(0.0, s.get("window_from_s").asDouble());
        assertEquals(6 * 3600.0, s.get("window_to_s").asDouble());
        assertTrue(s.get("tasks_running_at_end").asLong() > 0, "work is still running: it was cut at the window, not drained");
    }

    @Test
    void aWarmupAtOrPastTheEndIsAClearError(@TempDir Path tmp) {
        SimulateCommandTest.Run r = SimulateCommandTest.run("simulate", "--nodes", "5", "--warmup", "2h", "--max-time", "1h",
                "--no-report", "--quiet", "--out", tmp.resolve("x").toString());
        assertTrue(r.exit() != 0 && r.err().contains("--warmup"), r.err());
        SimulateCommandTest.Run m = SimulateCommandTest.run("simulate", "--nodes", "5", "--measure", "0s",
                "--no-report", "--quiet", "--out", tmp.resolve("y").toString());
        assertTrue(m.exit() != 0 && m.err().contains("--measure"), m.err());
    }

    static long nearestRank(List<Long> v, double q) {
        long[] a = v.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(q * a.length);
        return a[Math.max(0, Math.min(a.length - 1, rank - 1))];
    }

    static List<Row> tasks(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> head = Arrays.asList(lines.get(0).split(","));
        int pri = head.indexOf("priority"), cpu = head.indexOf("cpu_m"), ready = head.indexOf("ready_s"), placed = head.indexOf("placed_s"),
                end = head.indexOf("end_s");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            rows.add(new Row(Integer.parseInt(f[pri]), Long.parseLong(f[cpu]), micros(f[ready]), micros(f[placed]), micros(f[end])));
        }
        return rows;
    }

    /** "12.345678" seconds to microseconds exactly; -1 for empty. */
    static long micros(String s) {
        if (s.isEmpty()) return -1;
        int dot = s.indexOf('.');
        return Long.parseLong(s.substring(0, dot)) * S + Long.parseLong(s.substring(dot + 1));
    }
}
