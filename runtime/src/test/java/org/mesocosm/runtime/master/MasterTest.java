package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasterTest {
    MasterHarness h;

    @BeforeEach
    void setUp() {
        h = new MasterHarness(new FirstFitPolicy());
        h.agent("a1", 4000, 8192);
        h.agent("a2", 4000, 8192);
    }

    static TaskSpec task(String name, int n) {
        return TaskSpec.simulated(name, n, Resources.of(1000, 1024), SimProfile.fixed(10_000_000, 0));
    }

    static JobSpec job(String id, JobKind kind, int retries, TaskSpec... tasks) {
        return new JobSpec(id, "r", kind, 0, List.of(tasks), retries);
    }

    @Test
    void batchTaskRunsToCompletion() {
        h.in(new Input.JobSubmitted(job("j", JobKind.BATCH, 0, task("t", 2))));
        assertEquals(2, h.launches().size());
        for (Command.Launch l : h.launches()) h.report(l.taskId(), TaskState.RUNNING);
        for (Command.Launch l : h.launches()) h.report(l.taskId(), TaskState.FINISHED);
        assertEquals(List.of("j:ok"), h.jobsEnded);
        assertEquals(0, h.master.unfinishedFiniteJobs());
        assertEquals(0, h.master.liveTaskCount());
    }

    @Test
    void batchRetriesAreBounded() {
        h.in(new Input.JobSubmitted(job("j", JobKind.BATCH, 2, task("t", 1))));
        for (int attempt = 0; attempt < 3; attempt++) {
            Command.Launch l = h.lastLaunch();
            assertEquals("j.t.0." + attempt, l.taskId());
            h.report(l.taskId(), TaskState.FAILED);
        }
        assertEquals(3, h.launches().size(), "one try and two retries");
        assertEquals(List.of("j:failed"), h.jobsEnded);
    }

    @Test
    void lostTasksAreRelaunchedWithoutCountingAsFailures() {
        h.in(new Input.JobSubmitted(job("j", JobKind.BATCH, 0, task("t", 1))));
        String first = h.lastLaunch().taskId();
        String agent = h.lastLaunch().agentId();
        h.in(new Input.AgentRemoved(agent, "test"));
        assertEquals(TaskState.LOST, h.ended.get(0).state());
        Command.Launch again = h.lastLaunch();
        assertFalse(again.taskId().equals(first));
        assertFalse(again.agentId().equals(agent), "relaunched on the agent that is still up");
        h.report(again.taskId(), TaskState.FINISHED);
        assertEquals(List.of("j:ok"), h.jobsEnded);
    }

    @Test
    void serviceRelaunchesFailedInstancesWithExponentialBackoff() {
        h.in(new Input.JobSubmitted(job("s", JobKind.SERVICE, 0, task("web", 1))));
        h.report(h.lastLaunch().taskId(), TaskState.RUNNING);
        h.report(h.lastLaunch().taskId(), TaskState.FAILED);
        assertEquals(1, h.launches().size(), "not relaunched before the backoff");
        h.advance(MasterConfig.DEFAULT.serviceBackoffBaseMicros());
        assertEquals(2, h.launches().size(), "relaunched after 1 s");
        h.report(h.lastLaunch().taskId(), TaskState.FAILED);
        h.advance(MasterConfig.DEFAULT.serviceBackoffBaseMicros());
        assertEquals(2, h.launches().size(), "second failure in a row waits 2 s");
        h.advance(MasterConfig.DEFAULT.serviceBackoffBaseMicros());
        assertEquals(3, h.launches().size());
    }

    @Test
    void serviceKeepsItsInstancesThroughAgentLoss() {
        h.in(new Input.JobSubmitted(job("s", JobKind.SERVICE, 0, task("web", 3))));
        h.in(new Input.AgentRemoved("a1", "test"));
        long live = 0;
        for (Task t : h.master.liveTasks()) if (t.state().isActive()) live++;
        assertEquals(3, live);
        for (Task t : h.master.liveTasks()) assertEquals("a2", t.agent().id());
    }

    @Test
    void pipelineDiscontinuesEveryDependentOfAFailedStep() {
        TaskSpec a = task("a", 1), b = task("b", 1).withDependsOn(List.of("a")), c = task("c", 2).withDependsOn(List.of("b")),
                side = task("side", 1);
        h.in(new Input.JobSubmitted(job("p", JobKind.PIPELINE, 0, a, b, c, side)));
        assertEquals(2, h.launches().size(), "a and side start; b waits");
        Command.Launch la = h.launches().stream().filter(l -> l.taskId().startsWith("p.a.")).findFirst().orElseThrow();
        h.report(la.taskId(), TaskState.FINISHED);
        Command.Launch lb = h.lastLaunch();
        assertTrue(lb.taskId().startsWith("p.b."));
        h.report(lb.taskId(), TaskState.FAILED);
        long discontinued = h.ended.stream().filter(t -> t.state() == TaskState.DISCONTINUED).count();
        assertEquals(2, discontinued, "both instances of c");
        assertTrue(h.ended.stream().filter(t -> t.state() == TaskState.DISCONTINUED).allMatch(t -> t.spec().name().equals("c")));
        assertTrue(h.jobsEnded.isEmpty(), "side is still running");
        Command.Launch ls = h.launches().stream().filter(l -> l.taskId().startsWith("p.side.")).findFirst().orElseThrow();
        h.report(ls.taskId(), TaskState.FINISHED);
        assertEquals(List.of("p:failed"), h.jobsEnded);
        assertEquals(3, h.launches().size(), "c never launched");
    }

    @Test
    void killingAJobKillsRunningAndWithdrawsPendingTasks() {
        h.in(new Input.JobSubmitted(job("j", JobKind.BATCH, 0,
                TaskSpec.simulated("t", 10, Resources.of(4000, 1024), SimProfile.fixed(10_000_000, 0)))));
        assertEquals(2, h.launches().size(), "two fit, eight pending");
        h.in(new Input.JobKillRequested("j"));
        assertEquals(2, h.commands.stream().filter(c -> c instanceof Command.Kill).count());
        assertEquals(8, h.ended.stream().filter(t -> t.state() == TaskState.KILLED).count());
        for (Command.Launch l : h.launches()) h.report(l.taskId(), TaskState.KILLED);
        assertEquals(List.of("j:failed"), h.jobsEnded);
        assertEquals(2, h.launches().size(), "killed tasks are not relaunched");
    }

    @Test
    void aTaskThatFitsNoAgentIsUnschedulableNotLost() {
        h.in(new Input.JobSubmitted(job("big", JobKind.BATCH, 0,
                TaskSpec.simulated("t", 1, Resources.of(64_000, 1024), SimProfile.fixed(1, 0)))));
        assertEquals(0, h.launches().size());
        Task t = h.master.liveTasks().iterator().next();
        assertTrue(t.isUnschedulable());
        h.agent("huge", 64_000, 1024);
        assertEquals(1, h.launches().size(), "placed once a big enough agent joins");
    }

    @Test
    void staleStatusUpdatesAreIgnored() {
        h.in(new Input.JobSubmitted(job("j", JobKind.BATCH, 0, task("t", 1))));
        Command.Launch l = h.lastLaunch();
        h.in(new Input.AgentRemoved(l.agentId(), "test"));
        h.report(l.taskId(), TaskState.FINISHED); // arrives after the master gave up on it
        assertEquals(TaskState.LOST, h.ended.get(0).state());
        assertEquals(1, h.ended.size());
    }

    @Test
    void placingBeyondCapacityIsRefused() {
        Agent a1 = h.master.cluster().agent("a1");
        h.in(new Input.JobSubmitted(job("j", JobKind.BATCH, 0,
                TaskSpec.simulated("t", 1, Resources.of(4000, 1024), SimProfile.fixed(1, 0)))));
        assertThrows(IllegalStateException.class, () -> a1.holdForOffer(Resources.of(1, 1)));
    }

    @Test
    void onlyTheMasterChangesWhatAnAgentHoldsForOffers() throws NoSuchMethodException {
        // a policy holds and releases offered resources through PlacementContext, never on the agent itself
        for (String m : new String[] {"holdForOffer", "releaseOffer"}) {
            int mods = Agent.class.getDeclaredMethod(m, Resources.class).getModifiers();
            assertFalse(java.lang.reflect.Modifier.isPublic(mods) || java.lang.reflect.Modifier.isProtected(mods), m + " must not be public");
        }
    }

    @Test
    void timeMayNotGoBackwards() {
        h.now = 10;
        h.in(new Input.JobKillRequested("none"));
        h.now = 5;
        assertThrows(IllegalArgumentException.class, () -> h.in(new Input.JobKillRequested("none")));
    }
}
