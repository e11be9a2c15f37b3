package org.mesocosm.traces;

import java.util.Arrays;

/**
 * What the trace recorded about each instance of one replayed job, in the job's instance order
 * (task groups in order, instances within a group in order): the queueing delay the trace shows
 * and how the attempt ended. The fidelity table compares these with what the simulation did.
 *
 * @param delayMicros submit to schedule in the trace; {@link #NOT_SCHEDULED}, {@link #UNKNOWN} or {@link #CENSORED}
 * @param outcomes {@link Outcome} ordinals
 */
public record InstanceFacts(long[] delayMicros, byte[] outcomes) {
    public static final long NOT_SCHEDULED = -1;
    /** The format does not record when an instance was submitted (e.g. Alibaba batch_task). */
    public static final long UNKNOWN = -2;
    /**
     * Scheduled, but its submit-to-schedule delay is not within what was read (left-censored): the
     * SCHEDULE row has no SUBMIT in the excerpt, or the submit or the schedule lies before the
     * window start (the replay can only see the part after it). Excluded from delay statistics and
     * counted, never taken as 0.
     */
    public static final long CENSORED = -3;

    /** True when the trace knows this instance's queueing delay (it was scheduled and its submit was seen). */
    public static boolean known(long delayMicros) {
        return delayMicros >= 0;
    }

    public InstanceFacts {
        if (delayMicros.length != outcomes.length) throw new IllegalArgumentException("facts length mismatch");
    }

    public int size() { return delayMicros.length; }

    public Outcome outcome(int i) { return Outcome.of(outcomes[i]); }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceFacts f && Arrays.equals(delayMicros, f.delayMicros) && Arrays.equals(outcomes, f.outcomes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(delayMicros) * 31 + Arrays.hashCode(outcomes);
    }

    @Override
    public String toString() {
        return "InstanceFacts" + Arrays.toString(delayMicros) + Arrays.toString(outcomes);
    }
}
