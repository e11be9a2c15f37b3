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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of issue 16 §4 that tell policies apart (latency by band and by kind,
 * fairness_jain_active, nodes_used_p50, node_cpu_alloc_cov, stranded_cpu/mem, wasted_cpu_hours)
 * are taken over the measurement window too: summary.json equals a computation by hand from the
 * rows of tasks.csv (which node held which task when) and timeline.csv (the role shares) at the
 * timeline samples inside [warmup, warmup + measure).
 *
 * <p>The run is borg on the overload workload, so the queue stays long (two roles waiting: the
 * active Jain index has samples) and production work preempts best-effort work (wasted work).
 */
class WindowedPolicyMetricsTest {
    static final long S = 1_000_000L;
    /** [90 min, 170 min): the cluster is full from about 80 min on (offered load 1.3), arrivals go on to 3 h. */
    static final long FROM = 5400 * S, TO = 10200 * S;
    static final int NODES = 20;
    static final long NODE_CPU = 32_000, NODE_MEM = 131_072;
    static final int EXHAUSTED_PERCENT = 5;

    /** One tasks.csv row, times in microseconds (-1 when empty). */
    record Row(String role, String kind, int priority, long cpu, long mem, long ready, long placed, long start, long end, String agent,
               String state, String reason) {
        /** Whether this task holds its node at sample time t (placed at or before t, not ended by then). */
        boolean onNodeAt(long t) {
            return placed >= 0 && placed <= t && (end < 0 || t < end);
        }

        /** Whether this task is pending at t: created (ready), not yet placed, not ended unplaced. */
        boolean pendingAt(long t) {
            if (ready > t) return false;
            if (placed >= 0) return t < placed;
            return end < 0 || t < end;
        }
    }

    @Test
    void policyMetricsAreTakenOverTheWindow(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        SimulateCommandTest.Run r = SimulateCommandTest.run("simulate", "--policy", "borg", "--workload", "overload",
                "--nodes", String.valueOf(NODES), "--seed", "2", "--warmup", "90m", "--measure", "80m", "--no-report", "--quiet",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(10200.0, s.get("sim_time_s").asDouble(), "the run stops at the end of the window");
        List<Row> rows = tasks(out.resolve("tasks.csv"));

        // latency by band and by kind: tasks placed in the window only
        Map<String, List<Long>> byBand = new LinkedHashMap<>(), byKind = new LinkedHashMap<>();
        for (String b : List.of("production", "batch", "best-effort")) byBand.put(b, new ArrayList<>());
        for (String k : List.of("service", "batch", "cron", "pipeline")) byKind.put(k, new ArrayList<>());
        for (Row t : rows) {
            if (t.placed() < FROM || t.placed() >= TO) continue;
            String band = t.priority() >= 200 ? "production" : t.priority() >= 100 ? "batch" : "best-effort";
            byBand.get(band).add(t.placed() - t.ready());
            byKind.get(t.kind().toLowerCase(Locale.ROOT)).add(t.placed() - t.ready());
        }
        assertLatencies(byBand, s.get("sched_latency_ms_by_band"));
        assertLatencies(byKind, s.get("sched_latency_ms_by_kind"));
        assertTrue(byBand.values().stream().filter(l -> !l.isEmpty()).count() >= 2, "two bands placed in the window: " + byBand.keySet());

        // the samples in the window, with the role shares the timeline printed
        List<String> lines = Files.readAllLines(out.resolve("timeline.csv"));
        List<String> head = Arrays.asList(lines.get(0).split(","));
        int firstRole = head.indexOf("tasks_running") + 1;
        List<String> roles = head.subList(firstRole, head.size()).stream().map(h -> h.substring("share:".length())).toList();
        double jainSum = 0, covSum = 0, strandedCpuSum = 0, strandedMemSum = 0;
        int jainSamples = 0, samples = 0;
        List<Long> nodesUsed = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long at = Math.round(Double.parseDouble(f[0]) * 1e6);
            if (at < FROM || at >= TO) continue;
            samples++;
            // fairness_jain_active: Jain's index over the shares of the roles with pending work
            double sum = 0, sumSq = 0;
            int active = 0;
            for (int i = 0; i < roles.size(); i++) {
                String role = roles.get(i);
                if (rows.stream().noneMatch(t -> t.role().equals(role) && t.pendingAt(at))) continue;
                double share = Double.parseDouble(f[firstRole + i]);
                sum += share;
                sumSq += share * share;
                active++;
            }
            if (active >= 2) {
                jainSum += sumSq == 0 ? 1.0 : sum * sum / (active * sumSq);
                jainSamples++;
            }
            // packing: each node's held cpu and memory, from the tasks on it at this sample
            Map<String, long[]> held = new LinkedHashMap<>();
            for (int n = 0; n < NODES; n++) held.put(String.format(Locale.ROOT, "n%05d", n), new long[2]);
            for (Row t : rows) {
                if (!t.onNodeAt(at)) continue;
                long[] h = held.get(t.agent());
                h[0] += t.cpu();
                h[1] += t.mem();
            }
            long used = 0, strandedCpu = 0, strandedMem = 0;
            double fracSum = 0, fracSq = 0;
            for (long[] h : held.values()) {
                if (h[0] > 0 || h[1] > 0) used++;
                long freeCpu = Math.max(0, NODE_CPU - h[0]), freeMem = Math.max(0, NODE_MEM - h[1]);
                if (freeMem * 100 < NODE_MEM * EXHAUSTED_PERCENT) strandedCpu += freeCpu;
                if (freeCpu * 100 < NODE_CPU * EXHAUSTED_PERCENT) strandedMem += freeMem;
                double frac = Math.min(1.0, (double) h[0] / NODE_CPU);
                fracSum += frac;
                fracSq += frac * frac;
            }
            nodesUsed.add(used);
            double mean = fracSum / NODES;
            covSum += mean == 0 ? 0 : Math.sqrt(Math.max(0, fracSq / NODES - mean * mean)) / mean;
            strandedCpuSum += (double) strandedCpu / (NODES * NODE_CPU);
            strandedMemSum += (double) strandedMem / (NODES * NODE_MEM);
        }
        assertEquals(80, samples, "one sample a minute for 80 minutes");
        assertTrue(jainSamples > 0, "two roles had pending work at some sample of the window");
        assertEquals(jainSamples, s.get("fairness_jain_active_samples").asInt());
        assertEquals(jainSum / jainSamples, s.get("fairness_jain_active").asDouble(), 1e-4);
        assertEquals(MeasurementWindowTest.nearestRank(nodesUsed, 0.50), s.get("nodes_used_p50").asLong());
        assertEquals(covSum / samples, s.get("node_cpu_alloc_cov").asDouble(), 2e-6);
        assertEquals(strandedCpuSum / samples, s.get("stranded_cpu").asDouble(), 2e-6);
        assertEquals(strandedMemSum / samples, s.get("stranded_mem").asDouble(), 2e-6);

        // wasted: requested cores x the part of the run time inside the window, of tasks preempted, OOM-killed or lost
        double wastedMilliMicros = 0;
        int lostOrPreempted = 0, partlyOutside = 0;
        for (Row t : rows) {
            if (!"preempted".equals(t.reason()) && !"oom".equals(t.reason()) && !"LOST".equals(t.state())) continue;
            lostOrPreempted++;
            long from = t.start() >= 0 ? t.start() : t.placed();
            if (from < FROM || t.end() >= TO) partlyOutside++;
            wastedMilliMicros += (double) t.cpu() * Math.max(0, Math.min(t.end(), TO) - Math.max(from, FROM));
        }
        assertTrue(lostOrPreempted > 0 && partlyOutside > 0, "preemptions, some of them cut by the window: " + lostOrPreempted);
        assertEquals(wastedMilliMicros / 1000.0 / 3_600_000_000.0, s.get("wasted_cpu_hours").asDouble(), 2e-6);
    }

