package org.mesocosm.spark;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.Success$;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Prints "done/total" on stderr as Spark tasks end, and every failed attempt with its point. */
final class SparkProgress extends SparkListener {
    private final List<SweepTask> tasks;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private int done;
    private int failedAttempts;

    SparkProgress(List<SweepTask> tasks, PrintStream out) {
        this.tasks = tasks;
        this.out = out;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        int partition = end.taskInfo().partitionId();
        String what = partition >= 0 && partition < tasks.size() ? tasks.get(partition).describe() : "partition " + partition;
        if (end.reason() == Success$.MODULE$) {
            done++;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double eta = elapsed / done * (tasks.size() - done);
            out.printf("[spark] %d/%d simulations done, %.0fs elapsed, ETA %.0fs%n", done, tasks.size(), elapsed, eta);
        } else {
            failedAttempts++;
            out.printf("[spark] attempt %d of simulation %s failed: %s%n", end.taskInfo().attemptNumber() + 1, what,
                    reason(end));
        }
    }

    private static String reason(SparkListenerTaskEnd end) {
        if (end.reason() instanceof ExceptionFailure f) return f.description();
        if (end.reason() instanceof TaskFailedReason r) return r.toErrorString().lines().findFirst().orElse("");
        return String.valueOf(end.reason());
    }

    synchronized void finish() {
        if (failedAttempts > 0) out.printf("[spark] %d failed attempts in all%n", failedAttempts);
    }
}
