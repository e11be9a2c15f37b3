package org.mesocosm.policies.mesos;

import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.model.JobKind;

/**
 * The decision time of one lane of the mesos policy (the allocator, or one framework): its own
 * t_job and t_task whatever the job kind, or -1 to take the run's {@code --decision-time model}.
 */
record LaneCosts(long jobMicros, long taskMicros) implements DecisionPaths {
    static final LaneCosts RUN_MODEL = new LaneCosts(-1, -1);

    @Override public long jobMicros(JobKind kind) { return jobMicros; }

    @Override public long taskMicros(JobKind kind) { return taskMicros; }

    @Override public boolean hasPaths() { return jobMicros >= 0 || taskMicros >= 0; }
}
