package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/**
 * The example of the DRF paper (Ghodsi et al., NSDI 2011, §4): a system of 9 CPUs and 18 GB;
 * user A's tasks need <1 CPU, 4 GB>, user B's <3 CPUs, 1 GB>. DRF gives A three tasks and B two,
 * and both end with a dominant share of 2/3. Here it runs through the real master and offer
 * cycle, with frameworks that take one task per offer (progressive filling, one task at a time).
 */
class DrfGoldenTest {

    @Test
    void paperExampleThroughTheRealOfferCycle() {
        TaskSpec a = TaskSpec.simulated("t", 10, Resources.of(1000, 4096), SimProfile.fixed(3_600_000_000L, 0));
        TaskSpec b = TaskSpec.simulated("t", 10, Resources.of(3000, 1024), SimProfile.fixed(3_600_000_000L, 0));
        ListWorkload w = new ListWorkload(List.of(
                new WorkloadEvent.JobArrival(0, new JobSpec("ja", "A", JobKind.BATCH, 0, List.of(a), 0)),
                new WorkloadEvent.JobArrival(0, new JobSpec("jb", "B", JobKind.BATCH, 0, List.of(b), 0))));
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(1, Resources.of(9000, 18432), Map.of())), 1)
                .withTimeLimits(0, 60_000_000L);
        OfferAllocator drf = (OfferAllocator) PolicyRegistry.load().create("drf:tasks-per-offer=1,refuse=0");
        Simulation sim = new Simulation(cfg, w, drf, new MetricsRecorder(TaskRowSink.NONE), List.of());
        Simulation.Result r = sim.run();

        int runningA = 0, runningB = 0;
        for (Task t : r.master().liveTasks()) {
            if (t.state() != TaskState.RUNNING) continue;
            if (t.role().equals("A")) runningA++;
            else runningB++;
        }
        assertEquals(3, runningA, "tasks for A");
        assertEquals(2, runningB, "tasks for B");
        assertEquals(2.0 / 3, drf.roleSorter().share("A"), 1e-9, "A's dominant share (memory)");
        assertEquals(2.0 / 3, drf.roleSorter().share("B"), 1e-9, "B's dominant share (cpu)");
    }
}
