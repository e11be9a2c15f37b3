package org.mesocosm.runtime.master;

import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.util.GapList;

/**
 * Decides which task attempts a job needs, and reacts when one ends. Placement is not its
 * business: it creates PENDING tasks and the placement policy finds them a home.
 */
abstract class JobController {
    private final JobSpec spec;
    private boolean ended;
    private boolean killed;
    /** The cron job this is one run of, or null. */
    private JobController owner;
    /** Its tasks not yet terminal, kept by the master's {@link LiveTasks}. */
    private final GapList<Task> liveTasks = LiveTasks.newJobList();

    JobController(JobSpec spec) {
        this.spec = spec;
    }

    JobSpec spec() { return spec; }

    GapList<Task> liveTasks() { return liveTasks; }

    boolean isEnded() { return ended; }

    boolean isKilled() { return killed; }

    /** Creates the first tasks. */
    abstract void start(JobContext ctx);

    /** A task of this job reached a terminal state. */
    abstract void taskEnded(JobContext ctx, Task task);

    /** True for jobs that never complete on their own (services): the run does not wait for them. */
    abstract boolean isLongRunning();

    void markKilled() { killed = true; }

    JobController owner() { return owner; }

    void setOwner(JobController o) { owner = o; }

    /** The job was killed; its own tasks are the master's to kill, anything else (a cron job's runs) is the job's. */
    void killed(JobContext ctx) {}

    /** A run this job started (see {@link JobContext#startJob}) has ended. */
    void childEnded(JobContext ctx, JobController child, boolean succeeded) {}

    /** Sets the instance count of one task group; only services scale. */
    void scale(JobContext ctx, String taskName, int instances) {
        throw new IllegalArgumentException("job " + spec.id() + " is a " + spec.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " job; only services scale");
    }

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

        /** Registers and starts a job that another job created (a cron job's run); its owner hears when it ends. */
        void startJob(JobController job);

        /** Kills one task: a pending one ends KILLED at once, an active one gets a kill command. */
        void killTask(Task task);

        /** Kills a whole job, as a user's kill request would. */
        void killJob(String jobId);

        MasterConfig config();
    }
}
