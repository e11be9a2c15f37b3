package org.mesocosm.runtime.master;

import org.mesocosm.runtime.model.JobSpec;

/**
 * Decides which task attempts a job needs, and reacts when one ends. Placement is not its
 * business: it creates PENDING tasks and the placement policy finds them a home.
 */
abstract class JobController {
    private final JobSpec spec;
    private boolean ended;
    private boolean killed;

    JobController(JobSpec spec) {
        this.spec = spec;
    }

    JobSpec spec() { return spec; }

    boolean isEnded() { return ended; }

    boolean isKilled() { return killed; }

    /** Creates the first tasks. */
    abstract void start(JobContext ctx);

    /** A task of this job reached a terminal state. */
    abstract void taskEnded(JobContext ctx, Task task);

    /** True for jobs that never complete on their own (services): the run does not wait for them. */
    abstract boolean isLongRunning();

    void markKilled() { killed = true; }

    /** Ends the job once; returns false if it had already ended. */
    boolean markEnded() {
        if (ended) return false;
        ended = true;
        return true;
    }

    /** What a controller may ask of the master. */
    interface JobContext {
        long now();

        /** Creates a PENDING task and hands it to the placement policy. */
        Task createTask(JobController job, org.mesocosm.runtime.model.TaskSpec spec, int instance, int attempt);

        /** Records a task that will never run because a dependency failed. */
        void createDiscontinued(JobController job, org.mesocosm.runtime.model.TaskSpec spec, int instance);

        /** Runs {@code action} after a delay (backoff). */
        void after(long delayMicros, Runnable action);

        /** The job is over. */
        void jobEnded(JobController job, boolean succeeded);

        MasterConfig config();
    }
}
