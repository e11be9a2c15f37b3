package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Google 2011 trace's measured usage (task_usage) reaches the simulated machines: on one machine,
 * five production tasks ask for 19% of it each but use about half of that, so Borg reclaims the
 * difference for two best-effort tasks of 20%; the usage model's bursts then run the machine out of
 * memory and the reclaimed tasks are OOM-killed. The same trace without task_usage gives Borg nothing
 * to reclaim (no kill), and k8s never overcommits (no kill).
 */
class ReplayUsageOomTest {
    static final long S = 1_000_000L;
    /** Production tasks run from 601 s to 20,600 s of trace time. */
    static final long SPAN_S = 20_000;
    static final String BORG = "borg:production=9,batch=2"; // the trace's 0-11 scale, not the mixed workload's

    // time,missing,job,index,machine,type,user,class,priority,cpu,mem,disk,different_machines
    static String ev(long t, long job, int idx, int type, int prio, String req) {
        return t + ",," + job + "," + idx + "," + (type == 1 ? "5" : "") + "," + type + ",dXNlcg==,2," + prio + "," + req + "," + req + ",0.0001,0\n";
    }

    // start,end,job,index,machine,cpu_rate,canonical_memory_usage, then 13 columns the replay does not read
    static String use(long from, long to, long job, int idx, String cpu, String mem) {
        return from + "," + to + "," + job + "," + idx + ",5," + cpu + "," + mem + ",0.02,0.001,0.002,0.03,0.0001,0.00002,0.2,0.001,1.5,0.004,1,0,0.1\n";
    }

    record Row(long t, String line) {}

    static Path trace(Path dir, boolean withUsage) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // production: submit, schedule, finish
            rows.add(new Row(600 * S, ev(600 * S, 1, i, 0, 9, "0.19")));
            rows.add(new Row(601 * S, ev(601 * S, 1, i, 1, 9, "0.19")));
            rows.add(new Row((601 + SPAN_S) * S, ev((601 + SPAN_S) * S, 1, i, 4, 9, "0.19")));
        }
        for (int i = 0; i < 2; i++) { // best effort (priority 0), no measured usage: uses its whole request
            rows.add(new Row(700 * S, ev(700 * S, 2, i, 0, 0, "0.2")));
            rows.add(new Row(701 * S, ev(701 * S, 2, i, 1, 0, "0.2")));
            rows.add(new Row(10_701 * S, ev(10_701 * S, 2, i, 4, 0, "0.2")));
        }
        rows.sort(Comparator.comparingLong(Row::t));
        Files.createDirectories(dir.resolve("task_events"));
        StringBuilder events = new StringBuilder();
        for (Row r : rows) events.append(r.line());
        Files.writeString(dir.resolve("task_events/part-00000-of-00001.csv"), events);
        if (withUsage) {
            Files.createDirectories(dir.resolve("task_usage"));
            StringBuilder usage = new StringBuilder();
            for (long from = 601 * S; from < (601 + SPAN_S) * S; from += 300 * S) {
                for (int i = 0; i < 5; i++) usage.append(use(from, from + 300 * S, 1, i, "0.019", "0.095"));
            }
            Files.writeString(dir.resolve("task_usage/part-00000-of-00001.csv"), usage);
        }
        return dir;
    }

    static JsonNode replay(Path trace, String policy, Path out) throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.run("replay", "--trace", "google2011:" + trace, "--nodes", "1", "--policy", policy,
                "--max-time", "1d", "--seeds", "1", "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void measuredUsageLetsBorgReclaimAndItsMachineRunsOutOfMemory(@TempDir Path tmp) throws IOException {
        Path measured = trace(tmp.resolve("measured"), true);
        JsonNode borg = replay(measured, BORG, tmp.resolve("borg"));
        long kills = borg.get("oom_kills").asLong();
        assertTrue(kills > 0, "borg reclaimed against the measured usage and never ran out of memory: " + borg);
        assertTrue(borg.get("wasted_cpu_hours").asDouble() > 0, borg.toString());
        // After an OOM kill Borg's reclaimer trusts no estimate on that machine for reclaim-after (60 s),
        // so the two best-effort tasks are killed at most about once a minute each, not relaunched into
        // the same room and killed again in a loop (which gave ~700,000 kills here).
        assertTrue(kills <= 2 * (SPAN_S / 60 + 1), "OOM kill loop: " + kills + " kills");

        assertEquals(0, replay(measured, "k8s", tmp.resolve("k8s")).get("oom_kills").asLong(), "k8s does not overcommit");
        JsonNode unmeasured = replay(trace(tmp.resolve("unmeasured"), false), BORG, tmp.resolve("borg-unmeasured"));
        assertEquals(0, unmeasured.get("oom_kills").asLong(), "without task_usage nothing is reclaimed: " + unmeasured);
    }
}
