package org.mesocosm.policies.lanes;

import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.runtime.policy.PolicyParams;

/**
 * The decision time of one scheduler lane of an architecture policy (a mesos framework or its
 * allocator, an omega scheduler): its own t_job and t_task whatever the job kind (each lane has
 * its jobs; the Omega paper sweeps one scheduler's t_job), or -1 to take the run's
 * {@code --decision-time model}.
 */
public record LaneCosts(long jobMicros, long taskMicros) implements DecisionPaths {
    public static final LaneCosts RUN_MODEL = new LaneCosts(-1, -1);

    /** The lane's {@code LANE:t_job} and {@code LANE:t_task} parameters; an unreadable duration is an error naming its key. */
    public static LaneCosts of(PolicyParams p, String lane) {
        return new LaneCosts(micros(p, lane + ":t_job"), micros(p, lane + ":t_task"));
    }

    private static long micros(PolicyParams p, String key) {
        String v = p.values().get(key);
        if (v == null) return -1;
        try {
            return Durations.parseMicros(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy '" + p.policy() + "': " + key + "=" + v + ": " + e.getMessage());
        }
    }

    @Override public long jobMicros(JobKind kind) { return jobMicros; }

    @Override public long taskMicros(JobKind kind) { return taskMicros; }

    @Override public boolean hasPaths() { return jobMicros >= 0 || taskMicros >= 0; }
}
