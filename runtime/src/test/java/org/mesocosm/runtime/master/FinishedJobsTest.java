package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FinishedJobsTest {
    @Test
    void answersOutcomesOfCounterAndPlainIds() {
        FinishedJobs f = new FinishedJobs();
        f.add("g0000001", JobOutcome.SUCCEEDED);
        f.add("g0000512", JobOutcome.FAILED);
        f.add("nightly@3", JobOutcome.KILLED);
        f.add("web", JobOutcome.KILLED);
        assertEquals(JobOutcome.SUCCEEDED, f.outcome("g0000001"));
        assertEquals(JobOutcome.FAILED, f.outcome("g0000512"));
        assertEquals(JobOutcome.KILLED, f.outcome("nightly@3"));
        assertEquals(JobOutcome.KILLED, f.outcome("web"));
        assertNull(f.outcome("g0000002"), "a neighbour in the same page");
        assertNull(f.outcome("g1"), "same number, other width: another id");
        assertNull(f.outcome("g00000001"));
        assertNull(f.outcome("h0000001"));
        assertNull(f.outcome("nightly@30"));
        assertNull(f.outcome("webs"));
        assertEquals(4, f.size());
        assertEquals(2, f.count(JobOutcome.KILLED));
    }

    @Test
    void anIdEndsOnce() {
        FinishedJobs f = new FinishedJobs();
        f.add("job-7", JobOutcome.SUCCEEDED);
        assertThrows(IllegalStateException.class, () -> f.add("job-7", JobOutcome.FAILED));
    }

    @Test
    void idsWithTooManyDigitsStillWork() {
        FinishedJobs f = new FinishedJobs();
        f.add("t12345678901234567890", JobOutcome.FAILED);
        f.add("999999999999999999", JobOutcome.SUCCEEDED);
        assertEquals(JobOutcome.FAILED, f.outcome("t12345678901234567890"));
        assertEquals(JobOutcome.SUCCEEDED, f.outcome("999999999999999999"));
        assertFalse(f.contains("t12345678901234567891"));
    }

    /** Random ids (dense counters, sparse numbers, shared stems) against a plain map. */
    @Test
    void agreesWithAMapOnRandomIds() {
        for (long seed = 1; seed <= 50; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            FinishedJobs f = new FinishedJobs();
            Map<String, JobOutcome> want = new HashMap<>();
            String[] stems = {"g", "j", "job-", "c@", "x9y", ""};
            for (int i = 0; i < 2_000; i++) {
                String stem = stems[r.nextInt(stems.length)];
                long n = r.nextBoolean() ? r.nextInt(3_000) : r.nextLong(1L << 40);
                String id = r.nextInt(4) == 0 ? stem + String.format("%07d", n) : stem + n;
                if (id.isEmpty() || want.containsKey(id)) continue;
                JobOutcome o = JobOutcome.values()[r.nextInt(3)];
                f.add(id, o);
                want.put(id, o);
            }
            for (int i = 0; i < 5_000; i++) {
                String id = stems[r.nextInt(stems.length)] + r.nextInt(3_000);
                assertEquals(want.get(id), f.outcome(id), "seed " + seed + ", id " + id);
            }
            for (Map.Entry<String, JobOutcome> e : want.entrySet()) assertEquals(e.getValue(), f.outcome(e.getKey()), "seed " + seed);
            assertEquals(want.size(), f.size(), "seed " + seed);
            assertTrue(f.size() > 1_000, "seed " + seed);
        }
    }
}
