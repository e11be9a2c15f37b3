package org.mesocosm.runtime.master;

import java.util.List;
import org.mesocosm.runtime.model.JobSpec;

/**
 * Decides where pending tasks run. The master tells it what changed; it answers through its
 * {@link PlacementContext} (launch, preempt, timers). It must be deterministic: no clocks, no
 * unseeded randomness, no iteration over hash-ordered collections that affects a decision.
 */
public interface PlacementPolicy {

    /** The registered name, e.g. {@code drf}. */
    String name();

    /**
     * How far beyond an agent's total the requests of its tasks may go, in percent, through
     * {@link PlacementContext#launchReclaimed}: the declared overcommit. The master enforces it
     * and simulated machines check it. 0 (the default) keeps the hard rule: never beyond total.
     */
    default int overcommitPercent() { return 0; }

    /** Called once, before any other call. */
    void init(PlacementContext ctx);

    /**
     * Refuses a job this policy can never place, before it is submitted (e.g. one that names a
     * framework the policy does not run): throws a {@link org.mesocosm.runtime.spec.SpecError} naming
     * the field at fault (or an {@link IllegalArgumentException}), whose message names the job. Live mode answers it with a 400; a simulation stops
     * with it. Must not change the policy's state. Accepts every job by default.
     */
    default void admit(JobSpec job) {}

    /** A task needs a home. */
    void taskPending(Task task);

    /** A pending task no longer needs a home (its job was killed). */
    void taskWithdrawn(Task task);

    /** A task the policy placed has been launched on its agent (its resources are now allocated). */
    default void taskLaunched(Task task) {}

    /** An active task ended (or was lost): its resources are free again. */
    void taskReleased(Task task);

    void agentAdded(Agent agent);

    /** Resources on an agent that no task of the policy's held became free (an orphaned task finally ended). */
    default void agentFreed(Agent agent) {}

    /** An agent is gone; its tasks have already been released. */
    void agentRemoved(Agent agent);

    /**
     * Why a pending task was not placed in the policy's last attempt at it, for people ("0/5 nodes
     * are available: 5 Insufficient cpu"), or null to let the master explain it from its own state
     * ({@link PendingReason}). Read between inputs, on the master's thread; it must not change the
     * policy's state.
     */
    default String whyPending(Task task) { return null; }

    /**
     * What the policy counts about itself, for the live metrics page (e.g. offers made); none by
     * default. Read between inputs, on the master's thread; it must not change the policy's state.
     */
    default List<PolicyMetric> metrics() { return List.of(); }
}