    private static void assertLatencies(Map<String, List<Long>> expected, JsonNode actual) {
        for (Map.Entry<String, List<Long>> e : expected.entrySet()) {
            JsonNode a = actual.get(e.getKey());
            List<Long> v = e.getValue();
            assertEquals(v.size(), a.get("n").asInt(), e.getKey());
            if (v.isEmpty()) {
                assertTrue(a.get("p50").isNull(), e.getKey() + ": n/a when nothing was placed");
                continue;
            }
            assertEquals(MeasurementWindowTest.nearestRank(v, 0.50) / 1e3, a.get("p50").asDouble(), 1e-3, e.getKey());
            assertEquals(MeasurementWindowTest.nearestRank(v, 0.99) / 1e3, a.get("p99").asDouble(), 1e-3, e.getKey());
            assertEquals(v.stream().mapToLong(Long::longValue).max().orElseThrow() / 1e3, a.get("max").asDouble(), 1e-3, e.getKey());
        }
    }

    static List<Row> tasks(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> head = Arrays.asList(lines.get(0).split(","));
        int role = head.indexOf("role"), kind = head.indexOf("kind"), pri = head.indexOf("priority"), cpu = head.indexOf("cpu_m"),
                mem = head.indexOf("mem_mib"), ready = head.indexOf("ready_s"), placed = head.indexOf("placed_s"),
                start = head.indexOf("start_s"), end = head.indexOf("end_s"), agent = head.indexOf("agent"), state = head.indexOf("state"),
                reason = head.indexOf("reason");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            // no field before gpu_devices (the last) holds a comma in these runs: no gpus, reasons without commas
            String[] f = line.split(",", -1);
            rows.add(new Row(f[role], f[kind], Integer.parseInt(f[pri]), Long.parseLong(f[cpu]), Long.parseLong(f[mem]),
                    MeasurementWindowTest.micros(f[ready]), MeasurementWindowTest.micros(f[placed]), MeasurementWindowTest.micros(f[start]),
                    MeasurementWindowTest.micros(f[end]), f[agent], f[state], f[reason]));
        }
        return rows;
    }
}
