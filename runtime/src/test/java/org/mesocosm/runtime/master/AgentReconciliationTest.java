package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

class AgentReconciliationTest {
    MasterHarness h;

    @BeforeEach
    void setUp() {
        h = new MasterHarness(new FirstFitPolicy());
        h.agent("a1", 2000, 8192);
        h.agent("a2", 2000, 8192);
        // two instances fill a1; the third goes to a2
        h.in(new Input.JobSubmitted(MasterTest.job("s", JobKind.SERVICE, 0, MasterTest.task("web", 3))));
        for (Command.Launch l : h.launches()) h.report(l.taskId(), TaskState.RUNNING);
    }

    List<Command.Kill> kills() {
        return h.commands.stream().filter(c -> c instanceof Command.Kill).map(c -> (Command.Kill) c).toList();
    }

    Input.AgentReregistered back(String agent, String... running) {
        return new Input.AgentReregistered(agent, Resources.of(2000, 8192), Map.of(), List.of(running));
    }

    @Test
    void anAgentThatRestartedQuicklyKeepsItsTasks() {
        h.in(back("a1", "s.web.0.0", "s.web.1.0"));
        assertEquals(List.of(), kills());
        assertEquals(TaskState.RUNNING, h.master.task("s.web.0.0").state());
        assertEquals(3, h.launches().size(), "nothing relaunched");
        assertEquals(2, h.master.cluster().agent("a1").taskCount());
    }

    @Test
    void unknownTasksAreKilledAndMissingOnesAreLost() {
        h.advance(MasterConfig.DEFAULT_RECONCILE_GRACE);
        h.in(back("a1", "s.web.0.0", "ghost.t.0.0"));
        assertEquals(List.of(new Command.Kill("a1", "ghost.t.0.0")), kills());
        assertEquals(TaskState.LOST, h.ended.get(0).state());
        assertEquals("s.web.1.0", h.ended.get(0).id());
        assertEquals("s.web.1.1", h.lastLaunch().taskId(), "the service replaces the lost instance");
    }

    @Test
    void aRecentLaunchMissingFromAReportIsGivenTimeToArrive() {
        // the report may have left the agent before the launch got there, or been overtaken
        h.advance(MasterConfig.DEFAULT_RECONCILE_GRACE - 1);
        h.in(back("a1", "s.web.0.0"));
        assertEquals(TaskState.RUNNING, h.master.task("s.web.1.0").state());
        assertEquals(List.of(), h.ended);
        h.advance(1);
        h.in(back("a1", "s.web.0.0"));
        assertEquals("s.web.1.0", h.ended.get(0).id(), "a launch that never arrived is detected once the grace is over");
        assertEquals(TaskState.LOST, h.ended.get(0).state());
    }

    @Test
    void anAgentTheMasterGaveUpOnHasAllItsTasksKilled() {
        h.in(new Input.AgentRemoved("a1", "missed heartbeats"));
        // the two lost instances are relaunched; one fits on a2 next to the third, so one stays pending
        h.in(back("a1", "s.web.0.0", "s.web.1.0"));
        assertEquals(List.of(new Command.Kill("a1", "s.web.0.0"), new Command.Kill("a1", "s.web.1.0")), kills());
        assertTrue(h.master.cluster().agent("a1").isUp());
        assertEquals(2, activeTasks(), "a1 is full of orphans until they are killed: nothing may land there yet");
        assertEquals(Resources.of(2000, 2048), h.master.cluster().agent("a1").orphaned());
        h.report("s.web.0.0", TaskState.KILLED);
        h.report("s.web.1.0", TaskState.KILLED);
        assertEquals(Resources.ZERO, h.master.cluster().agent("a1").orphaned());
        assertEquals(3, activeTasks(), "the pending replacement lands on the returned agent once its orphans are gone");
    }

    @Test
    void anOrphanMissingFromALaterReportIsGoneToo() {
        h.in(new Input.AgentRemoved("a1", "missed heartbeats"));
        h.in(back("a1", "s.web.0.0", "s.web.1.0"));
        h.advance(1_000_000);
        h.in(back("a1", "s.web.1.0")); // the kill of s.web.0.0 worked but its KILLED status was lost
        assertEquals(Resources.of(1000, 1024), h.master.cluster().agent("a1").orphaned());
        assertEquals(3, activeTasks());
    }

    private long activeTasks() {
        long active = 0;
        for (Task t : h.master.liveTasks()) if (t.state().isActive()) active++;
        return active;
    }

    @Test
    void aTaskWhoseKillWasLostIsKilledAgain() {
        h.in(new Input.JobKillRequested("s"));
        int before = kills().size();
        h.in(back("a1", "s.web.0.0", "s.web.1.0"));
        assertEquals(before + 2, kills().size());
    }

    @Test
    void anAgentThatComesBackBiggerIsReaddedAndItsTasksReplaced() {
        h.in(new Input.AgentReregistered("a1", Resources.of(4000, 8192), Map.of(), List.of("s.web.0.0")));
        assertEquals(Resources.of(4000, 8192), h.master.cluster().agent("a1").total());
        assertEquals(List.of(new Command.Kill("a1", "s.web.0.0")), kills());
    }

    @Test
    void anAgentRepairedAndAddedAfreshForgetsTheTasksLostWithIt() {
        h.in(new Input.AgentRemoved("a1", "machine failed"));
        assertEquals(2, h.master.lostWithAgentCount(), "held in case the agent comes back running them");
        h.in(new Input.AgentAdded("a1", Resources.of(2000, 8192), Map.of()));
        assertEquals(0, h.master.lostWithAgentCount(), "a fresh registration runs nothing: nothing left to wait for");
        int onA2 = h.master.cluster().agent("a2").taskCount();
        h.in(new Input.AgentRemoved("a2", "machine failed"));
        assertTrue(onA2 > 0);
        assertEquals(onA2, h.master.lostWithAgentCount(), "another agent's losses are still held");
    }
}
