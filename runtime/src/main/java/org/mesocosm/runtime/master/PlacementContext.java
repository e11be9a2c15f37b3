package org.mesocosm.runtime.master;

import org.mesocosm.runtime.model.Resources;

/** What a placement policy may do to the master. */
public interface PlacementContext {

    /** The time of the event being handled, in microseconds. */
    long now();

    Cluster cluster();

    /** Places a pending task on an agent. Throws if the agent lacks the free resources. */
    void launch(Task task, Agent agent);

    /**
     * Places a pending task on resources reclaimed from other tasks' allocated-but-unused share
     * (Borg-style reclamation). The task is accounted apart from the agent's hard
     * no-over-commit rule, within the overcommit the policy declared
     * ({@link PlacementPolicy#overcommitPercent()}). Throws if that ceiling would be exceeded.
     */
    default void launchReclaimed(Task task, Agent agent) {
        throw new UnsupportedOperationException("this master does not support reclaimed placements");
    }

    /**
     * Keeps the policy's own record of a placed task with the task ({@link Task#placement()}),
     * so that the policy finds it again without a lookup when the task ends; null drops it. The
     * master never reads it.
     */
    void attach(Task task, Object record);

    /**
     * Holds free resources of an agent for an outstanding offer (two-level scheduling): until
     * {@link #releaseOffer} they are free to no one else. Throws if they are not free.
     */
    void holdForOffer(Agent agent, Resources resources);

    /** Gives back resources that {@link #holdForOffer} held (the offer was answered, rescinded or timed out). */
    void releaseOffer(Agent agent, Resources resources);

    /** Kills a running task so that {@code preemptor} can take its place. */
    void preempt(Task victim, Task preemptor);

    /** Runs {@code action} after {@code delayMicros}; returns an id for {@link #cancel}. */
    long schedule(long delayMicros, Runnable action);

    void cancel(long timerId);

    /**
     * The policy is trying to place {@code task} in the decision at hand (whether or not it finds
     * a home). Changes nothing in the master: a simulation driver that charges decision time
     * counts it (t_task per task considered, t_job per job), so that failed attempts cost time
     * too; a policy that never calls it is charged for the tasks it launches only.
     */
    default void considering(Task task) {}

    /**
     * A scheduler of this policy that decides in parallel with its others, with its own busy clock
     * in a driver that charges decision time ({@link SchedulerLane}). {@code costs} gives the
     * lane's own t_job/t_task by job kind (null or -1: the run's model). Asked once per name, at
     * {@link PlacementPolicy#init}; a second call with the same name returns the same lane.
     * Without a driver that charges decision time, lanes decide in zero time.
     */
    default SchedulerLane lane(String name, DecisionPaths costs) { return SchedulerLane.immediate(name); }
}
