package org.mesocosm.runtime.master;

import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * Keeps N instances of each task group running. An instance that ends for any reason other than
 * a kill of the whole job is relaunched; one that keeps failing backs off exponentially, as
 * Marathon does, while one lost with its agent is relaunched at once (not its fault).
 */
final class ServiceController extends JobController {
    /** Per task group, per instance: failures in a row since the instance last ran healthily. */
    private final int[][] failuresInRow;

    ServiceController(JobSpec spec) {
        super(spec);
        failuresInRow = new int[spec.tasks().size()][];
        for (int g = 0; g < spec.tasks().size(); g++) failuresInRow[g] = new int[spec.tasks().get(g).instances()];
    }

    @Override
    void start(JobContext ctx) {
        for (TaskSpec t : spec().tasks()) {
            for (int i = 0; i < t.instances(); i++) ctx.createTask(this, t, i, 0);
        }
    }

    @Override
    void taskEnded(JobContext ctx, Task task) {
        if (isKilled()) return;
        int g = spec().tasks().indexOf(task.spec());
        int i = task.instance();
        MasterConfig cfg = ctx.config();
        boolean ranHealthy = task.startedAt() >= 0 && task.endedAt() - task.startedAt() >= cfg.serviceHealthyAfterMicros();
        long delay;
        if (task.state() == TaskState.LOST || task.state() == TaskState.KILLED || ranHealthy) {
            failuresInRow[g][i] = 0;
            delay = 0;
        } else {
            int n = Math.min(++failuresInRow[g][i], 30);
            delay = Math.min(cfg.serviceBackoffMaxMicros(), cfg.serviceBackoffBaseMicros() << (n - 1));
        }
        int nextAttempt = task.attempt() + 1;
        if (delay == 0) {
            ctx.createTask(this, task.spec(), i, nextAttempt);
        } else {
            ctx.after(delay, () -> {
                if (!isKilled()) ctx.createTask(this, task.spec(), i, nextAttempt);
            });
        }
    }

    @Override
    boolean isLongRunning() { return true; }
}
