package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.PolicyMetric;
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
 * Issue 17 §2, the Omega paper's shared-state finding (§4-5) on a busy cell: a batch job about
 * every second (10 tasks of one core for about 21 s) and a small service job about every minute,
 * on 20 machines of 16 cores (about 75-80% allocated). As the service scheduler's t_job grows, more
 * batch commits land on the machines a service decision claimed while it was deciding, so its
 * conflict fraction rises; the batch scheduler decides in parallel, so batch jobs wait about as
 * long whatever the service t_job. Three seeds each (workload jitter, machine choice); the numbers
 * are printed.
 */
class OmegaConflictFractionTest {
    private static final long S = 1_000_000;

    record Point(double conflictFraction, double batchWaitMean, long serviceTransactions) {}

    static List<WorkloadEvent> workload(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<WorkloadEvent> events = new ArrayList<>();
        long t = 0;
        for (int i = 0; t < 1_200 * S; i++) {
            t += S / 2 + r.nextLong(S); // mean 1 s
            if (i % 60 == 0) {
                events.add(new WorkloadEvent.JobArrival(t, new JobSpec("svc" + i, "web", JobKind.SERVICE, 0,
                        List.of(TaskSpec.simulated("t", 1 + r.nextInt(3), Resources.of(1_000, 1_024), SimProfile.FOREVER)), 0)));
            }
            long duration = 12 * S + r.nextLong(18 * S);
            events.add(new WorkloadEvent.JobArrival(t, new JobSpec("b" + i, "batch", JobKind.BATCH, 0,
                    List.of(TaskSpec.simulated("t", 10, Resources.of(1_000, 1_024), SimProfile.fixed(duration, 0))), 0)));
        }
        return events;
    }

    static Point run(long seed, long serviceTJobMicros, String extra) {
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(20, Resources.of(16_000, 65_536), Map.of())), seed)
                .withTimeLimits(0, 1_200 * S);
        String spec = "omega:seed=" + seed + ",service:t_job=" + serviceTJobMicros / 1000 + "ms,batch:t_job=100ms" + extra;
        TimedScheduler omega = new TimedScheduler(PolicyRegistry.load().create(spec), DecisionTime.model(100_000, 5_000));
        Simulation.Result r = new Simulation(cfg, new ListWorkload(workload(seed)), omega, new MetricsRecorder(TaskRowSink.NONE), List.of(), omega).run();
        Map<String, Long> m = new HashMap<>();
        for (PolicyMetric pm : omega.metrics()) m.put(pm.name(), pm.value());
        long tx = m.get("mesocosm_omega_service_transactions_total");
        double fraction = tx == 0 ? Double.NaN : (double) m.get("mesocosm_omega_service_conflicts_total") / tx;
        @SuppressWarnings("unchecked")
        Map<String, Object> batch = (Map<String, Object>) omega.schedulers(r.endMicros()).get("batch").get("job_wait_full_s");
        return new Point(fraction, (double) batch.get("mean"), tx);
    }

    /** Mean and 95% t-interval half-width over the seeds (n = 3: t = 4.303). */
    static String ci(double[] xs) {
        double mean = 0;
        for (double x : xs) mean += x / xs.length;
        double var = 0;
        for (double x : xs) var += (x - mean) * (x - mean) / (xs.length - 1);
        double half = 4.303 * Math.sqrt(var / xs.length);
        return String.format("%.4f ± %.4f (n=%d)", mean, half, xs.length);
    }

    static double[][] sweep(long tJob, String extra) {
        double[] conflict = new double[3];
        double[] wait = new double[3];
        for (int s = 0; s < 3; s++) {
            Point p = run(s + 1, tJob, extra);
            conflict[s] = p.conflictFraction();
            wait[s] = p.batchWaitMean();
        }
        System.out.printf("omega%s service t_job %6.1f s: service conflict fraction %s, batch wait mean s %s%n",
                extra, tJob / 1e6, ci(conflict), ci(wait));
        return new double[][] {conflict, wait};
    }

    static double mean(double[] xs) {
        double m = 0;
        for (double x : xs) m += x / xs.length;
        return m;
    }

    @Test
    void conflictFractionRisesWithServiceTJobWhileBatchWaitStaysFlat() {
        double[][] fast = sweep(100_000, "");
        double[][] slow = sweep(10_000_000, "");
        for (int s = 0; s < 3; s++) {
            assertTrue(slow[0][s] > fast[0][s], "seed " + (s + 1) + ": conflict fraction " + fast[0][s] + " at 0.1 s, " + slow[0][s] + " at 10 s");
        }
        assertTrue(mean(slow[0]) > 0.05 && mean(slow[0]) > 3 * mean(fast[0]) + 0.02,
                "conflict fraction " + mean(fast[0]) + " at 0.1 s -> " + mean(slow[0]) + " at 10 s");
        assertTrue(mean(slow[1]) < 1.5 * mean(fast[1]) + 0.05, "batch wait " + mean(fast[1]) + " s -> " + mean(slow[1]) + " s");
    }

    /**
     * The numbers for the report (not in the default build: 24 timed runs): service t_job 0.1, 1,
     * 10, 100 s for fine/incremental, coarse/incremental and fine/gang.
     * {@code mvn -pl sim-engine -am test -Dtest=OmegaConflictFractionTest -Dmesocosm.omega.sweep=true}
     */
    @Test
    void sweepForTheReport() {
        assumeTrue(Boolean.getBoolean("mesocosm.omega.sweep"), "set -Dmesocosm.omega.sweep=true for the full sweep");
        for (String extra : List.of("", ",conflicts=coarse", ",commit=gang")) {
            double[][] first = null;
            double[][] last = null;
            for (long tJob : new long[] {100_000, 1_000_000, 10_000_000, 100_000_000}) {
                last = sweep(tJob, extra);
                if (first == null) first = last;
            }
            assertTrue(mean(last[0]) > mean(first[0]), "omega" + extra + ": conflict fraction " + mean(first[0]) + " -> " + mean(last[0]));
        }
    }
}
