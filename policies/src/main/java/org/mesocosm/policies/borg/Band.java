package org.mesocosm.policies.borg;

/**
 * Borg's priority bands, most important first. A job's band follows from its priority and the
 * two thresholds of {@link Bands}; preemption only ever goes from a higher band to a lower one.
 */
public enum Band {
    /** Latency-sensitive, long-running work: never preempted by the bands below. */
    PRODUCTION,
    /** Batch work: may be preempted by production. */
    BATCH,
    /** Best effort (Borg's "free" tier): preempted by both; may run on reclaimed resources. */
    BEST_EFFORT;

    /** True if a task of this band may evict one of {@code victim}'s band. */
    public boolean mayPreempt(Band victim) {
        return victim.ordinal() > ordinal();
    }
}
