package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.cron.ConcurrencyPolicy;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/** An ended job leaves the master's live state; its id and outcome stay answerable. */
class EndedJobsTest {
    final MasterHarness h = new MasterHarness(new FirstFitPolicy());

    EndedJobsTest() {
        h.agent("a1", 4000, 8192);
    }

    @Test
    void aFinishedBatchJobKeepsOnlyItsOutcome() {
        h.in(new Input.JobSubmitted(MasterTest.job("j1", JobKind.BATCH, 0, MasterTest.task("t", 2))));
        assertEquals(1, h.master.liveJobCount());
        assertNull(h.master.jobOutcome("j1"), "still running");
        for (Command.Launch l : h.launches()) h.report(l.taskId(), TaskState.FINISHED);
        assertEquals(0, h.master.liveJobCount());
        assertTrue(h.master.hasJob("j1"));
        assertEquals(JobOutcome.SUCCEEDED, h.master.jobOutcome("j1"));
        assertEquals(1, h.master.endedJobCount(JobOutcome.SUCCEEDED));
        assertThrows(IllegalArgumentException.class,
                () -> h.in(new Input.JobSubmitted(MasterTest.job("j1", JobKind.BATCH, 0, MasterTest.task("t", 1)))),
                "an ended job's id is still taken");
        h.in(new Input.JobKillRequested("j1")); // a late kill of an ended job is a no-op, as before
        assertEquals(JobOutcome.SUCCEEDED, h.master.jobOutcome("j1"));
    }

    @Test
    void failedAndKilledJobsAreToldApart() {
        h.in(new Input.JobSubmitted(MasterTest.job("f", JobKind.BATCH, 0, MasterTest.task("t", 1))));
        h.report(h.lastLaunch().taskId(), TaskState.FAILED);
        h.in(new Input.JobSubmitted(MasterTest.job("k", JobKind.BATCH, 0, MasterTest.task("t", 1))));
        h.in(new Input.JobKillRequested("k"));
        assertNull(h.master.jobOutcome("k"), "its task still runs until the agent confirms the kill");
        h.report(h.lastLaunch().taskId(), TaskState.KILLED);
        assertEquals(JobOutcome.FAILED, h.master.jobOutcome("f"));
        assertEquals(JobOutcome.KILLED, h.master.jobOutcome("k"));
        assertEquals(0, h.master.liveJobCount());
    }

    @Test
    void aKilledServiceEndsWhenItsLastInstanceStopsAndScalingItIsANoOp() {
        h.in(new Input.JobSubmitted(MasterTest.job("web", JobKind.SERVICE, 0, MasterTest.task("w", 2))));
        h.in(new Input.JobKillRequested("web"));
        List<Command.Launch> ls = h.launches();
        h.report(ls.get(0).taskId(), TaskState.KILLED);
        assertNull(h.master.jobOutcome("web"));
        h.report(ls.get(1).taskId(), TaskState.KILLED);
        assertEquals(JobOutcome.KILLED, h.master.jobOutcome("web"));
        h.in(new Input.JobScaled("web", "w", 5));
        assertEquals(2, h.launches().size());
        assertThrows(IllegalArgumentException.class, () -> h.in(new Input.JobScaled("nope", "w", 1)));
    }

    @Test
    void cronRunsEndOnTheirOwnAndAKilledCronJobLetsItsRunFinish() {
        TaskSpec step = TaskSpec.simulated("t", 1, Resources.of(1000, 1024), SimProfile.fixed(1, 0));
        h.in(new Input.JobSubmitted(CronControllerTest.cron("* * * * *", ZoneOffset.UTC, ConcurrencyPolicy.ALLOW, step)));
        h.advance(60_000_000L);
        h.report("c@1.t.0.0", TaskState.FINISHED);
        assertEquals(JobOutcome.SUCCEEDED, h.master.jobOutcome("c@1"));
        h.advance(60_000_000L);
        h.in(new Input.JobKillRequested("c"));
        assertEquals(JobOutcome.KILLED, h.master.jobOutcome("c"));
        assertNull(h.master.jobOutcome("c@2"), "the run in flight was asked to stop");
        h.report("c@2.t.0.0", TaskState.KILLED);
        assertEquals(JobOutcome.KILLED, h.master.jobOutcome("c@2"));
        assertEquals(0, h.master.liveJobCount());
        assertEquals(0, h.master.unfinishedFiniteJobs());
    }
}
