package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
 * Issue 17 §2, the Omega paper's monolithic finding on a service + batch stream (a batch job every
 * 2 s, a service job every 60 s, on a cluster with room for all): under single-path, every job
 * costs the service t_job, so batch jobs wait longer as it grows (at 2.5 s per job the scheduler
 * cannot keep up); under multi-path only service jobs cost it, and batch jobs wait only when a
 * service decision is ahead of them in the one queue.
 */
class MonoPathsTest {
    private static final long S = 1_000_000;

    static double batchWaitMean(String policy, long serviceTJob) {
        List<WorkloadEvent> events = new ArrayList<>();
        for (long t = 0, i = 0; t < 3_600 * S; t += 2 * S, i++) {
            if (i % 30 == 0) {
                events.add(new WorkloadEvent.JobArrival(t, new JobSpec("svc" + i, "web", JobKind.SERVICE, 200,
                        List.of(TaskSpec.simulated("t", 2, Resources.of(500, 1_024), SimProfile.FOREVER)), 0)));
            }
            events.add(new WorkloadEvent.JobArrival(t, new JobSpec("b" + i, "batch", JobKind.BATCH, 0,
                    List.of(TaskSpec.simulated("t", 4, Resources.of(1_000, 1_024), SimProfile.fixed(30 * S, 0))), 0)));
        }
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(50, Resources.of(32_000, 131_072), Map.of())), 1)
                .withTimeLimits(0, 6 * 3_600 * S);
        String spec = policy.replace("TJOB", serviceTJob / 1000 + "ms");
        TimedScheduler mono = new TimedScheduler(PolicyRegistry.load().create(spec), DecisionTime.model(serviceTJob, 5_000));
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), mono, new MetricsRecorder(TaskRowSink.NONE), List.of(), mono).run();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> byKind = (Map<String, Map<String, Object>>) mono.summary(r.endMicros()).get("job_wait_full_s_by_kind");
        Object mean = byKind.get("batch").get("mean");
        System.out.printf("%s, service t_job %.1f s: batch wait mean %s s (n=%s)%n", spec, serviceTJob / 1e6, mean, byKind.get("batch").get("n"));
        return (double) mean;
    }

    @Test
    void batchWaitGrowsWithServiceTJobUnderSinglePathOnly() {
        String single = "mono";
        String multi = "mono:paths=service:t_job=TJOB,batch:t_job=100ms";
        double singleFast = batchWaitMean(single, 100_000);
        double singleSlow = batchWaitMean(single, 2_500_000);
        double multiFast = batchWaitMean(multi, 100_000);
        double multiSlow = batchWaitMean(multi, 2_500_000);
        assertTrue(singleSlow > 10 * singleFast, "single-path: batch wait " + singleFast + " s -> " + singleSlow + " s");
        assertTrue(multiSlow < 3 * multiFast + 1.0, "multi-path: batch wait " + multiFast + " s -> " + multiSlow + " s");
        assertTrue(multiSlow * 10 < singleSlow, "at the slow service t_job, multi-path " + multiSlow + " s vs single-path " + singleSlow + " s");
    }
}
