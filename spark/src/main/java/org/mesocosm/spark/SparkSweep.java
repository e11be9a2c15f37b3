package org.mesocosm.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a sweep's tasks on Spark: one partition, and so one Spark task, per simulation. A task that
 * throws is retried by Spark ({@code spark.task.maxFailures}; in local mode the F of
 * {@code local[N,F]}); a task that still fails aborts the sweep with its point named; the rows that
 * come back are checked for completeness before the caller writes anything.
 */
public final class SparkSweep {
    private static final Pattern FAILED_TASK = Pattern.compile("Task (\\d+) in stage \\S+ failed (\\d+) times");

    private SparkSweep() {}

    public static List<SweepRow> run(JavaSparkContext sc, List<SweepTask> tasks, TaskRunner runner, PrintStream progress) {
        if (tasks.isEmpty()) return List.of();
        SparkProgress listener = new SparkProgress(tasks, progress);
        sc.sc().addSparkListener(listener);
        try {
            sc.setJobDescription("mesocosm sweep: " + tasks.size() + " simulations");
            List<SweepRow> rows = sc.parallelize(tasks, tasks.size()).map(t -> runOne(runner, t)).collect();
            return SweepRows.inTaskOrder(tasks, rows);
        } catch (Exception e) {
            // Scala code throws SparkException (checked) without declaring it, so javac cannot see it.
            if (e instanceof SparkException se) throw new PointFailedException(describeFailure(tasks, se), se);
            throw e;
        } finally {
            sc.sc().removeSparkListener(listener);
            listener.finish();
        }
    }

    private static SweepRow runOne(TaskRunner runner, SweepTask t) throws Exception {
        try {
            return runner.run(t);
        } catch (Exception | Error e) {
            // Name the point inside the executor, so the message that reaches the driver says which one.
            throw new PointFailedException("simulation " + t.describe() + " failed: " + e, e);
        }
    }

    /** Spark's abort message names the partition, and partition i holds task i. */
    static String describeFailure(List<SweepTask> tasks, SparkException e) {
        String msg = String.valueOf(e.getMessage());
        Matcher m = FAILED_TASK.matcher(msg);
        String first = msg.lines().findFirst().orElse(msg);
        if (m.find()) {
            int i = Integer.parseInt(m.group(1));
            String cause = firstLineWith(msg, "simulation #");
            if (i >= 0 && i < tasks.size()) {
                return "simulation " + tasks.get(i).describe() + " failed " + m.group(2) + " times (Spark retries exhausted)"
                        + (cause == null ? ": " + first : "; last error: " + cause);
            }
        }
        return "sweep aborted by Spark: " + first;
    }

    private static String firstLineWith(String text, String marker) {
        return text.lines().filter(l -> l.contains(marker)).findFirst()
                .map(l -> l.substring(l.indexOf(marker))).orElse(null);
    }

    /** A simulation failed for good (or, in an executor, failed once: Spark then retries it). */
    public static final class PointFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PointFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
