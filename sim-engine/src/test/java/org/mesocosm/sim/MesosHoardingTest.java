package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.decision.TimedScheduler;

/**
 * The Omega paper's finding about Mesos (§5.1): offers are pessimistic, so a slow framework hoards
 * what it was offered for its whole decision time, and the other frameworks wait. Here marathon
 * gets a steady stream of one-task jobs (it always has work) and jobs a stream of small batch jobs,
 * on a cluster about two thirds used; only marathon's t_job changes. The batch tasks' wait (ready ->
 * placed) must grow with it from 10 s on (see the numbers in the test).
 */
class MesosHoardingTest {
    private static final long S = 1_000_000L;

    /** Seed 0: arrivals on the second; other seeds move each arrival by up to a second (seeded). */
    static List<WorkloadEvent> workload(long seed) {
        SplittableRandom jitter = new SplittableRandom(seed);
        List<WorkloadEvent> ev = new ArrayList<>();
        for (long t = 0; t < 1200 * S; t += S) {
            long at = seed == 0 ? t : t + jitter.nextLong(S);
            if (t % (5 * S) == 0) {
                TaskSpec m = TaskSpec.simulated("m", 1, Resources.of(1000, 1024), SimProfile.fixed(60 * S, 0));
                ev.add(new WorkloadEvent.JobArrival(at, new JobSpec("m" + t / S, "svc", JobKind.BATCH, 0, List.of(m), 0, null, "marathon")));
            }
            if (t % (3 * S) == S) {
                TaskSpec b = TaskSpec.simulated("b", 2, Resources.of(1000, 1024), SimProfile.fixed(20 * S, 0));
                ev.add(new WorkloadEvent.JobArrival(at, new JobSpec("b" + t / S, "batch", JobKind.BATCH, 0, List.of(b), 0)));
            }
        }
        ev.sort(java.util.Comparator.comparingLong(WorkloadEvent::atMicros));
        return ev;
    }

    /** One run of the hoarding cell: the timed policy (its lanes), the result, and the batch tasks' mean wait (s) and count. */
    record HoardingRun(TimedScheduler timed, Simulation.Result result, double batchWait, int batchTasks) {}

    /** The hoarding cell run once with marathon deciding in {@code marathonTJob}. */
    static HoardingRun run(String marathonTJob, long seed) {
        String spec = "mesos:frameworks=marathon,jobs,marathon:t_job=" + marathonTJob + ",jobs:t_job=100ms";
        TimedScheduler timed = new TimedScheduler(PolicyRegistry.load().create(spec), DecisionTime.parse("model:job=100ms,task=5ms"));
        double[] sum = new double[1];
        int[] n = new int[1];
        MasterObserver waits = new MasterObserver() {
            @Override
            public void taskPlaced(long now, Task task) {
                if (!task.jobId().startsWith("b")) return;
                sum[0] += (now - task.readyAt()) / 1e6;
                n[0]++;
            }
        };
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(5, Resources.of(8000, 16_384), Map.of())), 1);
        Simulation.Result r = new Simulation(cfg, new ListWorkload(workload(seed)), timed, new MetricsRecorder(TaskRowSink.NONE), List.of(waits), timed).run();
        return new HoardingRun(timed, r, sum[0] / n[0], n[0]);
    }

    /** Mean wait of the batch tasks, in seconds, with marathon deciding in {@code marathonTJob}. */
    static double batchWait(String marathonTJob, long seed) {
        HoardingRun r = run(marathonTJob, seed);
        assertTrue(r.batchTasks() >= 700, "the batch tasks were placed: " + r.batchTasks());
        return r.batchWait();
    }

    @Test
    void aSlowFrameworkHoldingOffersDelaysTheOthers() {
        double fast = batchWait("100ms", 0), one = batchWait("1s", 0), slow = batchWait("10s", 0), slower = batchWait("100s", 0);
        String seen = "batch wait with marathon t_job 0.1 s: " + fast + " s, 1 s: " + one + " s, 10 s: " + slow + " s, 100 s: " + slower + " s";
        System.out.println(seen);
        // measured: 0.80, 0.65, 1.04, 36.4 s: below 10 s the batch wait is about the 1 s allocation interval
        // and not monotone (1 s lower than 0.1 s: more offer rounds run, see MesosHoardingSeedsTest and the
        // README's mesos paragraph); from 10 s on the hold dominates
        assertTrue(fast < slow && slow < slower, seen);
        assertTrue(one < slower && slower > 10 * fast, seen);
    }

    /** The same over three seeds of arrival jitter: mean and 95% t-interval (n = 3) per t_job; the 100 s wait is above the 0.1 s one on every seed. */
    @Test
    void overThreeSeeds() {
        StringBuilder b = new StringBuilder("batch wait s, mean [95% CI] over seeds 1-3, by marathon t_job:");
        double[][] w = new double[4][3];
        String[] tJobs = {"100ms", "1s", "10s", "100s"};
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 3; k++) w[i][k] = batchWait(tJobs[i], k + 1);
            b.append(String.format(java.util.Locale.ROOT, " %s: %s (%.2f, %.2f, %.2f);", tJobs[i], meanCi(w[i], "%.2f"), w[i][0], w[i][1], w[i][2]));
        }
        System.out.println(b);
        for (int k = 0; k < 3; k++) assertTrue(w[3][k] > w[0][k], "seed " + (k + 1) + ": " + b);
    }

    /** Mean and 95% Student-t interval over the seeds, as {@code mean [low, high]} in {@code format}. */
    static String meanCi(double[] x, String format) {
        double m = 0;
        for (double v : x) m += v / x.length;
        double var = 0;
        for (double v : x) var += (v - m) * (v - m) / (x.length - 1);
        double half = new org.apache.commons.math3.distribution.TDistribution(x.length - 1).inverseCumulativeProbability(0.975) * Math.sqrt(var / x.length);
        return String.format(java.util.Locale.ROOT, format + " [" + format + ", " + format + "]", m, m - half, m + half);
    }
}
