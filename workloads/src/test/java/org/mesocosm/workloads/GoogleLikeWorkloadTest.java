package org.mesocosm.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;

/** The google-like generator: deterministic, streaming, and close to the 2011 figures it is calibrated to. */
class GoogleLikeWorkloadTest {

    private static JobSpec job(WorkloadEvent e) {
        return ((WorkloadEvent.JobArrival) e).job();
    }

    @Test
    void sameSeedSameJobsOtherSeedOtherJobs() {
        GoogleLikeWorkload a = GoogleLikeWorkload.fullCell(7), b = GoogleLikeWorkload.fullCell(7), c = GoogleLikeWorkload.fullCell(8);
        boolean differs = false;
        for (int i = 0; i < 5_000; i++) {
            WorkloadEvent x = a.next(), y = b.next(), z = c.next();
            assertEquals(x, y, "event " + i);
            differs |= !x.equals(z);
        }
        assertTrue(differs);
    }

    /** Statistics of one day of a full cell (12,500 machines) against the published figures. */
    @Test
    void oneDayOfAFullCellMatchesTheCalibration() {
        GoogleLikeWorkload w = new GoogleLikeWorkload(GoogleLikeSettings.fullCell().withDays(1), 42);
        long jobs = 0, batchJobs = 0, single = 0, tasks = 0, free = 0, prod = 0, last = 0;
        double serviceCpu = 0;
        for (WorkloadEvent e = w.next(); e != null; e = w.next()) {
            assertTrue(e.atMicros() >= last, "time order");
            last = e.atMicros();
            JobSpec j = job(e);
            jobs++;
            if (j.kind() == JobKind.SERVICE) {
                serviceCpu += (double) j.tasks().get(0).request().cpuMillis() * j.totalInstances();
                continue;
            }
            batchJobs++;
            tasks += j.totalInstances();
            if (j.totalInstances() == 1) single++;
            if (j.role().equals("best-effort")) free++;
            if (j.role().equals("production")) prod++;
            assertTrue(List.of("best-effort", "batch", "production").contains(j.role()), j.role());
        }
        assertTrue(last <= 86_400_000_000L);
        // 670,000 jobs in 29 days = 963 jobs/h; a full day averages the daily cycle out
        double perHour = batchJobs / 24.0;
        assertTrue(Math.abs(perHour - 963) < 963 * 0.05, "jobs/h " + perHour);
        // 25M tasks / 670k jobs = about 38 tasks per job (heavy tail: a wide band)
        double perJob = (double) tasks / batchJobs;
        assertTrue(perJob > 28 && perJob < 50, "tasks/job " + perJob);
        assertEquals(0.70, (double) single / batchJobs, 0.02);
        assertEquals(0.25, (double) free / batchJobs, 0.02);
        assertEquals(0.07, (double) prod / batchJobs, 0.015);
        // the standing services hold about 30% of the cell's CPU from the start
        List<NodeGroup> cell = ClusterShapes.uniform(12_500, ClusterShapes.DEFAULT_NODE);
        double cap = 0;
        for (NodeGroup g : cell) cap += (double) g.capacity().cpuMillis() * g.count();
        assertEquals(0.30, serviceCpu / cap, 0.03);
        assertEquals(jobs - batchJobs > 0, true);
    }

    /**
     * A whole month of a full cell (about 670,000 jobs and 25 million tasks) comes out one job at a
     * time: the generator keeps no job once handed out (it has no collection to keep them in).
     */
    @Test
    void aMonthOfAFullCellStreams() {
        GoogleLikeWorkload w = GoogleLikeWorkload.fullCell(1);
        long jobs = 0, last = 0;
        for (WorkloadEvent e = w.next(); e != null; e = w.next()) {
            jobs++;
            last = e.atMicros();
        }
        double days = last / 86_400e6;
        assertTrue(days > 28.9 && days <= 29, "days " + days);
        assertTrue(Math.abs(jobs - 670_000) < 670_000 * 0.05, "jobs " + jobs);
        assertTrue(w.tasks() > 20_000_000 && w.tasks() < 32_000_000, "tasks " + w.tasks());
        System.out.printf("google-like full cell: %,d jobs, %,d tasks over %.2f days%n", jobs, w.tasks(), days);
    }

    @Test
    void cellMachinesFollowTable1() {
        List<NodeGroup> g = GoogleCell.nodeGroups(12_583, new Resources(32_000, 131_072, 0, 0));
        int total = 0;
        for (NodeGroup n : g) total += n.count();
        assertEquals(12_583, total);
        assertEquals(6732, g.get(0).count());
        assertEquals(new Resources(16_000, 65_536, 0, 0), g.get(0).capacity());
        assertNotEquals(g.get(0).capacity(), g.get(1).capacity());
        List<NodeGroup> small = GoogleCell.nodeGroups(100, new Resources(32_000, 131_072, 0, 0));
        int t = 0;
        for (NodeGroup n : small) t += n.count();
        assertEquals(100, t);
    }
}
