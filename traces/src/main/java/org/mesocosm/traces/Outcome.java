package org.mesocosm.traces;

/** How one task attempt ended in the trace (as recorded, not as simulated). */
public enum Outcome {
    FINISHED,
    FAILED,
    KILLED,
    EVICTED,
    LOST,
    /** Ended (killed, failed, ...) before it was ever scheduled: replayed with a zero run time. */
    ENDED_PENDING,
    /** Still running when the window or the lookahead ended: replayed as long-running. */
    RUNNING_AT_END,
    /** Never scheduled and never ended within the window: replayed as long-running. */
    PENDING_AT_END,
    /** The format records no outcome (e.g. SWF status -1). */
    UNKNOWN;

    private static final Outcome[] VALUES = values();

    public static Outcome of(int ordinal) { return VALUES[ordinal]; }

    /** True when the trace shows the attempt on a machine at some point. */
    public boolean wasScheduled() {
        return this != ENDED_PENDING && this != PENDING_AT_END;
    }
}
