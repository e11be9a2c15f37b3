package org.mesocosm.policies.omega;

import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.model.JobKind;

/**
 * One Omega scheduler's own decision time: the same t_job and t_task whatever the job's kind
 * (each scheduler has its jobs; the paper sweeps the service scheduler's t_job). -1: the run's
 * {@code --decision-time model}.
 */
record LaneCosts(long jobMicros, long taskMicros) implements DecisionPaths {

    @Override public long jobMicros(JobKind kind) { return jobMicros; }

    @Override public long taskMicros(JobKind kind) { return taskMicros; }

    @Override public boolean hasPaths() { return jobMicros >= 0 || taskMicros >= 0; }

    /** The modelled time of one attempt that considered {@code tasks} tasks, given the run's model for what is unset. */
    long attemptMicros(int tasks, long modelJobMicros, long modelTaskMicros) {
        return (jobMicros >= 0 ? jobMicros : modelJobMicros) + (long) tasks * (taskMicros >= 0 ? taskMicros : modelTaskMicros);
    }
}
