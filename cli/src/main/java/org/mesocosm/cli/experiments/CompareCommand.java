package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.workloads.ClusterShapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run several policies on the same workload and seeds (paired runs), in parallel on the machine's cores.",
                "Writes compare.csv (mean and 95% CI per policy and metric), paired.csv (paired differences with",
                "t-test and Wilcoxon p-values), runs.csv (one row per run) and report.html (policies overlaid);",
                "prints the table. Default horizon: the run ends when all work is done (at most --max-time)."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--policies", required = true, description = "Policy specs NAME[:k=v,...], comma-separated, e.g. drf,k8s,borg.")
    String policies;

    @Option(names = "--nodes", defaultValue = "1000", description = "Cluster size (32-core, 128 GiB nodes). Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--workload", defaultValue = "mixed", description = "Built-in workload, sized for the cluster. Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--keep-runs", description = "Keep every run's directory under OUT/runs (summary.json, tasks.csv, timeline.csv).")
    boolean keepRuns;

    @Mixin
    ExperimentOptions opts;

    @Override
    public Integer call() throws IOException, InterruptedException {
        opts.check(2);
        if (nodes < 1) throw new Mesocosm.UserError("--nodes must be at least 1, got " + nodes);
        List<String> specs = PolicyList.parseAndCheck(policies);
        if (specs.size() < 2) throw new Mesocosm.UserError("--policies needs at least two policies to compare, got " + specs.size());
        WorkloadFactory wl = SyntheticWorkload.scaled(workload, Double.NaN);
        long[] seeds = opts.seedList();
        long maxMicros = opts.maxMicros();

        List<ExperimentEngine.Run<RunPoint>> runs = new ArrayList<>();
        for (String p : specs) {
            RunPoint point = new RunPoint(p, wl, nodes, ClusterShapes.DEFAULT_NODE, maxMicros);
            for (long s : seeds) runs.add(new ExperimentEngine.Run<>(point, s));
        }
        Files.createDirectories(out);
        Path runsDir = keepRuns ? Files.createDirectories(out.resolve("runs")) : null;
        ExperimentEngine engine = opts.engine();
        RunProgress progress = new RunProgress(System.err, "[compare]", RunProgress.pointsBySeeds(specs.size(), seeds.length), opts.quiet);
        progress.start(Math.min(engine.threads(), runs.size()));
        var outcomes = engine.runAll(runs, new PointRunner(runsDir, true), progress);

        List<List<ExperimentEngine.Outcome<RunPoint, RunRecord>>> byPolicy = new ArrayList<>();
        for (int p = 0; p < specs.size(); p++) byPolicy.add(outcomes.subList(p * seeds.length, (p + 1) * seeds.length));
        Comparison c = new Comparison(specs, seeds, byPolicy);
        c.writeCompareCsv(out.resolve("compare.csv"));
        c.writePairedCsv(out.resolve("paired.csv"));
        c.writeRunsCsv(out.resolve("runs.csv"));
        String setup = "Workload " + workload + " sized for " + nodes + " nodes of 32 cores and 128 GiB, runs stopped after all work "
                + "was done or at " + opts.maxTime + " of simulated time.";
        CompareReport.write(out.resolve("report.html"), c, setup);
        System.out.print(CompareReport.table(c));
        return Failures.report(out, outcomes, "compare");
    }
}
