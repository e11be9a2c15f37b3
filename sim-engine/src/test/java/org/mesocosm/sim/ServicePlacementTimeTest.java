package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;

/**
 * Issue 16 §2: 300 service instances of 0.2 cores on 300 empty 32-core nodes. The service scheduler
 * launches at most one instance of a job per offer, so the allocator must keep offering agents while
 * the framework still has instances to place; a round that stopped once the whole agents it offered
 * added up to the pending cpu placed two instances a round (150 s under drf against 1 s under k8s).
 */
class ServicePlacementTimeTest {

    static long lastPlacementMicros(String policy, int jobs, int instancesPerJob) {
        List<WorkloadEvent> events = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            TaskSpec t = TaskSpec.simulated("t", instancesPerJob, Resources.of(200, 512), SimProfile.FOREVER);
            events.add(new WorkloadEvent.JobArrival(0, new JobSpec("svc" + j, "web", JobKind.SERVICE, 0, List.of(t), 0)));
        }
        long until = 300 * OfferScenario.SECOND;
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(300, Resources.of(32_000, 131_072), Map.of())), 1)
                .withTimeLimits(until, until);
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), PolicyRegistry.load().create(policy),
                new MetricsRecorder(TaskRowSink.NONE), List.of()).run();
        long last = 0;
        int placed = 0;
        for (Task t : r.master().liveTasks()) {
            if (!t.state().isActive()) continue;
            placed++;
            last = Math.max(last, t.placedAt());
        }
        assertEquals(jobs * instancesPerJob, placed, policy + ": every instance placed");
        return last;
    }

    @Test
    void oneServiceOf300InstancesIsPlacedInTheFirstRound() {
        long drf = lastPlacementMicros("drf", 1, 300);
        long k8s = lastPlacementMicros("k8s", 1, 300);
        System.out.printf("300 instances x 0.2 cores on 300 nodes: last placement drf %.3f s, k8s %.3f s%n", drf / 1e6, k8s / 1e6);
        assertTrue(drf <= 2 * OfferScenario.SECOND, "drf placed the last instance at " + drf / 1e6 + " s");
    }

    @Test
    void threeHundredOneInstanceServicesArePlacedInTheFirstRound() {
        long drf = lastPlacementMicros("drf", 300, 1);
        System.out.printf("300 services of 1 instance x 0.2 cores on 300 nodes: last placement drf %.3f s%n", drf / 1e6);
        assertTrue(drf <= 2 * OfferScenario.SECOND, "drf placed the last instance at " + drf / 1e6 + " s");
    }
}
