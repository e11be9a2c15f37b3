package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.cli.OptionWording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true, resourceBundle = "org.mesocosm.cli.experiments.CompareCommand$Help",
        header = "Run several policies on the same workload and seeds (paired runs) and compare them.",
        description = {"Runs in parallel on the machine's cores. Writes compare.csv (mean and 95%% CI per policy and metric), "
                + "paired.csv (paired differences with t-test and Wilcoxon p-values), runs.csv (one row per run) and "
                + "report.html (policies overlaid); prints the table.",
                "Default horizon: a run on a steady built-in workload (mixed, batch, services, overload) ends when its arrivals "
                        + "end, any other when all its work is done; at most --max-time, or the end of --measure."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--policies", required = true, description = "Policy specs NAME[:k=v,...], comma-separated, e.g. drf,k8s,borg.")
    String policies;

    @Mixin
    GridOptions gridOptions;

    /** What --nodes and --workload mean here (every point has them), and what a kept run holds. */
    public static final class Help extends OptionWording {
        public Help() {
            super(GridOptions.NODES_KEY, "Cluster size (32-core, 128 GiB nodes). Default: ${DEFAULT-VALUE}.",
                    GridOptions.WORKLOAD_KEY, "Built-in workload, sized for the cluster. Default: ${DEFAULT-VALUE}.",
                    GridOptions.KEEP_RUNS_KEY, "Keep every run's directory under OUT/runs (summary.json, tasks.csv, timeline.csv).");
        }
    }

    @Mixin
    ExperimentOptions opts;

    @Mixin
    org.mesocosm.cli.OutputOption output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        opts.check(2);
        boolean json = output.json();
        List<String> specs = PolicyList.parseAndCheck(policies);
        if (specs.size() < 2) throw new Mesocosm.UserError("--policies needs at least two policies to compare, got " + specs.size());
        long maxMicros = opts.maxMicros();
        String workload = gridOptions.workload;
        int nodes = gridOptions.nodes;
        List<RunPoint> points = SweepGrid.perPolicy(specs, workload, nodes).stream().map(p -> p.run(maxMicros)).toList();
        long[] seeds = opts.seedList();

        Path out = gridOptions.out;
        var outcomes = opts.runPoints("[compare]", points, new PointRunner(gridOptions.createDirectories(), true, opts.window()));

        List<List<ExperimentEngine.Outcome<RunPoint, RunRecord>>> byPolicy = new ArrayList<>();
        for (int p = 0; p < specs.size(); p++) byPolicy.add(outcomes.subList(p * seeds.length, (p + 1) * seeds.length));
        Comparison c = new Comparison(specs, seeds, byPolicy);
        c.writeCompareCsv(out.resolve("compare.csv"));
        c.writePairedCsv(out.resolve("paired.csv"));
        c.writeRunsCsv(out.resolve("runs.csv"));
        String setup = "Workload " + workload + " sized for " + nodes + " nodes of 32 cores and 128 GiB, runs stopped when a steady "
                + "workload's arrivals ended or all work was done, at most at " + opts.maxTime + " of simulated time; "
                + opts.windowText() + ".";
        CompareReport.write(out.resolve("report.html"), c, setup);
        if (json) org.mesocosm.cli.OutputOption.print(CompareReport.json(c));
        else System.out.print(CompareReport.table(c));
        return Failures.report(out, outcomes, "compare");
    }
}
