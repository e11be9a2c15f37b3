package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerLaneTest {

    @Test
    void anImmediateLaneCommitsWhatItDecidedInTheSameCallAndIsBusyOnlyMeanwhile() {
        SchedulerLane lane = SchedulerLane.immediate("batch");
        List<String> seen = new ArrayList<>();
        lane.submit(() -> {
            seen.add("decide busy=" + lane.busy());
            return 42;
        }, v -> seen.add("commit " + v + " busy=" + lane.busy()));
        assertEquals(List.of("decide busy=true", "commit 42 busy=true"), seen);
        assertFalse(lane.busy());
        assertEquals("batch", lane.name());
    }

    /** A retry submitted from inside a commit runs after that commit has returned, not nested inside it (as under a timed driver). */
    @Test
    void aSubmitFromInsideACommitRunsAfterIt() {
        SchedulerLane lane = SchedulerLane.immediate("omega-1");
        List<String> seen = new ArrayList<>();
        lane.submit(() -> 1, v -> {
            lane.submit(() -> 2, w -> seen.add("commit " + w));
            seen.add("commit " + v + " done");
        });
        assertEquals(List.of("commit 1 done", "commit 2"), seen);
        assertFalse(lane.busy());
    }

    @Test
    void aContextWithoutDecisionTimeGivesLanesThatDecideAtOnce() {
        PlacementContext ctx = new PlacementContext() {
            @Override public long now() { return 0; }
            @Override public Cluster cluster() { return null; }
            @Override public void launch(Task task, Agent agent) {}
            @Override public void attach(Task task, Object record) {}
            @Override public void holdForOffer(Agent agent, org.mesocosm.runtime.model.Resources resources) {}
            @Override public void releaseOffer(Agent agent, org.mesocosm.runtime.model.Resources resources) {}
            @Override public void preempt(Task victim, Task preemptor) {}
            @Override public long schedule(long delayMicros, Runnable action) { return 0; }
            @Override public void cancel(long timerId) {}
        };
        boolean[] committed = new boolean[1];
        ctx.lane("service", null).submit(() -> "x", v -> committed[0] = v.equals("x"));
        assertTrue(committed[0]);
    }
}
