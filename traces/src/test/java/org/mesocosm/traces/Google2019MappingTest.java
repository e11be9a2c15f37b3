package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;

/**
 * Google 2019's mapping on hand-made rows in the v3 schema (the real excerpt holds one row per
 * table, neither of them a job's task): tiers to bands, SUBMIT/SCHEDULE/end to run time and
 * delay, alloc sets left out, machines added and removed.
 */
class Google2019MappingTest {
    @TempDir
    Path dir;

    private static String inst(long t, int type, long coll, int ctype, int prio, int idx, String extra) {
        return "{\"time\": " + t + ", \"type\": " + type + ", \"collection_id\": " + coll + ", \"scheduling_class\": 1, \"missing_type\": null, "
                + "\"collection_type\": " + ctype + ", \"priority\": " + prio + ", \"alloc_collection_id\": 0, \"instance_index\": " + idx
                + ", \"machine_id\": " + (type == 3 ? "1" : "null") + ", \"alloc_instance_index\": -1, "
                + "\"resource_request\": {\"cpus\": 0.125, \"memory\": 0.0625}, \"constraint\": []" + extra + "}\n";
    }

    @Test
    void tiersRunTimesDelaysAllocSetsAndMachines() throws IOException {
        Files.writeString(dir.resolve("machine_events.json"),
                "{\"time\": 0, \"machine_id\": 1, \"type\": 0, \"switch_id\": \"s\", \"platform_id\": \"abcdefghij\", \"capacity\": {\"cpus\": 0.5, \"memory\": 0.25}}\n"
                + "{\"time\": 80000000, \"machine_id\": 1, \"type\": 1, \"switch_id\": \"s\", \"platform_id\": \"abcdefghij\", \"capacity\": null}\n");
        Files.writeString(dir.resolve("instance_events.json"),
                inst(1_000_000, 0, 7, 0, 200, 0, "") + inst(1_000_000, 0, 7, 0, 200, 1, "")
                        + inst(2_000_000, 0, 8, 1, 200, 0, "")            // an alloc set's instance: not a task
                        + inst(3_000_000, 3, 7, 0, 200, 0, "") + inst(4_000_000, 3, 7, 0, 200, 1, "")
                        + inst(5_000_000, 0, 9, 0, 25, 0, "")             // free tier, never scheduled
                        + inst(64_000_000, 6, 7, 0, 200, 0, "")            // FINISH
                        + inst(94_000_000, 5, 7, 0, 200, 1, ""));          // FAIL
        Files.writeString(dir.resolve("collection_events.json"),
                "{\"time\": 1000000, \"type\": 0, \"collection_id\": 7, \"scheduling_class\": 1, \"collection_type\": 0, \"priority\": 200}\n");
        List<TraceRecord> out = new ArrayList<>();
        ReadStats stats;
        try (TraceReader r = TraceFormat.GOOGLE2019.open(dir, TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) out.add(rec);
            stats = r.stats();
        }
        assertEquals(8L, stats.rowsByTable().get("instance_events"));
        assertEquals(1L, stats.rowsByTable().get("collection_events"));
        assertEquals(1L, stats.notes().get("alloc-set instance events not replayed"));
        WorkloadEvent.MachineUp up = (WorkloadEvent.MachineUp) out.get(0).event();
        assertEquals(new Resources(16_000, 32_768, 0, 0), up.capacity());
        assertTrue(out.stream().anyMatch(r -> r.event() instanceof WorkloadEvent.MachineDown d && d.atMicros() == 80_000_000L));

        TraceRecord job7 = out.stream().filter(r -> r.event() instanceof WorkloadEvent.JobArrival a && a.job().id().startsWith("7.")).findFirst().orElseThrow();
        JobSpec j = ((WorkloadEvent.JobArrival) job7.event()).job();
        assertEquals(1_000_000L, job7.atMicros());
        assertEquals(JobKind.BATCH, j.kind());
        assertEquals("production", j.role()); // priority 200: production tier -> 9
        assertEquals(9, j.priority());
        assertEquals(new Resources(4_000, 8_192, 0, 0), j.tasks().get(0).request());
        assertEquals(2, j.totalInstances());
        assertEquals(61_000_000L, j.tasks().get(0).sim().durationMicros(0)); // schedule 3 s -> finish 64 s
        assertEquals(90_000_000L, j.tasks().get(0).sim().durationMicros(1)); // schedule 4 s -> fail 94 s
        assertEquals(2_000_000L, job7.facts().delayMicros()[0]);
        assertEquals(3_000_000L, job7.facts().delayMicros()[1]);
        assertEquals(Outcome.FINISHED, job7.facts().outcome(0));
        assertEquals(Outcome.FAILED, job7.facts().outcome(1));

        JobSpec free = out.stream().map(TraceRecord::event).filter(e -> e instanceof WorkloadEvent.JobArrival a && a.job().id().startsWith("9."))
                .map(e -> ((WorkloadEvent.JobArrival) e).job()).findFirst().orElseThrow();
        assertEquals("best-effort", free.role()); // priority 25: free tier -> 0
        assertEquals(JobKind.SERVICE, free.kind()); // never scheduled within the trace: replayed as long-running
    }
}
