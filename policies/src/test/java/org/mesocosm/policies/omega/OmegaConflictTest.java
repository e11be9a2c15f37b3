package org.mesocosm.policies.omega;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Hand-built conflicts between the service and the batch scheduler (Omega paper §3.4): both decide
 * on the same cell, the test chooses whose decision time ends first, and the second commit meets
 * the first one's changes.
 */
class OmegaConflictTest {
    private static final String SVC = "mesocosm_omega_service_";
    private static final String BATCH = "mesocosm_omega_batch_";

    private static HeldLanes omega(String params) {
        return new HeldLanes(PolicyRegistry.load().create("omega" + (params.isEmpty() ? "" : ":" + params)));
    }

    private static JobSpec job(String id, JobKind kind, int tasks, long cpu) {
        return new JobSpec(id, kind == JobKind.SERVICE ? "web" : "batch", kind, 0,
                List.of(TaskSpec.simulated("t", tasks, Resources.of(cpu, 256), SimProfile.FOREVER)), 0);
    }

    /** Both schedulers decide on one machine before either commits. */
    private static HeldLanes bothClaim(String params, long machineCpu, int serviceTasks, long taskCpu) {
        HeldLanes h = omega(params);
        h.input(new Input.AgentAdded("a", Resources.of(machineCpu, 65_536), Map.of()));
        h.input(new Input.JobSubmitted(job("svc", JobKind.SERVICE, serviceTasks, taskCpu)));
        h.input(new Input.JobSubmitted(job("bat", JobKind.BATCH, 1, taskCpu)));
        assertTrue(h.holds("service") && h.holds("batch"), "both schedulers hold a decision");
        assertEquals(0, h.launches, "nothing commits before the decision time has passed");
        String why = h.master.whyPending(h.task("svc.t.0.0"));
        assertTrue(why.contains("omega scheduler 'service': its job is being decided"), why);
        return h;
    }

    @Test
    void theLastSlotOfAMachineGoesToTheFirstCommitAndTheSecondConflicts() {
        for (String conflicts : List.of("fine", "coarse")) {
            HeldLanes h = bothClaim("conflicts=" + conflicts, 1_000, 1, 1_000);
            h.commit("batch");
            assertEquals(TaskState.STAGING, h.task("bat.t.0.0").state());
            h.commit("service");
            Task svc = h.task("svc.t.0.0");
            assertEquals(TaskState.PENDING, svc.state(), conflicts);
            assertEquals(1, h.metric(SVC + "transactions_total"), conflicts);
            assertEquals(1, h.metric(SVC + "conflicts_total"), conflicts);
            assertEquals(0, h.metric(BATCH + "conflicts_total"), conflicts);
            // the conflicted job went back to its queue and is being decided again on a fresh snapshot (no room: it waits)
            h.commit("service");
            assertEquals(2, h.metric(SVC + "attempts_total"));
            assertEquals(1, h.metric(SVC + "transactions_total"), "an attempt that found no room commits nothing");
            assertTrue(h.master.whyPending(svc).contains("no machine had room"), h.master.whyPending(svc));
        }
    }

    @Test
    void fineDetectionLetsBothClaimsOnAChangedMachineThroughCoarseFailsTheSecond() {
        HeldLanes fine = bothClaim("conflicts=fine", 2_000, 1, 1_000);
        fine.commit("batch");
        fine.commit("service");
        assertEquals(TaskState.STAGING, fine.task("svc.t.0.0").state(), "fine: the resources were still free");
        assertEquals(0, fine.metric(SVC + "conflicts_total"));

        HeldLanes coarse = bothClaim("conflicts=coarse", 2_000, 1, 1_000);
        coarse.commit("batch");
        coarse.commit("service");
        assertEquals(TaskState.PENDING, coarse.task("svc.t.0.0").state(), "coarse: the machine changed since the snapshot");
        assertEquals(1, coarse.metric(SVC + "conflicts_total"));
        assertTrue(coarse.master.whyPending(coarse.task("svc.t.0.0")).contains("conflicted"), coarse.master.whyPending(coarse.task("svc.t.0.0")));
        // retried from a fresh snapshot (which includes the batch task), it commits
        coarse.commit("service");
        assertEquals(TaskState.STAGING, coarse.task("svc.t.0.0").state());
        assertEquals(2, coarse.metric(SVC + "transactions_total"));
        assertEquals(1, coarse.metric(SVC + "conflicts_total"));
    }

