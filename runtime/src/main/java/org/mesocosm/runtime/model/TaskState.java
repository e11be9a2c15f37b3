package org.mesocosm.runtime.model;

/** Lifecycle of one placement attempt of one task instance. */
public enum TaskState {
    /** Ready, waiting for a placement decision. */
    PENDING,
    /** Launch command sent to an agent; not yet confirmed running. */
    STAGING,
    RUNNING,
    FINISHED,
    FAILED,
    KILLED,
    /** The agent running it was lost. */
    LOST,
    /** Never launched because a task it depends on failed for good (pipelines). */
    DISCONTINUED;

    public boolean isTerminal() {
        return ordinal() >= FINISHED.ordinal();
    }

    /** Holds resources on an agent. */
    public boolean isActive() {
        return this == STAGING || this == RUNNING;
    }
}
