package org.mesocosm.policies.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.policy.PolicyRegistry;

/** On the offer path (drf), a task left pending after offer rounds says why, from the master's state. */
class DrfPendingReasonTest {

    @Test
    void aTaskNoOfferFitsSaysWhichResourceIsShort() {
        PolicyMetricsTest.Driver d = new PolicyMetricsTest.Driver(PolicyRegistry.load().create("drf:interval=50ms"));
        d.master.handle(d.now, new Input.AgentAdded("a1", Resources.of(2000, 4096), Map.of("zone", "a")));
        d.master.handle(d.now, new Input.AgentAdded("a2", Resources.of(2000, 4096), Map.of("zone", "a")));
        d.master.handle(d.now, new Input.JobSubmitted(new JobSpec("fill", "r", JobKind.SERVICE, 0,
                List.of(TaskSpec.simulated("w", 2, Resources.of(1500, 512), SimProfile.FOREVER)), 3)));
        d.master.handle(d.now, new Input.JobSubmitted(new JobSpec("big", "r", JobKind.SERVICE, 0,
                List.of(TaskSpec.simulated("w", 1, Resources.of(1000, 512), SimProfile.FOREVER)), 3)));
        d.master.handle(d.now, new Input.JobSubmitted(new JobSpec("zoned", "r", JobKind.SERVICE, 0,
                List.of(TaskSpec.simulated("w", 1, Resources.of(100, 64), SimProfile.FOREVER).withNodeSelector(Map.of("zone", "b"))), 3)));
        d.advance(2_000_000); // many offer rounds
        assertEquals(2, d.launches, "the two fill tasks run");
        Task fill = d.master.task("fill.w.0.0"), big = d.master.task("big.w.0.0"), zoned = d.master.task("zoned.w.0.0");
        assertEquals(TaskState.STAGING, fill.state());
        assertNull(d.master.whyPending(fill));
        assertEquals(TaskState.PENDING, big.state());
        assertEquals("0/2 agents fit: insufficient cpu (needs 1, largest free 0.5)", d.master.whyPending(big));
        assertEquals("0/2 agents match node_selector zone=b", d.master.whyPending(zoned));
    }
}
