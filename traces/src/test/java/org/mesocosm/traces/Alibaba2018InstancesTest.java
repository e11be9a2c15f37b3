package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;

/**
 * Alibaba 2018 batch_instance (14 columns) and container_meta (8 columns) on hand-made rows in
 * the cluster-trace-v2018 layout (schema.txt beside the real excerpt).
 */
class Alibaba2018InstancesTest {
    @TempDir
    Path dir;

    static final String TASKS = ""
            + "M1,2,j_1,1,Terminated,100,200,100,1.0\n"
            + "R2_1,1,j_1,1,Terminated,200,260,50,0.5\n"
            + "M1,1,j_2,1,Terminated,300,400,100,1.0\n";
    // instance_name,task_name,job_name,task_type,status,start,end,machine,seq_no,total_seq_no,cpu_avg,cpu_max,mem_avg,mem_max
    static final String INSTANCES = ""
            + "ins_1,M1,j_1,1,Terminated,100,150,m_1,1,1,80,120,0.5,0.8\n"
            + "ins_2,M1,j_1,1,Failed,110,190,m_2,1,1,40,60,,0.9\n"
            + "ins_3,M1,j_1,1,Terminated,120,170,m_2,2,2,60,70,1.0,1.2\n"
            + "ins_4,R2_1,j_1,1,Terminated,200,260,m_1,1,1,30,40,0.25,0.3\n"
            + "ins_9,M1,j_9,1,Terminated,1,2,m_1,1,1,1,1,1,1\n";
    // container_id,machine_id,time_stamp,app_du,status,cpu_request,cpu_limit,mem_size
    static final String CONTAINERS = ""
            + "c_1,m_1,0,app_1,started,400,800,1.5\n"
            + "c_2,m_2,0,app_1,started,400,800,1.5\n"
            + "c_1,m_1,50,app_1,allocated,400,800,1.5\n"
            + "c_3,m_3,120,app_2,started,200,400,3.0\n";

