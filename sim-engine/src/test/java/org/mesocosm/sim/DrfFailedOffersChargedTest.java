package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.JobOutcome;
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
 * Issue 17: a drf offer that the framework declines because nothing it tried fits is a decision
 * that costs time, and an attempt at each job it tried. One machine (32 cores, 64 GB) runs "hog"
 * (30 cores, 1 GB) for ever; "fat" (1 core, 64 GB) and "wide" (4 cores, 1 GB) then wait: the
 * leftover (2 cores, 63 GB) covers their smallest demand on every dimension, so drf keeps offering
 * it, and the framework keeps trying both and declining. Under max-attempts=3 both are abandoned.
 */
class DrfFailedOffersChargedTest {
    private static final long MS = 1_000;

    private static JobSpec job(String id, int cpuMillis, int memMb, SimProfile profile) {
        return new JobSpec(id, "r", JobKind.BATCH, 0, List.of(TaskSpec.simulated("t", 1, Resources.of(cpuMillis, memMb), profile)), 0);
    }

    @Test
    void declinedOffersAreAttemptsThatCostTime() {
        List<WorkloadEvent> events = List.of(new WorkloadEvent.JobArrival(0, job("hog", 30_000, 1_024, SimProfile.FOREVER)),
                new WorkloadEvent.JobArrival(10_000 * MS, job("fat", 1_000, 65_536, SimProfile.fixed(60_000 * MS, 0))),
                new WorkloadEvent.JobArrival(10_000 * MS, job("wide", 4_000, 1_024, SimProfile.fixed(60_000 * MS, 0))));
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(1, Resources.of(32_000, 65_536), Map.of())), 1)
                .withTimeLimits(0, 3_600_000 * MS);
        DecisionTime dt = new DecisionTime(DecisionTime.Mode.MODEL, 10 * MS, 1 * MS, 0, 3);
        TimedScheduler drf = new TimedScheduler(PolicyRegistry.load().create("drf"), dt);
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), drf, new MetricsRecorder(TaskRowSink.NONE), List.of(), drf).run();
        Map<String, Object> s = drf.summary(r.endMicros());
        assertEquals(JobOutcome.KILLED, r.master().jobOutcome("fat"), s.toString());
        assertEquals(JobOutcome.KILLED, r.master().jobOutcome("wide"));
        assertEquals(2L, s.get("jobs_abandoned"));
        assertTrue((double) s.get("busyness_wasted") > 0, "the declined rounds are wasted time: " + s);
        assertTrue((long) s.get("decisions") >= 4, "hog's round and at least three declined ones: " + s);
    }
}
