package org.mesocosm.runtime.master;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.cron.CronSchedule;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;

/**
 * A job that starts a run of its tasks on a cron schedule. Each firing creates a child job,
 * {@code <id>@<n>} for the n-th run, which behaves exactly as a batch job (a pipeline if its tasks
 * depend on each other): the child is what users inspect and kill, and what metrics count. The
 * concurrency policy decides what a firing does while an earlier run is still going.
 *
 * <p>The master has no clock: it reads the schedule on its own time scale shifted by
 * {@link MasterConfig#epochOffsetMicros()}. A firing that comes late (a busy loop, a paused
 * process) starts one run, never a burst of catch-up runs.
 */
final class CronController extends JobController {
    /** Separates a cron job's id from its run number; job ids in specs may not contain it. */
    static final char RUN_SEPARATOR = '@';

    private final CronSchedule schedule;
    /** Runs that have not ended, oldest first. */
    private final List<JobController> active = new ArrayList<>();
    private int runs;
    private long skipped;

    CronController(JobSpec spec) {
        super(spec);
        this.schedule = spec.cron();
    }

    @Override
    void start(JobContext ctx) {
        arm(ctx, epochNow(ctx));
    }

    private static long epochNow(JobContext ctx) {
        return ctx.now() + ctx.config().epochOffsetMicros();
    }

    /** Sets the timer for the first firing after {@code epochMicros}. */
    private void arm(JobContext ctx, long epochMicros) {
        long at = schedule.nextAfter(epochMicros);
        ctx.after(Math.max(0, at - epochNow(ctx)), () -> fire(ctx, at));
    }

    private void fire(JobContext ctx, long scheduledEpochMicros) {
        if (isKilled()) return;
        switch (schedule.concurrency()) {
            case FORBID -> {
                if (!active.isEmpty()) {
                    skipped++;
                    arm(ctx, Math.max(scheduledEpochMicros, epochNow(ctx)));
                    return;
                }
            }
            case REPLACE -> {
                for (JobController run : List.copyOf(active)) ctx.killJob(run.spec().id());
            }
            case ALLOW -> { }
        }
        startRun(ctx);
        arm(ctx, Math.max(scheduledEpochMicros, epochNow(ctx)));
    }

    private void startRun(JobContext ctx) {
        JobSpec s = spec();
        boolean dag = s.tasks().stream().anyMatch(t -> !t.dependsOn().isEmpty());
        JobSpec runSpec = new JobSpec(s.id() + RUN_SEPARATOR + (++runs), s.role(), dag ? JobKind.PIPELINE : JobKind.BATCH, s.priority(),
                s.tasks(), s.maxRetries(), null, s.framework()); // each run goes to the framework its cron job names
        RunToCompletionController run = new RunToCompletionController(runSpec);
        run.setOwner(this);
        active.add(run);
        ctx.startJob(run);
    }

    @Override
    void childEnded(JobContext ctx, JobController child, boolean succeeded) {
        active.remove(child);
    }

    @Override
    void killed(JobContext ctx) {
        for (JobController run : List.copyOf(active)) ctx.killJob(run.spec().id());
    }

    @Override
    void taskEnded(JobContext ctx, Task task) {
        throw new IllegalStateException("cron job " + spec().id() + " owns no tasks itself; " + task + " belongs to a run");
    }

    /** Runs started so far. */
    int runs() { return runs; }

    /** Firings skipped because a run was still going (policy forbid). */
    long skipped() { return skipped; }

    @Override
    boolean isLongRunning() { return true; }
}
