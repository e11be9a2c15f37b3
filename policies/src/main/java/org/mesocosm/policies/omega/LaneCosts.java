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
}
