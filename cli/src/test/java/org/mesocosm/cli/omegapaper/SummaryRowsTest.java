package org.mesocosm.cli.omegapaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.reports.omega.SchedulerRow;

/** summary.json to rows: the lane's own entry, conflict fraction from omega's counters, and n/a (NaN) for anything absent. */
class SummaryRowsTest {
    static final Map<JobClass, Long> TOTAL = Map.of(JobClass.BATCH, 100L, JobClass.SERVICE, 10L);

    /** A scheduler entry whose jobs are all of class {@code kind}. */
    static Map<String, Object> lane(double busy, String kind, double meanWait, long fullN, long abandoned) {
        String other = kind.equals("batch") ? "service" : "batch";
        Map<String, Object> none = Map.of("n", 0); // JSON: {"mean": null, "p90": null, "n": 0}
        return Map.of("busyness", busy, "busyness_wasted", busy / 4,
                "job_wait_first_s_by_kind", Map.of(kind, Map.of("mean", meanWait, "p90", 2 * meanWait, "n", fullN), other, none),
                "job_wait_full_s_by_kind", Map.of(kind, Map.of("mean", meanWait + 1, "p90", 9.0, "n", fullN), other, none),
                "jobs_abandoned", abandoned);
    }

    @Test
    void omegaLanesAndTheirConflictFraction() {
        Map<String, Object> s = Map.of("schedulers", Map.of("omega/service", lane(0.5, "service", 3, 8, 1), "batch", lane(0.1, "batch", 0.2, 90, 0)),
                "policy_metrics", Map.of("mesocosm_omega_service_transactions_total", 40, "mesocosm_omega_service_conflicts_total", 10,
                        "mesocosm_omega_batch_transactions_total", 0, "mesocosm_omega_batch_conflicts_total", 0));
        List<SchedulerRow> rows = SummaryRows.rows(Architecture.OMEGA, 10, 7, s, TOTAL);
        SchedulerRow batch = rows.get(0), service = rows.get(1);
        assertEquals("batch", batch.scheduler());
        assertEquals(0.1, batch.busyness());
        assertTrue(Double.isNaN(batch.conflictFraction()), "no transaction: n/a, not 0");
        assertEquals(0.10, batch.unscheduledOrAbandonedFraction(), 1e-12);
        assertEquals("service", service.scheduler());
        assertEquals(0.25, service.conflictFraction(), 1e-12);
        assertEquals(3.0, service.waitFirstMeanS());
        assertEquals(1.0, service.jobsAbandoned());
    }

    @Test
    void aBuildWithoutLaneEntriesGivesNaNNotZero() {
        Map<String, Object> s = Map.of("schedulers", Map.of());
        for (SchedulerRow r : SummaryRows.rows(Architecture.MESOS, 1, 1, s, TOTAL)) {
            assertTrue(Double.isNaN(r.busyness()) && Double.isNaN(r.waitFirstMeanS()) && Double.isNaN(r.jobsAbandoned()), r.toString());
            assertTrue(Double.isNaN(r.conflictFraction()) && Double.isNaN(r.unscheduledOrAbandonedFraction()), r.toString());
        }
    }

    @Test
    void monoSplitsWaitsByKindAndAbandonedOnlyWhenNoneWas() {
        Map<String, Object> mono = new java.util.HashMap<>(lane(0.9, "batch", 0, 0, 2));
        mono.put("job_wait_first_s_by_kind", Map.of("batch", Map.of("mean", 50.0, "p90", 80.0, "n", 60), "service", Map.of("n", 0)));
        mono.put("job_wait_full_s_by_kind", Map.of("batch", Map.of("mean", 55.0, "p90", 90.0, "n", 60), "service", Map.of("n", 0)));
        List<SchedulerRow> rows = SummaryRows.rows(Architecture.MONO_SINGLE, 1, 1, Map.of("schedulers", Map.of("mono", mono)), TOTAL);
        assertEquals(50.0, rows.get(0).waitFirstMeanS());
        assertEquals(0.9, rows.get(1).busyness(), "one scheduler: both rows carry its busyness");
        assertTrue(Double.isNaN(rows.get(1).waitFirstMeanS()), "no service job placed: n/a");
        assertTrue(Double.isNaN(rows.get(0).jobsAbandoned()), "mono does not say which class its 2 abandoned jobs were");
        assertEquals(0.4, rows.get(0).unscheduledOrAbandonedFraction(), 1e-12);
        assertEquals(1.0, rows.get(1).unscheduledOrAbandonedFraction(), 1e-12);
    }

