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
import org.mesocosm.runtime.model.PlacementConstraint;
import org.mesocosm.runtime.model.WorkloadEvent;

/** Google 2019 instance_events {@code constraint} lists, on rows in the v3 schema. */
class Google2019ConstraintsTest {
    @TempDir
    Path dir;

    static String inst(long t, int type, long coll, int idx, String constraint) {
        return "{\"time\": " + t + ", \"type\": " + type + ", \"collection_id\": " + coll + ", \"scheduling_class\": 1, \"missing_type\": null, "
                + "\"collection_type\": 0, \"priority\": 200, \"alloc_collection_id\": 0, \"instance_index\": " + idx
                + ", \"machine_id\": null, \"alloc_instance_index\": -1, "
                + "\"resource_request\": {\"cpus\": 0.125, \"memory\": 0.0625}, \"constraint\": " + constraint + "}\n";
    }

    private List<TraceRecord> read(String rows, TraceOptions opts, ReadStats[] stats) throws IOException {
        Files.writeString(dir.resolve("instance_events.json"), rows);
        List<TraceRecord> out = new ArrayList<>();
        try (TraceReader r = TraceFormat.GOOGLE2019.open(dir, opts)) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) out.add(rec);
            stats[0] = r.stats();
        }
        return out;
    }

    @Test
    void equalAndNotEqualReplayedOthersCounted() throws IOException {
        String c = "[{\"name\": \"k9Xa\", \"value\": \"2\", \"relation\": \"EQUAL\"}, "
                + "{\"name\": \"zQ1\", \"value\": \"a.b\", \"relation\": 1}, "
                + "{\"name\": \"cores\", \"value\": \"8\", \"relation\": \"GREATER_THAN_EQUAL\"}, "
                + "{\"name\": \"gpu\", \"value\": \"\", \"relation\": \"PRESENT\"}]";
        ReadStats[] stats = new ReadStats[1];
        List<TraceRecord> out = read(inst(1_000_000, 0, 7, 0, c) + inst(1_000_000, 0, 7, 1, "[]")
                + inst(2_000_000, 3, 7, 0, c) + inst(2_000_000, 3, 7, 1, "[]")
                + inst(5_000_000, 6, 7, 0, c) + inst(6_000_000, 6, 7, 1, "[]"), TraceOptions.defaults(), stats);
        TraceRecord job = out.stream().filter(r -> r.event() instanceof WorkloadEvent.JobArrival).findFirst().orElseThrow();
        var tasks = ((WorkloadEvent.JobArrival) job.event()).job().tasks();
        assertEquals(2, tasks.size(), "constrained and unconstrained instances are different task groups");
        List<String> cons = job.traits(0).constraints();
        assertEquals(List.of("k9Xa:CLUSTER:2", "zQ1:UNLIKE:\\Qa.b\\E"), cons);
        cons.forEach(PlacementConstraint::parse); // each is a valid Marathon constraint
        assertTrue(job.traits(1).isNone());
        assertNull(job.traits(0).usage());
        // counted once, for the submitting event only
        assertEquals(1L, stats[0].notes().get("constraint relation GREATER_THAN_EQUAL not replayed (no Marathon operator)"));
        assertEquals(1L, stats[0].notes().get("constraint relation PRESENT not replayed (no Marathon operator)"));
    }

    @Test
    void badRelationNamesTheFieldOrIsCountedWhenLenient() throws IOException {
        String bad = "[{\"name\": \"k\", \"value\": \"1\", \"relation\": \"ABOUT\"}]";
        String rows = inst(1_000_000, 0, 7, 0, "[]") + inst(2_000_000, 0, 8, 0, bad);
        ReadStats[] stats = new ReadStats[1];
        TraceException e = assertThrows(TraceException.class, () -> read(rows, TraceOptions.defaults(), stats));
        assertTrue(e.getMessage().contains("instance_events.json:2: field constraint.relation"), e.getMessage());
        read(rows, TraceOptions.defaults().withLenient(true), stats);
        assertEquals(1L, stats[0].skipped());
    }

    @Test
    void machineAttributesGiveMachinesWhatConstraintsTest() throws IOException {
        Files.writeString(dir.resolve("machine_events.json"),
                "{\"time\": 0, \"machine_id\": 1, \"type\": 0, \"switch_id\": \"s\", \"platform_id\": \"abcdefghij\", \"capacity\": {\"cpus\": 0.5, \"memory\": 0.25}}\n"
                + "{\"time\": 0, \"machine_id\": 2, \"type\": 0, \"switch_id\": \"s\", \"platform_id\": \"abcdefghij\", \"capacity\": {\"cpus\": 0.5, \"memory\": 0.25}}\n");
        // time, machine_id, name, value, deleted
        Files.writeString(dir.resolve("machine_attributes.json"),
                "{\"time\": 0, \"machine_id\": 1, \"name\": \"k9Xa\", \"value\": \"2\", \"deleted\": false}\n"
                + "{\"time\": 0, \"machine_id\": 2, \"name\": \"k9Xa\", \"value\": \"3\", \"deleted\": false}\n"
                + "{\"time\": 0, \"machine_id\": 2, \"name\": \"k9Xa\", \"value\": null, \"deleted\": true}\n"
                + "{\"time\": 5000000, \"machine_id\": 1, \"name\": \"k9Xa\", \"value\": \"4\", \"deleted\": false}\n");
        String c = "[{\"name\": \"k9Xa\", \"value\": \"2\", \"relation\": \"EQUAL\"}]";
        ReadStats[] stats = new ReadStats[1];
        List<TraceRecord> out = read(inst(1_000_000, 0, 7, 0, c) + inst(2_000_000, 3, 7, 0, c) + inst(9_000_000, 6, 7, 0, c), TraceOptions.defaults(), stats);
        var ups = out.stream().map(TraceRecord::event).filter(e -> e instanceof WorkloadEvent.MachineUp).map(e -> (WorkloadEvent.MachineUp) e).toList();
        assertEquals(2, ups.size());
        assertEquals("2", ups.get(0).attributes().get("k9Xa"));
        assertEquals("abcdefgh", ups.get(0).attributes().get("platform"));
        assertNull(ups.get(1).attributes().get("k9Xa"), "deleted before the machine came up");
        assertEquals(4L, stats[0].rowsByTable().get("machine_attributes"));
        // the later change is read only if a machine event follows it; here none does
        PlacementConstraint pc = PlacementConstraint.parse(out.stream().filter(r -> r.facts() != null).findFirst().orElseThrow().traits(0).constraints().get(0));
        assertEquals("k9Xa", pc.field());
        assertEquals(ups.get(0).attributes().get(pc.field()), pc.value());
    }
}