    private List<TraceRecord> read(String instances, String containers, TraceOptions opts, ReadStats[] stats) throws IOException {
        Files.writeString(dir.resolve("batch_task.csv"), TASKS);
        Files.writeString(dir.resolve("batch_instance.csv"), instances);
        Files.writeString(dir.resolve("container_meta.csv"), containers);
        List<TraceRecord> out = new ArrayList<>();
        try (TraceReader r = TraceFormat.ALIBABA2018.open(dir, opts)) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) out.add(rec);
            stats[0] = r.stats();
        }
        return out;
    }

    private static TraceRecord job(List<TraceRecord> out, String prefix) {
        return out.stream().filter(r -> r.event() instanceof WorkloadEvent.JobArrival a && a.job().id().startsWith(prefix))
                .findFirst().orElseThrow(() -> new AssertionError("no job " + prefix));
    }

    private static JobSpec spec(TraceRecord r) {
        return ((WorkloadEvent.JobArrival) r.event()).job();
    }

    @Test
    void instancesGiveRunTimesOutcomesAndUsage() throws IOException {
        ReadStats[] stats = new ReadStats[1];
        List<TraceRecord> out = read(INSTANCES, CONTAINERS, TraceOptions.defaults(), stats);
        TraceRecord j1 = job(out, "j_1.");
        JobSpec j = spec(j1);
        assertEquals(JobKind.PIPELINE, j.kind());
        assertEquals(3, j.tasks().get(0).instances(), "one instance per batch_instance row");
        assertArrayEquals(new long[] {50_000_000, 80_000_000, 50_000_000}, j.tasks().get(0).sim().durationsMicros());
        assertEquals(Outcome.FINISHED, j1.facts().outcome(0));
        assertEquals(Outcome.FAILED, j1.facts().outcome(1));
        assertEquals(Outcome.FINISHED, j1.facts().outcome(2));
        // cpu_avg 80, 40, 60 (100 = 1 core) -> 600 mc; mem_avg 0.5 and 1.0 (one empty) of 512 GiB -> 3932 MiB
        assertEquals(new Resources(600, 3_932, 0, 0), j1.traits(0).usage());
        assertEquals(new Resources(300, 1_311, 0, 0), j1.traits(1).usage());
        assertEquals(60_000_000L, j.tasks().get(1).sim().durationMicros(0));
        assertEquals(1L, stats[0].notes().get("task instance_num differs from its batch_instance rows (rows replayed)"));
        assertEquals(1L, stats[0].notes().get("batch_instance rows out of batch_task's job order (not joined)"));

        // j_2 has no instance rows: task-level time and no usage
        TraceRecord j2 = job(out, "j_2.");
        assertEquals(100_000_000L, spec(j2).tasks().get(0).sim().durationMicros(0));
        assertNull(j2.traits());

        JobSpec app1 = spec(job(out, "app_1"));
        assertEquals(JobKind.SERVICE, app1.kind());
        assertEquals(2, app1.totalInstances());
        assertEquals(new Resources(4_000, 7_864, 0, 0), app1.tasks().get(0).request());
        assertEquals(0L, job(out, "app_1").atMicros());
        assertEquals(120_000_000L, job(out, "app_2").atMicros());
        assertEquals(1L, stats[0].notes().get("container_meta rows repeating a container (first kept)"));
        assertEquals(5L, stats[0].rowsByTable().get("batch_instance"));
        assertEquals(4L, stats[0].rowsByTable().get("container_meta"));
        org.mesocosm.traces.stats.TraceProfile profile = new org.mesocosm.traces.stats.TraceProfile();
        out.forEach(profile::accept);
        assertEquals(4L, profile.measuredTasks(), "j_1's three M1 instances and one R2_1 instance");
        for (int i = 1; i < out.size(); i++) assertTrue(out.get(i - 1).atMicros() <= out.get(i).atMicros(), "time order");
    }

    @Test
    void badRowsNameFileLineAndField() throws IOException {
        ReadStats[] stats = new ReadStats[1];
        String badInst = INSTANCES.replace("ins_2,M1,j_1,1,Failed", "ins_2,M1,j_1,1,Lost");
        TraceException e = assertThrows(TraceException.class, () -> read(badInst, CONTAINERS, TraceOptions.defaults(), stats));
        assertTrue(e.getMessage().contains("batch_instance.csv:2: field status"), e.getMessage());
        read(badInst, CONTAINERS, TraceOptions.defaults().withLenient(true), stats);
        assertEquals(1L, stats[0].skipped());

        String badCont = CONTAINERS.replace("c_3,m_3,120,app_2,started,200,400,3.0", "c_3,m_3,120,app_2,started,200,400,300");
        e = assertThrows(TraceException.class, () -> read(INSTANCES, badCont, TraceOptions.defaults(), stats));
        assertTrue(e.getMessage().contains("container_meta.csv:4: field mem_size"), e.getMessage());
    }

    @Test
    void tablesRecognizedByColumnCountUnderOtherNames() throws IOException {
        Files.writeString(dir.resolve("a.csv"), TASKS);
        Files.writeString(dir.resolve("b.csv"), INSTANCES);
        Files.writeString(dir.resolve("c.csv"), CONTAINERS);
        // machine_usage has batch_task's column count; known by its name, it is left out
        Files.writeString(dir.resolve("machine_usage.csv"), "m_1,0,10,20,5.0,1,0.1,0.1,3.0\n");
        List<TraceRecord> out = new ArrayList<>();
        try (TraceReader r = TraceFormat.ALIBABA2018.open(dir, TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) out.add(rec);
        }
        assertEquals(3, spec(job(out, "j_1.")).tasks().get(0).instances());
        assertEquals(2, spec(job(out, "app_1")).totalInstances());
    }

    @Test
    void servicesAfterTheBatchWorkAreCounted() throws IOException {
        ReadStats[] stats = new ReadStats[1];
        List<TraceRecord> out = read(INSTANCES, CONTAINERS + "c_4,m_4,5000,app_3,started,100,200,1.0\n", TraceOptions.defaults(), stats);
        assertTrue(out.stream().noneMatch(r -> r.event() instanceof WorkloadEvent.JobArrival a && a.job().id().equals("app_3")));
        assertEquals(1L, stats[0].notes().get("services arriving after the last batch task (not replayed)"));
    }
}