    @Test
    void incrementalCommitsThePartThatFitsGangNothing() {
        // a 2,000m machine; the service job claims both 1,000m slots, the batch job one of them, batch commits first
        HeldLanes inc = bothClaim("commit=incremental", 2_000, 2, 1_000);
        inc.commit("batch");
        inc.commit("service");
        assertEquals(1, List.of(inc.task("svc.t.0.0"), inc.task("svc.t.1.0")).stream().filter(t -> t.state() == TaskState.STAGING).count());
        assertEquals(1, inc.metric(SVC + "claims_committed_total"));
        assertEquals(1, inc.metric(SVC + "claims_conflicted_total"));
        assertEquals(1, inc.metric(SVC + "conflicts_total"));
        assertEquals(Map.of("service", 1), inc.failedCommits, "the partly committed transaction failed: its decision time is wasted");

        HeldLanes gang = bothClaim("commit=gang", 2_000, 2, 1_000);
        gang.commit("batch");
        gang.commit("service");
        assertEquals(TaskState.PENDING, gang.task("svc.t.0.0").state());
        assertEquals(TaskState.PENDING, gang.task("svc.t.1.0").state());
        assertEquals(0, gang.metric(SVC + "claims_committed_total"), "all or nothing");
        assertEquals(1, gang.metric(SVC + "conflicts_total"));
    }

    @Test
    void aConflictedJobRetriesFromAFreshSnapshotAndSucceedsElsewhere() {
        HeldLanes h = bothClaim("", 1_000, 1, 1_000);
        h.commit("batch");
        h.input(new Input.AgentAdded("b", Resources.of(1_000, 65_536), Map.of())); // room appears while service still decides
        h.commit("service"); // conflicts on a; the retry decides on the cell as it is now, where b is free
        assertEquals(TaskState.PENDING, h.task("svc.t.0.0").state());
        assertTrue(h.holds("service"), "the retry is being decided");
        h.commit("service");
        Task svc = h.task("svc.t.0.0");
        assertEquals(TaskState.STAGING, svc.state());
        assertEquals("b", svc.agent().id());
        assertEquals(2, h.metric(SVC + "transactions_total"));
        assertEquals(1, h.metric(SVC + "conflicts_total"));
    }

    @Test
    void aTaskWithdrawnWhileItsClaimWasDecidedIsSkippedNotAConflict() {
        HeldLanes h = bothClaim("", 4_000, 1, 1_000);
        h.input(new Input.JobKillRequested("svc"));
        h.commit("service");
        assertEquals(1, h.metric(SVC + "transactions_total"));
        assertEquals(0, h.metric(SVC + "conflicts_total"));
        assertEquals(0, h.metric(SVC + "claims_committed_total"));
        assertEquals(0, h.launches);
        h.commit("batch");
        assertEquals(1, h.launches);
        assertFalse(h.holds("service"));
    }

    @Test
    void severalBatchSchedulersSplitJobsByHashOrInTurn() {
        HeldLanes rr = omega("schedulers=batch,batch-schedulers=3,split=round-robin");
        rr.input(new Input.AgentAdded("a", Resources.of(64_000, 65_536), Map.of()));
        for (int i = 0; i < 3; i++) rr.input(new Input.JobSubmitted(job("j" + i, JobKind.BATCH, 1, 100)));
        assertTrue(rr.holds("batch-1") && rr.holds("batch-2") && rr.holds("batch-3"), "one job per scheduler, in turn");
        rr.input(new Input.JobSubmitted(job("svc", JobKind.SERVICE, 1, 100))); // no service scheduler: a batch one takes it
        for (String l : List.of("batch-1", "batch-2", "batch-3")) rr.commit(l);
        rr.commit("batch-1");
        assertEquals(4, rr.launches);
        assertEquals(2, rr.metric("mesocosm_omega_batch_1_transactions_total"));
    }
}
