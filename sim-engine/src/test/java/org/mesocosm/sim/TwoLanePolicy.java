package org.mesocosm.sim;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.TaskState;

/**
 * A tiny policy with two schedulers, for the lane tests: jobs whose id starts with "A" go to lane
 * {@code a} (t_job 95 ms, t_task 5 ms), the others to lane {@code b} (t_job 0, t_task 5 ms). Each
 * pending task is one decision: decide considers it and picks the first machine where it fits;
 * commit launches it there if the task still waits and still fits, else retries from scratch
 * (a conflict: {@link SchedulerLane#commitFailed}). A job whose id contains "never" is never
 * placed: its decide picks nothing and its commit retries, to reach max-attempts.
 */
class TwoLanePolicy implements PlacementPolicy {
    private static final long MS = 1_000;
    private PlacementContext ctx;
    SchedulerLane a;
    SchedulerLane b;
    /** What happened, in order: "decide X@t", "commit X@t", for the tests to read. */
    final List<String> log = new ArrayList<>();
    /** A decide that launches (breaking the lane contract), to check the driver refuses it. */
    boolean launchInDecide;

    private static DecisionPaths costs(long jobMicros, long taskMicros) {
        return new DecisionPaths() {
            @Override public long jobMicros(JobKind kind) { return jobMicros; }
            @Override public long taskMicros(JobKind kind) { return taskMicros; }
            @Override public boolean hasPaths() { return true; }
        };
    }

    @Override public String name() { return "two-lanes"; }

    @Override
    public void init(PlacementContext c) {
        this.ctx = c;
        a = c.lane("a", costs(95 * MS, 5 * MS));
        b = c.lane("b", costs(0, 5 * MS));
    }

    @Override
    public void taskPending(Task task) { place(task); }

    private void place(Task task) {
        SchedulerLane lane = task.jobId().startsWith("A") ? a : b;
        lane.submit(() -> {
            log.add("decide " + task.id() + "@" + ctx.now() / MS);
            ctx.considering(task);
            Agent home = task.jobId().contains("never") ? null : firstFit(task);
            if (launchInDecide && home != null) ctx.launch(task, home);
            return home;
        }, home -> {
            log.add("commit " + task.id() + "@" + ctx.now() / MS);
            if (task.state() != TaskState.PENDING) return;
            if (home != null && home.free().fits(task.request())) {
                ctx.launch(task, home);
            } else {
                lane.commitFailed();
                place(task);
            }
        });
    }

    /** The master as the policy sees it (for subclasses in tests). */
    PlacementContext ctx() { return ctx; }

    private Agent firstFit(Task task) {
        for (Agent g : ctx.cluster().agents()) {
            if (g.free().fits(task.request())) return g;
        }
        return null;
    }

    @Override public void taskWithdrawn(Task task) {}

    @Override public void taskReleased(Task task) {}

    @Override public void agentAdded(Agent agent) {}

    @Override public void agentRemoved(Agent agent) {}
}
