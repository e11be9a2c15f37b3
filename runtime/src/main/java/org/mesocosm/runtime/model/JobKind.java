package org.mesocosm.runtime.model;

public enum JobKind {
    /** Long-running: keep N instances, relaunch on failure or loss. */
    SERVICE,
    /** Run to completion with bounded retries. */
    BATCH,
    /** A batch job started on a schedule. */
    CRON,
    /** A DAG of tasks; dependents of a task that failed for good are discontinued. */
    PIPELINE
}
