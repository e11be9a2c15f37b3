package org.mesocosm.runtime.master;

import java.util.Arrays;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * Keeps N instances of each task group running. An instance that ends for any reason other than
 * a kill of the whole job is relaunched; one that keeps failing backs off exponentially, as
 * Marathon does, while one lost with its agent is relaunched at once (not its fault). Scaling up
 * adds instances; scaling down kills the highest-numbered ones.
 */
final class ServiceController extends JobController {
    private final Group[] groups;

    /** Per task group, per instance slot. Slots above the target are kept (a later scale-up reuses them). */
    private static final class Group {
        final TaskSpec spec;
        int target;
        /** Failures in a row since the instance last ran healthily. */
        int[] failuresInRow;
        /** Attempt number of the next launch, so that task ids stay unique across restarts and rescaling. */
        int[] nextAttempt;
        /** The attempt the slot is waiting on; null when none (ended, waiting out a backoff, or scaled away). */
        Task[] current;
        /** A relaunch is scheduled after a backoff. */
        boolean[] backingOff;

        Group(TaskSpec spec) {
            this.spec = spec;
            this.target = spec.instances();
            failuresInRow = new int[target];
            nextAttempt = new int[target];
            current = new Task[target];
            backingOff = new boolean[target];
        }

        void ensure(int n) {
            if (n <= current.length) return;
            failuresInRow = Arrays.copyOf(failuresInRow, n);
            nextAttempt = Arrays.copyOf(nextAttempt, n);
            current = Arrays.copyOf(current, n);
            backingOff = Arrays.copyOf(backingOff, n);
        }
    }

    ServiceController(JobSpec spec) {
        super(spec);
        groups = new Group[spec.tasks().size()];
        for (int g = 0; g < groups.length; g++) groups[g] = new Group(spec.tasks().get(g));
    }

    @Override
    void start(JobContext ctx) {
        for (Group g : groups) {
            for (int i = 0; i < g.target; i++) launch(ctx, g, i);
        }
    }

    private void launch(JobContext ctx, Group g, int i) {
        g.current[i] = ctx.createTask(this, g.spec, i, g.nextAttempt[i]++);
    }

    @Override
    void taskEnded(JobContext ctx, Task task) {
        if (isKilled()) return;
        Group g = groups[spec().tasks().indexOf(task.spec())];
        int i = task.instance();
        if (g.current[i] != task) return; // scaled away, or replaced after a scale-down and up
        g.current[i] = null;
        if (i >= g.target) return;
        MasterConfig cfg = ctx.config();
        boolean ranHealthy = task.startedAt() >= 0 && task.endedAt() - task.startedAt() >= cfg.serviceHealthyAfterMicros();
        long delay;
        if (task.state() == TaskState.LOST || task.state() == TaskState.KILLED || ranHealthy) {
            g.failuresInRow[i] = 0;
            delay = 0;
        } else {
            int n = Math.min(++g.failuresInRow[i], 30);
            delay = Math.min(cfg.serviceBackoffMaxMicros(), cfg.serviceBackoffBaseMicros() << (n - 1));
        }
        if (delay == 0) {
            launch(ctx, g, i);
        } else {
            g.backingOff[i] = true;
            ctx.after(delay, () -> {
                g.backingOff[i] = false;
                if (!isKilled() && i < g.target && g.current[i] == null) launch(ctx, g, i);
            });
        }
    }

    @Override
    void scale(JobContext ctx, String taskName, int instances) {
        if (instances < 0) throw new IllegalArgumentException("job " + spec().id() + ": instances must be >= 0, got " + instances);
        Group g = null;
        for (Group x : groups) if (x.spec.name().equals(taskName)) g = x;
        if (g == null) throw new IllegalArgumentException("job " + spec().id() + " has no task group '" + taskName + "'");
        if (isKilled()) return;
        int old = g.target;
        g.target = instances;
        g.ensure(instances);
        for (int i = old; i < instances; i++) {
            if (g.current[i] == null && !g.backingOff[i]) launch(ctx, g, i);
        }
        for (int i = instances; i < old; i++) {
            Task t = g.current[i];
            g.current[i] = null; // before the kill: a pending task ends at once and must not be relaunched
            if (t != null) ctx.killTask(t);
        }
    }

    @Override
    boolean isLongRunning() { return true; }
}
