package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.stats.TraceProfile;

/**
 * Reads every row of each real excerpt in {@code data/traces/} and checks counts, time
 * spans, and fields worked out by hand from the raw rows (quoted in the comments).
 */
class RealTracesTest {

    /** Everything a reader produced, with the jobs by id. */
    private record Read(ReadStats stats, long span, TraceProfile profile, Map<String, WorkloadEvent.JobArrival> jobs,
                        Map<String, InstanceFacts> facts, Map<String, TraceRecord> records, long downs) {}

    private static Read read(String format) {
        TraceProfile p = new TraceProfile();
        Map<String, WorkloadEvent.JobArrival> jobs = new LinkedHashMap<>();
        Map<String, InstanceFacts> facts = new LinkedHashMap<>();
        Map<String, TraceRecord> records = new LinkedHashMap<>();
        long downs = 0;
        long last = 0;
        try (TraceReader r = TraceFormat.byName(format).open(RealTraces.of(format), TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) {
                assertTrue(rec.atMicros() >= last, "records in time order");
                last = rec.atMicros();
                p.accept(rec);
                if (rec.event() instanceof WorkloadEvent.JobArrival a) {
                    jobs.put(a.job().id(), a);
                    facts.put(a.job().id(), rec.facts());
                    records.put(a.job().id(), rec);
                } else if (rec.event() instanceof WorkloadEvent.MachineDown) {
                    downs++;
                }
            }
            return new Read(r.stats(), r.spanMicros(), p, jobs, facts, records, downs);
        }
    }

    private static JobSpec job(Read r, String id) {
        WorkloadEvent.JobArrival a = r.jobs().get(id);
        assertNotNull(a, "job " + id);
        return a.job();
    }

    @Test
    void google2011() {
        Read r = read("google2011");
        // every row of each table: 2 x 5,000 task_events, 15,000 machine_events, 5,000 job_events
        assertEquals(Map.of("task_events", 10_000L, "machine_events", 15_000L, "job_events", 5_000L), r.stats().rowsByTable());
        assertEquals(0, r.stats().skipped());
        // the last task row is at 757,956,815 us; the machine events after it are read, counted, not replayed
        assertEquals(757_956_815L, r.span());
        assertEquals(2_523L, r.stats().notes().get("machine events after the end of the task events (read, not replayed)"));
        // 12,477 ADDs at t=0 (two without a capacity are noted, the rest replayed)
        assertEquals(12_477, r.profile().machines());
        assertEquals(0, r.downs());
        assertEquals(8_447, r.profile().tasks());
        assertEquals(411, r.profile().traceJobs());
        assertEquals(89L, r.stats().notes().get("task request missing or zero (replayed as 1 millicore)"));
        // "0,,3418314,0,3938719206,0,...,3,9,0.125,0.07446,0.0004244,0" and task 1 likewise: submitted in
        // the time-0 snapshot, never scheduled within the excerpt -> long-running, production band;
        // 0.125 x 32 cores = 4,000 millicores, 0.07446 x 128 GiB = 9,759.6 -> 9,760 MiB
        JobSpec j = job(r, "3418314.12479s");
        assertEquals(JobKind.SERVICE, j.kind());
        assertEquals("production", j.role());
        assertEquals(9, j.priority());
        TaskSpec t = j.tasks().get(0);
        assertEquals(2, t.instances());
        assertEquals(new Resources(4000, 9760, 0, 0), t.request());
        assertEquals(Outcome.PENDING_AT_END, r.facts().get("3418314.12479s").outcome(0));
        // job 6251537638 (priority 2 -> batch band) has a task scheduled 1.393992 s after its submit
        JobSpec b = job(r, "6251537638.13060s");
        assertEquals("batch", b.role());
        assertEquals(2, b.priority());
        assertArrayEquals(new long[] {1_393_992L}, r.facts().get("6251537638.13060s").delayMicros());
        // its rows end in ",1": different_machines_restriction, carried as a constraint
        assertEquals(TaskTraits.UNIQUE_HOST, r.records().get("6251537638.13060s").traits(0));
        assertEquals(java.util.List.of("hostname:UNIQUE"), r.records().get("6251537638.13060s").traits(0).constraints());
        // "...,3,9,0.125,0.07446,0.0004244,0": no restriction
        assertEquals(TaskTraits.NONE, r.records().get("3418314.12479s").traits(0));
        assertEquals(Map.of("batch", 3093L, "best-effort", 701L, "production", 4653L), r.profile().tasksByBand());
    }

