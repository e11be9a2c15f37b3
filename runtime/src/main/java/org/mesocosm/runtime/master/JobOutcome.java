package org.mesocosm.runtime.master;

/** How a job that has ended ended. */
public enum JobOutcome {
    /** Every task finished (batch, pipeline, a cron job's run). */
    SUCCEEDED,
    /** A task failed for good, so the job cannot complete. */
    FAILED,
    /** A kill was requested (by a user, or by a cron job replacing its run) before it completed. */
    KILLED
}
