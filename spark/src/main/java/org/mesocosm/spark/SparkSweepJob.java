package org.mesocosm.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.cli.experiments.Grid;
import org.mesocosm.runtime.policy.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point: expands the grid on the driver, runs one simulation per
 * Spark task, checks every (point, seed) row came back, and writes {@code OUT/sweep.csv}.
 * Exit status: 0 done, 1 a simulation failed after its retries, 2 bad input.
 */
@Command(name = "mesocosm-spark-sweep", mixinStandardHelpOptions = true,
        description = "Run a Mesocosm sweep on Apache Spark: one Spark task per grid point and seed; writes OUT/sweep.csv.")
public final class SparkSweepJob implements Callable<Integer> {

    @Option(names = "--grid", required = true, description = "key=v1,v2;key=... over policy, workload, nodes, load, as for 'mesocosm sweep'.")
    String grid;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds per point: first..first+N-1. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "Seeds run from this value. Default: ${DEFAULT-VALUE}.")
    long firstSeed;

    @Option(names = "--out", required = true, description = "Output directory on the driver's file system; gets sweep.csv.")
    Path out;

    @Option(names = "--policy", defaultValue = "drf", description = "Policy when the grid has none. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--workload", defaultValue = "mixed", description = "Workload when the grid has none. Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--nodes", defaultValue = "1000", description = "Cluster size when the grid has none. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--max-time", defaultValue = "30d", description = "Stop each run at this simulated time (e.g. 12h, 7d). Default: ${DEFAULT-VALUE}.")
    String maxTime;

    /** Set by tests to reuse one context; spark-submit runs get a fresh one. */
    JavaSparkContext context;
    /** Set by tests to wrap the simulator (fault injection); the default runs the real simulation. */
    TaskRunner runner;

    public static void main(String[] args) {
        System.exit(execute(null, args));
    }

    /** Runs the job on {@code context} (or a new one when null) and returns the exit status. */
    public static int execute(JavaSparkContext context, String... args) {
        return execute(context, null, args);
    }

    static int execute(JavaSparkContext context, TaskRunner runner, String... args) {
        SparkSweepJob job = new SparkSweepJob();
        job.context = context;
        job.runner = runner;
        CommandLine cl = new CommandLine(job);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintStream err = System.err;
            if (e instanceof IllegalArgumentException || e instanceof Mesocosm.UserError) {
                err.println("mesocosm-spark-sweep: error: " + e.getMessage());
                return 2;
            }
            err.println("mesocosm-spark-sweep: failed: " + e.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (firstSeed < 0) throw new IllegalArgumentException("--first-seed must be >= 0, got " + firstSeed);
        long maxMicros = Durations.parseMicros(maxTime);
        if (maxMicros <= 0) throw new IllegalArgumentException("--max-time must be positive");
        // Every bad value is found here, on the driver, before Spark starts anything.
        List<SweepTask> tasks = SweepPlan.tasks(Grid.parse(grid), new SweepPlan.Defaults(policy, workload, nodes),
                SweepPlan.seeds(seeds, firstSeed), maxMicros);
        TaskRunner run = runner != null ? runner : new SimulationTask();
        System.err.printf("[spark] %d points x %d seeds = %d simulations%n", tasks.size() / seeds, seeds, tasks.size());
        List<SweepRow> rows;
        if (context != null) {
            rows = SparkSweep.run(context, tasks, run, System.err);
        } else {
            try (JavaSparkContext sc = new JavaSparkContext(conf())) {
                rows = SparkSweep.run(sc, tasks, run, System.err);
            }
        }
        Path csv = SweepCsvWriter.write(out, tasks, rows);
        System.err.println("[spark] wrote " + csv + " (" + rows.size() + " rows)");
        return 0;
    }

    /** spark-submit sets the master; a bare {@code java -cp} run gets local mode with task retries. */
    private static SparkConf conf() {
        SparkConf conf = new SparkConf().setAppName("mesocosm-sweep");
        conf.setIfMissing("spark.master", "local[*,4]");
        return conf;
    }
}
