package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.TaskState;

class ServiceScaleTest {
    MasterHarness h;

    @BeforeEach
    void setUp() {
        h = new MasterHarness(new FirstFitPolicy());
        h.agent("a1", 8000, 16384);
        h.in(new Input.JobSubmitted(MasterTest.job("s", JobKind.SERVICE, 0, MasterTest.task("web", 2))));
        for (Command.Launch l : h.launches()) h.report(l.taskId(), TaskState.RUNNING);
    }

    TreeSet<String> activeIds() {
        TreeSet<String> ids = new TreeSet<>();
        for (Task t : h.master.liveTasks()) if (!t.isKillRequested()) ids.add(t.id());
        return ids;
    }

    List<String> kills() {
        return h.commands.stream().filter(c -> c instanceof Command.Kill).map(c -> ((Command.Kill) c).taskId()).toList();
    }

    @Test
    void scalingUpLaunchesTheNewInstances() {
        h.in(new Input.JobScaled("s", "web", 4));
        assertEquals(new TreeSet<>(List.of("s.web.0.0", "s.web.1.0", "s.web.2.0", "s.web.3.0")), activeIds());
    }

    @Test
    void scalingDownKillsTheHighestInstancesAndDoesNotRelaunchThem() {
        h.in(new Input.JobScaled("s", "web", 1));
        assertEquals(List.of("s.web.1.0"), kills());
        h.report("s.web.1.0", TaskState.KILLED);
        assertEquals(new TreeSet<>(List.of("s.web.0.0")), activeIds());
        assertEquals(2, h.launches().size(), "nothing relaunched");
    }

    @Test
    void scalingBackUpWhileAKillIsInFlightStartsAFreshAttempt() {
        h.in(new Input.JobScaled("s", "web", 1));
        h.in(new Input.JobScaled("s", "web", 2));
        assertEquals("s.web.1.1", h.lastLaunch().taskId(), "a new attempt id: the old one is still dying");
        h.report("s.web.1.0", TaskState.KILLED);
        assertEquals(3, h.launches().size(), "the old attempt's end does not trigger another relaunch");
        assertEquals(new TreeSet<>(List.of("s.web.0.0", "s.web.1.1")), activeIds());
    }

    @Test
    void scalingToZeroKeepsTheServiceAround() {
        h.in(new Input.JobScaled("s", "web", 0));
        for (String id : kills()) h.report(id, TaskState.KILLED);
        assertEquals(0, h.master.liveTaskCount());
        assertEquals(List.of(), h.jobsEnded);
        h.in(new Input.JobScaled("s", "web", 1));
        assertEquals("s.web.0.1", h.lastLaunch().taskId());
    }

    @Test
    void aScaledAwayInstanceInBackoffIsNotRelaunched() {
        h.report("s.web.1.0", TaskState.FAILED); // backs off 1 s
        h.in(new Input.JobScaled("s", "web", 1));
        h.advance(10_000_000L);
        assertEquals(2, h.launches().size());
    }

    @Test
    void onlyServicesScaleAndTheGroupMustExist() {
        h.in(new Input.JobSubmitted(MasterTest.job("b", JobKind.BATCH, 0, MasterTest.task("t", 1))));
        assertThrows(IllegalArgumentException.class, () -> h.in(new Input.JobScaled("b", "t", 3)));
        assertThrows(IllegalArgumentException.class, () -> h.in(new Input.JobScaled("s", "nope", 3)));
        assertThrows(IllegalArgumentException.class, () -> h.in(new Input.JobScaled("none", "web", 3)));
    }
}
