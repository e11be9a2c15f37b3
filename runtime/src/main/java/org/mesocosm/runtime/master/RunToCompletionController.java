package org.mesocosm.runtime.master;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * Batch jobs and pipelines. A batch job is a pipeline of one step. A step starts when every step
 * it depends on has finished; a failed attempt is retried up to {@code maxRetries} times; a step
 * that fails for good discontinues every step that depends on it, directly or not.
 * Lost and preempted attempts are relaunched without counting as failures.
 */
final class RunToCompletionController extends JobController {
    private final List<TaskSpec> steps;
    private final int[] unmetDeps;
    private final int[] finishedInstances;
    private final int[][] failures;
    private final boolean[] started;
    private final boolean[] doomed;
    private final List<List<Integer>> dependents = new ArrayList<>();
    private int activeAttempts;
    private int stepsFinished;
    private boolean anyFailed;

    RunToCompletionController(JobSpec spec) {
        super(spec);
        steps = spec.tasks();
        int n = steps.size();
        unmetDeps = new int[n];
        finishedInstances = new int[n];
        failures = new int[n][];
        started = new boolean[n];
        doomed = new boolean[n];
        for (int s = 0; s < n; s++) {
            dependents.add(new ArrayList<>());
            failures[s] = new int[steps.get(s).instances()];
        }
        for (int s = 0; s < n; s++) {
            for (String d : steps.get(s).dependsOn()) {
                dependents.get(indexOf(d)).add(s);
                unmetDeps[s]++;
            }
        }
    }

    private int indexOf(String name) {
        for (int s = 0; s < steps.size(); s++) if (steps.get(s).name().equals(name)) return s;
        throw new IllegalArgumentException(name);
    }

    @Override
    void start(JobContext ctx) {
        for (int s = 0; s < steps.size(); s++) if (unmetDeps[s] == 0) startStep(ctx, s);
    }

    private void startStep(JobContext ctx, int s) {
        started[s] = true;
        TaskSpec t = steps.get(s);
        for (int i = 0; i < t.instances(); i++) {
            activeAttempts++;
            ctx.createTask(this, t, i, 0);
        }
    }

    @Override
    void taskEnded(JobContext ctx, Task task) {
        activeAttempts--;
        if (isKilled()) {
            maybeEnd(ctx);
            return;
        }
        int s = steps.indexOf(task.spec());
        int i = task.instance();
        TaskState st = task.state();
        if (st == TaskState.FINISHED) {
            if (++finishedInstances[s] == steps.get(s).instances()) {
                stepsFinished++;
                for (int d : dependents.get(s)) {
                    if (--unmetDeps[d] == 0 && !doomed[d]) startStep(ctx, d);
                }
            }
        } else if (st == TaskState.FAILED && ++failures[s][i] > spec().maxRetries()) {
            anyFailed = true;
            discontinueDependents(ctx, s);
        } else if (!doomed[s]) {
            // a retryable failure, or lost / preempted: run the instance again
            activeAttempts++;
            ctx.createTask(this, task.spec(), i, task.attempt() + 1);
        }
        maybeEnd(ctx);
    }

    private void discontinueDependents(JobContext ctx, int s) {
        for (int d : dependents.get(s)) {
            if (doomed[d] || started[d]) continue;
            doomed[d] = true;
            TaskSpec t = steps.get(d);
            for (int i = 0; i < t.instances(); i++) ctx.createDiscontinued(this, t, i);
            discontinueDependents(ctx, d);
        }
    }

    private void maybeEnd(JobContext ctx) {
        if (activeAttempts > 0) return;
        boolean allDone = stepsFinished == steps.size();
        boolean stuck = anyFailed || isKilled();
        if (allDone || stuck) ctx.jobEnded(this, allDone && !isKilled());
    }

    @Override
    boolean isLongRunning() { return false; }
}
