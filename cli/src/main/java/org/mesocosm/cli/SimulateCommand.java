package org.mesocosm.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.mesocosm.reports.RunReport;
import org.mesocosm.reports.SummaryTable;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.workloads.ClusterShapes;
import org.mesocosm.workloads.MixedWorkload;
import org.mesocosm.workloads.Workloads;
import org.mesocosm.runtime.metrics.MeasurementWindow;
import org.mesocosm.cli.experiments.ExperimentOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        header = "Run one deterministic simulation and write a run directory.",
        description = {"The run directory holds summary.json, tasks.csv, timeline.csv and report.html.",
                "With no options: 1,000 nodes, the mixed workload (~50,000 tasks), DRF offers, seed 1."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "1000", description = "Cluster size (32-core, 128 GiB nodes). Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Mixin
    SingleRunOptions run;

    @Option(names = "--workload", defaultValue = "mixed", description = "Built-in workload: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = WorkloadNames.class)
    String workload;

    @Option(names = "--failures", defaultValue = "0", paramLabel = "RATE",
            description = "Machine failures per node per day (exponential); failed machines are repaired. Default: ${DEFAULT-VALUE}.")
    double failures;

    @Option(names = "--max-time", defaultValue = "30d", description = "Stop at this simulated time (e.g. 12h, 7d). Default: ${DEFAULT-VALUE}.")
    String maxTime;

    @Option(names = "--out", description = "Run directory. Default: runs/<time>-<policy>-<workload>-s<seed>.")
    Path out;

    @Option(names = "--no-report", description = "Skip report.html (faster for scripted sweeps).")
    boolean noReport;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "google-cell: a Google cell, 12,500 nodes, the google-like workload, 7 simulated days."
                    + " Options given explicitly win over the preset's.")
    String preset;

    @Mixin
    MeasurementWindowOptions window;

    @Option(names = "--days", paramLabel = "N", description = "Simulated days to run; the same as --max-time Nd.")
    Integer days;

    @Mixin
    DecisionTimeOption decisionTime;

    @Spec
    CommandSpec spec;

    /** Fills what the preset sets, unless the user gave that option. */
    private void applyPreset() {
        if (preset == null) return;
        if (!preset.equals("google-cell")) throw new Mesocosm.UserError("unknown --preset '" + preset + "'; valid: google-cell");
        var given = spec.commandLine().getParseResult();
        if (!given.hasMatchedOption("--nodes")) nodes = 12_500;
        if (!given.hasMatchedOption("--workload")) workload = "google-like";
        if (!given.hasMatchedOption("--max-time") && days == null) maxTime = "7d";
    }

    @Override
    public Integer call() throws Exception {
        applyPreset();
        if (days != null) {
            if (days < 1) throw new Mesocosm.UserError("--days must be at least 1, got " + days);
            if (spec.commandLine().getParseResult().hasMatchedOption("--max-time")) {
                throw new Mesocosm.UserError("give --days or --max-time, not both");
            }
            maxTime = days + "d";
        }
        if (nodes < 1) throw new Mesocosm.UserError("--nodes must be at least 1, got " + nodes);
        if (!(failures >= 0)) throw new Mesocosm.UserError("--failures must be >= 0, got " + failures);
        long maxMicros = Durations.parseMicros(maxTime);
        if (maxMicros <= 0) throw new Mesocosm.UserError("--max-time must be positive");
        MeasurementWindow window = this.window.window();
        maxMicros = ExperimentOptions.limit(maxMicros, window, "--max-time " + maxTime);
        DecisionTime dt = decisionTime.decisionTime();
        SimulationRunner.timed(run.policy, dt); // fail fast on a bad policy (or one that needs another decision time), before any work
        List<NodeGroup> cluster = ClusterShapes.uniform(nodes, ClusterShapes.DEFAULT_NODE);
        WorkloadSource source = Workloads.create(workload, nodes, run.seed);
        maxMicros = ExperimentOptions.limit(Math.min(maxMicros, SteadyRuns.endMicros(source)), window, "the workload's arrivals end");
        SimConfig cfg = SimConfig.defaults(cluster, run.seed).withFailures(failures).withTimeLimits(0, maxMicros);
        Path dir = out != null ? out : defaultOut();
        long expected = source instanceof MixedWorkload m ? m.settings().expectedTasks() : 0;
        ProgressLine progress = new ProgressLine("[" + run.policy + "]", expected);
        SimulationRunner.Outcome o = SimulationRunner.run(
                new SimulationRunner.RunSpec(run.policy, workload, source, cluster, cfg, expected, dir, window, dt), run.quiet ? (a, b, c, d) -> {} : progress);
        progress.done();
        if (!noReport) RunReport.write(dir);
        System.out.print(SummaryTable.render(o.summary()));
        System.err.println("wrote " + dir + (noReport ? "" : " (open " + dir.resolve("report.html") + ")"));
        return 0;
    }

    private Path defaultOut() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String p = run.policy.replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of("runs", stamp + "-" + p + "-" + workload + "-s" + run.seed);
    }

    static final class WorkloadNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Workloads.names().iterator();
        }
    }
}
