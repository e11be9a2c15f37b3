package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;

/**
 * Google 2011 task_usage joined to task attempts, on hand-made rows in the clusterdata-2011-2
 * layout (task_events 13 columns, task_usage 20: start, end, job, task index, machine, CPU rate,
 * canonical memory usage, then 13 columns the replay does not read).
 */
class Google2011UsageTest {
    @TempDir
    Path dir;

    static String ev(long t, long job, int idx, int type, String cpu, String mem) {
        // time,missing,job,index,machine,type,user,class,priority,cpu,mem,disk,different_machines
        return t + ",," + job + "," + idx + "," + (type == 1 ? "5" : "") + "," + type + ",dXNlcg==,2,9," + cpu + "," + mem + ",0.0001,0\n";
    }

    static String use(long from, long to, long job, int idx, String cpu, String mem) {
        return from + "," + to + "," + job + "," + idx + ",5," + cpu + "," + mem + ",0.02,0.001,0.002,0.03,0.0001,0.00002,0.2,0.001,1.5,0.004,1,0,0.1\n";
    }

    private List<TraceRecord> read(String usage, TraceOptions opts, ReadStats[] stats) throws IOException {
        Files.createDirectories(dir.resolve("task_events"));
        Files.createDirectories(dir.resolve("task_usage"));
        Files.writeString(dir.resolve("task_events/part-00000-of-00001.csv"),
                ev(1_000_000, 42, 0, 0, "0.25", "0.125") + ev(1_000_000, 42, 1, 0, "0.25", "0.125")
                        + ev(2_000_000, 42, 0, 1, "0.25", "0.125") + ev(2_000_000, 42, 1, 1, "0.25", "0.125")
                        + ev(1_000_000_000, 42, 0, 4, "0.25", "0.125") + ev(1_000_000_000, 42, 1, 4, "0.25", "0.125"));
        Files.writeString(dir.resolve("task_usage/part-00000-of-00001.csv"), usage);
        List<TraceRecord> out = new ArrayList<>();
        try (TraceReader r = TraceFormat.GOOGLE2011.open(dir, opts)) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) out.add(rec);
            stats[0] = r.stats();
        }
        return out;
    }

    private static TraceRecord job(List<TraceRecord> out) {
        return out.stream().filter(r -> r.event() instanceof WorkloadEvent.JobArrival).findFirst().orElseThrow();
    }

    @Test
    void weightedMeanPerAttemptThenMeanPerGroupScaledByMachine() throws IOException {
        // task 0: 300 s at 0.0625 CPU then 100 s at 0.125 -> 0.078125 = 2500 mc; memory 0.03125 then empty -> 4096 MiB
        // task 1: one sample, 0.125 CPU (4000 mc), memory 0.0625 (8192 MiB); a sample for an unknown task is counted
        String usage = use(2_000_000, 302_000_000, 42, 0, "0.0625", "0.03125") + use(2_000_000, 302_000_000, 42, 1, "0.125", "0.0625")
                + use(302_000_000, 402_000_000, 42, 0, "0.125", "") + use(500_000_000, 600_000_000, 99, 0, "0.5", "0.5")
                + use(2_000_000_000L, 2_300_000_000L, 42, 0, "0.9", "0.9"); // after the tasks ended: not read
        ReadStats[] stats = new ReadStats[1];
        List<TraceRecord> out = read(usage, TraceOptions.defaults(), stats);
        TraceRecord r = job(out);
        JobSpec j = ((WorkloadEvent.JobArrival) r.event()).job();
        assertEquals(1, j.tasks().size(), "usage does not split the task group");
        assertEquals(new Resources(8_000, 16_384, 0, 0), j.tasks().get(0).request());
        // group mean of 2500 and 4000 mc, 4096 and 8192 MiB
        assertEquals(new Resources(3_250, 6_144, 0, 0), r.traits(0).usage());
        assertEquals(1L, stats[0].notes().get("task_usage samples of no open task attempt (not joined)"));
        assertEquals(1L, stats[0].notes().get("task_usage: rows after the last replayed task event (not read)"));
        assertEquals(5L, stats[0].rowsByTable().get("task_usage")); // the row after the end is read (to know there is one), not joined

        // the replayed task carries it (TraceWorkload caps usage at the request)
        try (TraceWorkload w = new TraceWorkload(TraceFormat.GOOGLE2011.open(dir, TraceOptions.defaults()), 1)) {
            WorkloadEvent e = w.next();
            assertEquals(new Resources(3_250, 6_144, 0, 0), ((WorkloadEvent.JobArrival) e).job().tasks().get(0).usage());
        }
    }

    @Test
    void declaredMachineScalesUsage() throws IOException {
        ReadStats[] stats = new ReadStats[1];
        List<TraceRecord> out = read(use(2_000_000, 302_000_000, 42, 0, "0.125", "0.25"),
                TraceOptions.defaults().withMachine(new Resources(16_000, 65_536, 0, 0)), stats);
        TraceRecord r = job(out);
        // only task 0 measured: the group's mean is over measured instances
        assertEquals(new Resources(2_000, 16_384, 0, 0), r.traits(0).usage());
    }

    @Test
    void noUsageTableNoUsage() throws IOException {
        ReadStats[] stats = new ReadStats[1];
        List<TraceRecord> out = read("", TraceOptions.defaults(), stats);
        assertNull(job(out).traits(0).usage());
    }

    @Test
    void malformedUsageRowNamesFileLineAndField() throws IOException {
        String usage = use(2_000_000, 302_000_000, 42, 0, "0.0625", "0.03125") + use(2_000_000, 302_000_000, 42, 1, "lots", "0.0625");
        ReadStats[] stats = new ReadStats[1];
        TraceException e = assertThrows(TraceException.class, () -> read(usage, TraceOptions.defaults(), stats));
        assertTrue(e.getMessage().contains("part-00000-of-00001.csv:2: field cpu_rate"), e.getMessage());
        read(usage, TraceOptions.defaults().withLenient(true), stats);
        assertEquals(1L, stats[0].skipped());
    }
}
