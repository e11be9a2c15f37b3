package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.sim.decision.TimedScheduler;

/**
 * Why {@link MesosHoardingTest}'s curve is not monotone below 10 s (issue 17 follow-up): the batch
 * wait at marathon t_job 0.1 s and 1 s over many seeds, split where it is spent (the allocator's
 * lane: waiting for an offer round and the round's decision; the jobs framework's: its decision),
 * with the allocation rounds run. An analysis, not a check: it runs only when asked, e.g.
 * {@code mvn -pl sim-engine -am test -Dtest=MesosHoardingSeedsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmesocosm.hoarding.seeds=20}.
 */
class MesosHoardingSeedsTest {
    private static final long S = 1_000_000L;

    private record Point(double taskWait, double allocShare, double jobsShare, long rounds, double allocBusy) {}

    @SuppressWarnings("unchecked")
    private static double mean(Map<String, Object> lane) {
        Object m = ((Map<String, Object>) lane.get("job_wait_first_s")).get("mean");
        return m == null ? Double.NaN : (double) m;
    }

    private static Point run(String marathonTJob, long seed) {
        MesosHoardingTest.HoardingRun h = MesosHoardingTest.run(marathonTJob, seed);
        TimedScheduler timed = h.timed();
        Simulation.Result r = h.result();
        Map<String, Map<String, Object>> lanes = timed.schedulers(r.endMicros());
        long rounds = 0;
        for (var m : timed.metrics()) if (m.name().equals("mesocosm_offer_rounds_total")) rounds = m.value();
        return new Point(h.batchWait(), mean(lanes.get("allocator")), mean(lanes.get("jobs")), rounds,
                (double) lanes.get("allocator").get("busyness"));
    }

    private static String ci(double[] x) {
        return MesosHoardingTest.meanCi(x, "%.3f");
    }

    @Test
    void batchWaitBelowTenSecondsOverManySeeds() {
        int seeds = Integer.getInteger("mesocosm.hoarding.seeds", 0);
        assumeTrue(seeds >= 2, "an analysis: run with -Dmesocosm.hoarding.seeds=N");
        String[] tJobs = {"100ms", "1s"};
        double[][] task = new double[2][seeds], alloc = new double[2][seeds], jobs = new double[2][seeds], rounds = new double[2][seeds];
        double[][] busy = new double[2][seeds];
        double[] diff = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            for (int i = 0; i < 2; i++) {
                Point p = run(tJobs[i], k + 1);
                task[i][k] = p.taskWait();
                alloc[i][k] = p.allocShare();
                jobs[i][k] = p.jobsShare();
                rounds[i][k] = p.rounds();
                busy[i][k] = p.allocBusy();
            }
            diff[k] = task[0][k] - task[1][k];
        }
        StringBuilder b = new StringBuilder("MesosHoardingSeedsTest: n = " + seeds + " seeds (95% CI: t for n = 20, else normal)\n");
        for (int i = 0; i < 2; i++) {
            b.append("  marathon t_job ").append(tJobs[i]).append(": batch task wait ").append(ci(task[i])).append(" s; batch job wait on the allocator's lane ")
                    .append(ci(alloc[i])).append(" s, on the jobs lane ").append(ci(jobs[i])).append(" s; offer rounds ").append(ci(rounds[i]))
                    .append("; allocator busyness ").append(ci(busy[i])).append('\n');
        }
        b.append("  paired difference (0.1 s minus 1 s), batch task wait: ").append(ci(diff)).append(" s\n");
        System.out.println(b);
        for (int k = 0; k < seeds; k++) assertTrue(task[0][k] > 0 && task[1][k] > 0, b.toString());
    }
}
