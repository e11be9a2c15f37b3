package org.mesocosm.policies.borg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.policies.k8s.PodHarness;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/** Whole scheduling runs of the borg policy whose outcome is known by hand. */
class BorgScenarioTest {

    @Test
    void productionEvictsBestEffortAndTheVictimIsRequeued() {
        PodHarness h = new PodHarness("borg:reclaim=false");
        h.node("m", 4000, 8192);
        List<Task> free = h.submit(JobKind.SERVICE, 0, PodHarness.pods("free", 2, 2000, 2048));
        assertTrue(free.stream().allMatch(t -> t.agent() != null), "best effort fills the machine");
        Task prod = h.submit(JobKind.SERVICE, 200, PodHarness.pods("prod", 1, 2000, 2048)).get(0);
        assertEquals(1, h.pendingKills().size(), "exactly one best-effort task makes room");
        Task victim = h.master.task(h.pendingKills().get(0).taskId());
        assertEquals(0, victim.priority());
        h.carryOutKills();
        h.advance(2_000_000);
        assertEquals(TaskState.KILLED, victim.state());
        assertEquals(Task.PREEMPTED, victim.endReason());
        assertEquals("m", prod.agent().id());
        // a service instance is relaunched after preemption: its next attempt waits for room
        Task again = h.tasks().stream().filter(t -> t.jobId().equals(victim.jobId()) && t.instance() == victim.instance()
                && t.attempt() == victim.attempt() + 1).findFirst().orElseThrow();
        assertEquals(TaskState.PENDING, again.state());
        assertNull(again.agent());
    }

    @Test
    void noPreemptionWithinABandOrUpward() {
        PodHarness h = new PodHarness("borg:reclaim=false");
        h.node("m", 4000, 8192);
        h.submit(JobKind.SERVICE, 100, PodHarness.pods("batch-low", 1, 2000, 2048));
        h.submit(JobKind.SERVICE, 200, PodHarness.pods("prod", 1, 2000, 2048));
        Task batchHigh = h.submit(JobKind.SERVICE, 199, PodHarness.pods("batch-high", 1, 2000, 2048)).get(0);
        Task free = h.submit(JobKind.SERVICE, 0, PodHarness.pods("free", 1, 1000, 1024)).get(0);
        assertTrue(h.pendingKills().isEmpty(), "batch 199 may not evict batch 100, nor anyone production");
        assertNull(batchHigh.agent());
        assertNull(free.agent());
    }

    @Test
    void bestEffortRunsOnReclaimedResourcesAndIsEvictedForProduction() {
        PodHarness h = new PodHarness("borg:reclaim-after=60s,overcommit=100%");
        h.node("m", 4000, 8192);
        Task prod = h.submit(JobKind.SERVICE, 200, PodHarness.pods("prod", 1, 4000, 4096).withUsage(Resources.of(1000, 1024))).get(0);
        Task early = h.submit(JobKind.SERVICE, 0, PodHarness.pods("free-early", 1, 2000, 2048)).get(0);
        assertNull(early.agent(), "before the estimate settles, the production task holds its whole request");
        h.advance(61_000_000); // the reservation drops to usage + 10%: 1100m, 1127 MiB
        h.advance(11_000_000); // the waiting pod's backoff runs out
        assertNotNull(early.agent(), "best effort placed on reclaimed cpu");
        assertTrue(early.isReclaimed());
        assertEquals(Resources.of(4000, 4096), h.master.cluster().agent("m").allocated(), "the hard account holds production only");
        assertEquals(Resources.of(2000, 2048), h.master.cluster().agent("m").reclaimed());
        Task batch = h.submit(JobKind.SERVICE, 100, PodHarness.pods("batch", 1, 2000, 1024)).get(0);
        assertNull(batch.agent(), "batch does not run on reclaimed resources");
        assertTrue(h.pendingKills().isEmpty(), "and evicting best effort would not free guaranteed room, so nothing is evicted");
        // a second production task on a new machine does not need the best-effort one gone
        h.node("m2", 4000, 8192);
        h.advance(11_000_000);
        assertEquals("m2", batch.agent().id());
        assertFalse(early.isKillRequested());
        assertNotNull(prod.agent());
    }

    @Test
    void withoutReclamationBestEffortWaits() {
        PodHarness h = new PodHarness("borg:reclaim=false");
        h.node("m", 4000, 8192);
        h.submit(JobKind.SERVICE, 200, PodHarness.pods("prod", 1, 4000, 4096).withUsage(Resources.of(1000, 1024)));
        Task free = h.submit(JobKind.SERVICE, 0, PodHarness.pods("free", 1, 2000, 2048)).get(0);
        h.advance(120_000_000);
        assertNull(free.agent());
        assertEquals(0, h.scheduler.overcommitPercent());
    }
}