    @Test
    void mesosWaitsAreTheClassJobsOfEveryLaneTogether() {
        Map<String, Object> alloc = new java.util.HashMap<>(lane(0.01, "batch", 7, 40, 0));
        alloc.put("job_wait_first_s_by_kind", Map.of("batch", Map.of("mean", 7.0, "p90", 9.0, "n", 40), "service", Map.of("mean", 3.0, "p90", 4.0, "n", 8)));
        alloc.put("job_wait_full_s_by_kind", Map.of("batch", Map.of("mean", 8.0, "p90", 9.0, "n", 30), "service", Map.of("mean", 5.0, "p90", 6.0, "n", 8)));
        Map<String, Object> marathon = lane(0.7, "service", 100, 1, 1);
        Map<String, Object> jobs = lane(0.2, "batch", 17, 10, 0);
        List<SchedulerRow> rows = SummaryRows.rows(Architecture.MESOS, 10, 1,
                Map.of("schedulers", Map.of("allocator", alloc, "marathon", marathon, "jobs", jobs)), TOTAL);
        SchedulerRow batch = rows.get(0), service = rows.get(1);
        assertEquals(0.2, batch.busyness(), "busyness is the framework's own");
        assertEquals((7.0 * 40 + 17 * 10) / 50, batch.waitFirstMeanS(), 1e-12, "weighted by each lane's n");
        assertTrue(Double.isNaN(batch.waitFirstP90S()), "split over two lanes: no p90");
        assertEquals(0.6, batch.unscheduledOrAbandonedFraction(), 1e-12, "30 + 10 of 100 fully placed");
        assertEquals(0.0, batch.jobsAbandoned(), "marathon's abandoned job is a service job");
        assertEquals(0.7, service.busyness());
        assertEquals((3.0 * 8 + 100) / 9, service.waitFirstMeanS(), 1e-12);
        assertEquals(1.0, service.jobsAbandoned());
        assertTrue(Double.isNaN(service.conflictFraction()));
    }

    /** A job's wait split over mesos's lanes: the class's waits are the run's (top level), with its p90; the lanes' parts are not summed. */
    @Test
    void theRunsWaitsByKindWinOverTheLanesParts() {
        Map<String, Object> alloc = new java.util.HashMap<>(lane(0.01, "batch", 0.6, 40, 0));
        Map<String, Object> jobs = lane(0.2, "batch", 0.9, 40, 0);
        Map<String, Object> s = new java.util.HashMap<>();
        s.put("schedulers", Map.of("allocator", alloc, "marathon", lane(0.7, "service", 100, 1, 0), "jobs", jobs));
        s.put("job_wait_first_s_by_kind", Map.of("batch", Map.of("mean", 1.5, "p90", 2.5, "n", 40), "service", Map.of("mean", 100.0, "p90", 100.0, "n", 1)));
        s.put("job_wait_full_s_by_kind", Map.of("batch", Map.of("mean", 2.0, "p90", 3.0, "n", 40), "service", Map.of("n", 0)));
        List<SchedulerRow> rows = SummaryRows.rows(Architecture.MESOS, 10, 1, s, TOTAL);
        SchedulerRow batch = rows.get(0), service = rows.get(1);
        assertEquals(1.5, batch.waitFirstMeanS(), 1e-12, "the run's mean, not 0.6 and 0.9 weighted");
        assertEquals(2.5, batch.waitFirstP90S(), 1e-12);
        assertEquals(2.0, batch.waitFullMeanS(), 1e-12);
        assertEquals(0.6, batch.unscheduledOrAbandonedFraction(), 1e-12, "40 of 100 fully placed, not 80");
        assertTrue(Double.isNaN(service.waitFullMeanS()), "no service job fully placed: n/a, not 0");
    }
}
