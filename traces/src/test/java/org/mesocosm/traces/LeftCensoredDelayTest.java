package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.traces.stats.TraceFidelity;
import org.mesocosm.traces.stats.TraceProfile;

/**
 * Recorded queueing delays on the real Google 2011 excerpt, checked against an independent
 * reading of the raw task_events rows: an attempt's delay is known only when its SUBMIT is in what
 * was read (and after trace time 0, Google's "before the trace"); a SCHEDULE without one is
 * left-censored, counted, and never a 0 delay. The oracle below walks the CSV rows itself.
 */
class LeftCensoredDelayTest {
    @TempDir
    Path tmp;

    /** The independent reading: known delays (us) and the count of censored schedules, for trace time >= windowStart. */
    private record Oracle(List<Long> known, long censored) {
        long percentile(double q) {
            List<Long> s = new ArrayList<>(known);
            s.sort(null);
            return s.get((int) Math.max(0, Math.ceil(q * s.size()) - 1));
        }
    }

    private static Oracle oracle(Path taskEvents, long windowStart) throws IOException {
        List<Path> files;
        try (Stream<Path> st = Files.list(taskEvents)) {
            files = st.sorted().toList();
        }
        // per task: -2 none open, -1 scheduled, t >= 0 submitted at t
        Map<String, Long> state = new HashMap<>();
        // attempts scheduled before the window start: replayed (censored) unless they end before it
        java.util.Set<String> runningAtStart = new java.util.HashSet<>();
        List<Long> known = new ArrayList<>();
        long censored = 0;
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String[] c = line.split(",", -1);
                long t = Long.parseLong(c[0]);
                String key = c[2] + "/" + c[3];
                int type = Integer.parseInt(c[5]);
                long s = state.getOrDefault(key, -2L);
                if (type == 0) {
                    if (t < windowStart) runningAtStart.remove(key); // a resubmission ends the attempt there
                    state.put(key, t);
                } else if (type == 1) {
                    if (s == -1) continue; // scheduled twice: the first is kept
                    state.put(key, -1L);
                    if (t < windowStart) {
                        runningAtStart.add(key);
                    } else if (s < 0 || s == 0 || s < windowStart) {
                        censored++;
                    } else {
                        known.add(t - s);
                    }
                } else if (type >= 2 && type <= 6) {
                    state.remove(key);
                    if (t < windowStart) runningAtStart.remove(key);
                }
            }
        }
        return new Oracle(known, censored + runningAtStart.size());
    }

    private static TraceFidelity read(Path dir, TraceOptions opts) {
        TraceFidelity f = new TraceFidelity();
        TraceProfile p = new TraceProfile();
        try (TraceReader r = TraceFormat.GOOGLE2011.open(dir, opts)) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) {
                f.accept(rec);
                p.accept(rec);
            }
            f.finish(r.spanMicros());
        }
        assertEquals(f.delayCensored(), p.delayCensored(), "inspect and the fidelity table count the same censored attempts");
        assertEquals(f.delayMicros().count(), p.delayMicros().count());
        return f;
    }

    private static void assertMatches(Oracle o, TraceFidelity f) {
        assertEquals(o.known().size(), f.delayMicros().count(), "attempts with a known delay");
        assertEquals(o.censored(), f.delayCensored(), "left-censored attempts");
        assertEquals(0, f.delayNotRecorded());
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            long want = o.percentile(q);
            long got = f.delayMicros().percentile(q);
            // LogHistogram: 64 bins per power of two, so within ~1.1%
            assertTrue(Math.abs(got - want) <= 0.02 * want + 1, "p" + (int) (q * 100) + ": " + got + " vs " + want);
        }
    }

    /** One of the two excerpt windows alone, with the real machine_events. */
    private Path window(String file) throws IOException {
        Path src = RealTraces.of("google2011");
        Path d = tmp.resolve(file);
        Files.createDirectories(d.resolve("task_events"));
        Files.createDirectories(d.resolve("machine_events"));
        Files.copy(src.resolve("task_events").resolve(file), d.resolve("task_events/part-00000-of-00500.csv"));
        Files.copy(src.resolve("machine_events/part-00000-of-00001.csv"), d.resolve("machine_events/part-00000-of-00001.csv"));
        return d;
    }

    @Test
    void bothExcerptsTogetherMatchTheRawRows() throws IOException {
        Path dir = RealTraces.of("google2011");
        Oracle o = oracle(dir.resolve("task_events"), 0);
        TraceFidelity f = read(dir, TraceOptions.defaults());
        assertMatches(o, f);
        // most schedules in the excerpt have their SUBMIT in the 270,000 rows left out between the two files
        assertTrue(f.delayCensored() > 9 * f.delayMicros().count(), f.delayCensored() + " censored vs " + f.delayMicros().count());
        assertTrue(f.delayMicros().min() > 0, "no attempt whose submit is unknown reads as a 0 delay");
    }

    @Test
    void secondWindowAloneAgreesWithTheAuditsFigures() throws IOException {
        Path d = window("part-00000-of-00500.lines275001-280000.csv");
        Oracle o = oracle(d.resolve("task_events"), 0);
        TraceFidelity f = read(d, TraceOptions.defaults());
        assertMatches(o, f);
        // the independent audit of issue 16 read p50 1.53 s per attempt on this excerpt
        assertEquals(1.53, o.percentile(0.5) / 1e6, 0.01);
        assertEquals(1.53, f.delayMicros().percentile(0.5) / 1e6, 0.03);
    }

    @Test
    void firstWindowIsAllTimeZeroSoNoDelayIsKnown() throws IOException {
        Path d = window("part-00000-of-00500.csv");
        TraceFidelity f = read(d, TraceOptions.defaults());
        assertEquals(0, f.delayMicros().count(), "time 0 is everything before the trace: no delay is known");
        assertEquals(oracle(d.resolve("task_events"), 0).censored(), f.delayCensored());
    }

    /** Google 2019 has the same left edge: a SCHEDULE whose SUBMIT was not read, and time 0, are censored. */
    @Test
    void google2019ScheduleWithoutSubmitIsCensored() throws IOException {
        Path d = tmp.resolve("g19");
        Files.createDirectories(d);
        Files.writeString(d.resolve("machine_events.json"),
                "{\"time\": 0, \"machine_id\": 1, \"type\": 0, \"switch_id\": \"s\", \"platform_id\": \"p\", \"capacity\": {\"cpus\": 0.5, \"memory\": 0.25}}\n");
        Files.writeString(d.resolve("instance_events.json"),
                inst(0, 0, 5, 0) + inst(0, 3, 5, 0)               // submitted and scheduled "before the trace"
                + inst(1_000_000, 3, 6, 0)                        // scheduled, its SUBMIT not in the excerpt
                + inst(2_000_000, 0, 7, 0) + inst(4_500_000, 3, 7, 0) // known: 2.5 s
                + inst(9_000_000, 6, 5, 0) + inst(9_000_000, 6, 6, 0) + inst(9_000_000, 6, 7, 0));
        TraceFidelity f = new TraceFidelity();
        try (TraceReader r = TraceFormat.GOOGLE2019.open(d, TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) f.accept(rec);
        }
        assertEquals(1, f.delayMicros().count());
        assertEquals(2_500_000L, f.delayMicros().max());
        assertEquals(2, f.delayCensored());
    }

    private static String inst(long t, int type, long coll, int idx) {
        return "{\"time\": " + t + ", \"type\": " + type + ", \"collection_id\": " + coll + ", \"scheduling_class\": 1, \"missing_type\": null, "
                + "\"collection_type\": 0, \"priority\": 200, \"alloc_collection_id\": 0, \"instance_index\": " + idx
                + ", \"machine_id\": " + (type == 3 ? "1" : "null") + ", \"alloc_instance_index\": -1, "
                + "\"resource_request\": {\"cpus\": 0.125, \"memory\": 0.0625}, \"constraint\": []}\n";
    }

    @Test
    void aWindowCensorsAttemptsSubmittedBeforeItsStart() throws IOException {
        long start = 650_000_000L;
        Path dir = RealTraces.of("google2011");
        TraceFidelity f = read(dir, TraceOptions.defaults().withWindow(start, Long.MAX_VALUE));
        assertMatches(oracle(dir.resolve("task_events"), start), f);
    }

    @Test
    void alibabaRecordsNoSubmitTimeSoItsDelaysAreNotRecordedRatherThanCensored() {
        TraceFidelity f = new TraceFidelity();
        try (TraceReader r = TraceFormat.ALIBABA2018.open(RealTraces.of("alibaba2018"), TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) f.accept(rec);
        }
        assertEquals(0, f.delayMicros().count());
        assertEquals(0, f.delayCensored());
        assertTrue(f.delayNotRecorded() > 0);
    }
}
