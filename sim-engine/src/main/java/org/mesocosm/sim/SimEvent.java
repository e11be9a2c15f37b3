package org.mesocosm.sim;

import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.WorkloadEvent;

/** What sits in the simulation's event queue. */
sealed interface SimEvent {
    /** An input reaches the master. */
    record Deliver(Input input) implements SimEvent {}

    /** The workload's next event is due. */
    record Arrive(WorkloadEvent event) implements SimEvent {}

    /** A launch command reaches its agent. */
    record LaunchArrives(SimAgent agent, Command.Launch launch) implements SimEvent {}

    /** A kill command reaches its agent. */
    record KillArrives(SimAgent agent, String taskId) implements SimEvent {}

    /** A task's process ends on its agent (if the agent has not died since). */
    record TaskEnds(SimAgent agent, int incarnation, String taskId, boolean failed, int endVersion) implements SimEvent {}

    /** A running task's usage moves to its next level (ignored if the task is no longer the one running there). */
    record UsageStep(SimAgent agent, RunningTask task) implements SimEvent {}

    record AgentFails(SimAgent agent) implements SimEvent {}

    record AgentRepaired(SimAgent agent) implements SimEvent {}

    /** Time to take a timeline sample. */
    record Sample() implements SimEvent {}
}
