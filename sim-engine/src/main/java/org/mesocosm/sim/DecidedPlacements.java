package org.mesocosm.sim;

import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.sim.decision.DecisionDriver;

/**
 * The run's metrics as seen through a scheduler whose decisions take time: a placement counts
 * when the decision that made it got that far (ready → placed latency includes the decision
 * time), everything else when the master saw it. Under {@code zero} the shift is 0.
 */
final class DecidedPlacements implements MasterObserver {
    private final MasterObserver metrics;
    private final DecisionDriver decisions;

    DecidedPlacements(MasterObserver metrics, DecisionDriver decisions) {
        this.metrics = metrics;
        this.decisions = decisions;
    }

    @Override public void taskPlaced(long now, Task t) { metrics.taskPlaced(now + decisions.elapsedMicros(), t); }

    @Override public void agentUp(long now, Agent a) { metrics.agentUp(now, a); }
    @Override public void agentDown(long now, Agent a) { metrics.agentDown(now, a); }
    @Override public void jobSubmitted(long now, JobSpec j) { metrics.jobSubmitted(now, j); }
    @Override public void jobEnded(long now, JobSpec j, boolean ok) { metrics.jobEnded(now, j, ok); }
    @Override public void taskCreated(long now, Task t) { metrics.taskCreated(now, t); }
    @Override public void taskStateChanged(long now, Task t, TaskState from) { metrics.taskStateChanged(now, t, from); }
    @Override public void taskPreempted(long now, Task v, Task p) { metrics.taskPreempted(now, v, p); }
    @Override public void taskUnschedulable(long now, Task t, String r) { metrics.taskUnschedulable(now, t, r); }
}
