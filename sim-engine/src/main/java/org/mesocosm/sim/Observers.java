package org.mesocosm.sim;

import java.util.List;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskState;

/** Fans one observer call out to several, in order. */
final class Observers implements MasterObserver {
    private final MasterObserver[] all;

    private Observers(List<MasterObserver> all) {
        this.all = all.toArray(new MasterObserver[0]);
    }

    static MasterObserver of(List<MasterObserver> all) {
        return all.size() == 1 ? all.get(0) : new Observers(all);
    }

    @Override public void agentUp(long now, Agent a) { for (MasterObserver o : all) o.agentUp(now, a); }
    @Override public void agentDown(long now, Agent a) { for (MasterObserver o : all) o.agentDown(now, a); }
    @Override public void jobSubmitted(long now, JobSpec j) { for (MasterObserver o : all) o.jobSubmitted(now, j); }
    @Override public void jobEnded(long now, JobSpec j, boolean ok) { for (MasterObserver o : all) o.jobEnded(now, j, ok); }
    @Override public void taskCreated(long now, Task t) { for (MasterObserver o : all) o.taskCreated(now, t); }
    @Override public void taskPlaced(long now, Task t) { for (MasterObserver o : all) o.taskPlaced(now, t); }
    @Override public void taskStateChanged(long now, Task t, TaskState from) { for (MasterObserver o : all) o.taskStateChanged(now, t, from); }
    @Override public void taskPreempted(long now, Task v, Task p) { for (MasterObserver o : all) o.taskPreempted(now, v, p); }
    @Override public void taskUnschedulable(long now, Task t, String r) { for (MasterObserver o : all) o.taskUnschedulable(now, t, r); }
}