    @Test
    void google2019() {
        Read r = read("google2019");
        // one real row each; the instance row is of an alloc set (collection_type 1), which is not a job's task
        assertEquals(Map.of("instance_events", 1L, "collection_events", 1L), r.stats().rowsByTable());
        assertEquals(1L, r.stats().notes().get("alloc-set instance events not replayed"));
        assertEquals(0, r.profile().tasks());
        assertEquals(535_439_029_406L, r.span()); // the instance row's time
    }

    @Test
    void alibaba2018() {
        Read r = read("alibaba2018");
        assertEquals(Map.of("batch_task", 5_000L, "machine_meta", 5_000L), r.stats().rowsByTable());
        assertEquals(0, r.stats().skipped());
        assertEquals(1_148, r.profile().machines());
        assertEquals(2_224, r.profile().jobs());
        assertEquals(14_067, r.profile().tasks());
        assertEquals(Map.of("batch", 1861L, "pipeline", 363L), r.profile().jobsByKind());
        assertEquals(321_155_000_000L, r.span());
        assertEquals(97_000_000L, r.profile().firstArrivalMicros());
        // "M1,1,job_1,type_9,Terminated,97,110,50.0,23.3": 0.5 core, 23.3% of 512 GiB = 122,159 MiB, 13 s
        JobSpec j1 = job(r, "job_1.1");
        assertEquals(JobKind.BATCH, j1.kind());
        assertEquals(new Resources(500, 122_159, 0, 0), j1.tasks().get(0).request());
        assertEquals(13_000_000L, j1.tasks().get(0).sim().durationMicros(0));
        // "M2_1,4,job_2,..." depends on M1: job_2 is a pipeline
        JobSpec j2 = job(r, "job_2.2");
        assertEquals(JobKind.PIPELINE, j2.kind());
        TaskSpec m2 = j2.tasks().get(1);
        assertEquals("M2_1", m2.name());
        assertEquals(4, m2.instances());
        assertEquals(List.of("M1"), m2.dependsOn());
        assertEquals(new Resources(3500, 238_027, 0, 0), m2.request()); // 350 -> 3.5 cores, 45.4% of 512 GiB
        assertEquals(InstanceFacts.UNKNOWN, r.facts().get("job_1.1").delayMicros()[0]);
    }

    @Test
    void swf() {
        Read r = read("swf");
        assertEquals(Map.of("jobs", 5_000L), r.stats().rowsByTable());
        assertEquals(5_000, r.profile().jobs());
        // MaxProcs: 100 in the header -> 100 one-processor machines
        assertEquals(100, r.profile().machines());
        assertEquals(56_262, r.profile().tasks());
        // "15 599850 192180 3477 4 ...": first job at replay time 0, 4 processors, waited 192,180 s, ran 3,477 s
        JobSpec j = job(r, "15.1");
        assertEquals(4, j.tasks().get(0).instances());
        assertEquals(3_477_000_000L, j.tasks().get(0).sim().durationMicros(0));
        assertEquals(192_180_000_000L, r.facts().get("15.1").delayMicros()[0]);
        assertEquals(Outcome.FINISHED, r.facts().get("15.1").outcome(0));
        // "17 600476 364560 215337 5 ... 0 ...": status 0 = failed
        assertEquals(Outcome.FAILED, r.facts().get("17.3").outcome(0));
        assertEquals(626_000_000L, r.jobs().get("17.3").atMicros());
        assertEquals(6_628_565_000_000L, r.span());
    }
}
