package org.mesocosm.runtime.master;

import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskState;

/** Watches the master's state changes (metrics, logs, tests). Called synchronously; must not call back in. */
public interface MasterObserver {
    default void agentUp(long now, Agent agent) {}

    default void agentDown(long now, Agent agent) {}

    default void jobSubmitted(long now, JobSpec job) {}

    default void jobEnded(long now, JobSpec job, boolean succeeded) {}

    default void taskCreated(long now, Task task) {}

    default void taskPlaced(long now, Task task) {}

    default void taskStateChanged(long now, Task task, TaskState from) {}

    default void taskPreempted(long now, Task victim, Task preemptor) {}

    default void taskUnschedulable(long now, Task task, String reason) {}
}
