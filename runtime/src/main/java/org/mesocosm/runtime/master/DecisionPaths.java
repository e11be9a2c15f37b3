package org.mesocosm.runtime.master;

import org.mesocosm.runtime.model.JobKind;

/**
 * A policy whose decisions cost a different time by job kind (a multi-path scheduler, as in the
 * Omega paper): the driver that charges decision time asks it per job. Only data: the policy
 * never charges time itself.
 */
public interface DecisionPaths {

    /** t_job for one attempt at a job of this kind, in microseconds, or -1 to use the run's model. */
    long jobMicros(JobKind kind);

    /** t_task per task of this kind considered, in microseconds, or -1 to use the run's model. */
    long taskMicros(JobKind kind);

    /** True when at least one kind has its own time (then the run must use a model of decision time). */
    boolean hasPaths();
}
