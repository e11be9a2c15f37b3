package org.mesocosm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mesocosm.reports.RunReport;
import org.mesocosm.reports.SummaryTable;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.runtime.metrics.RunOutput;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceSpec;
import org.mesocosm.traces.TraceWorkload;
import org.mesocosm.traces.stats.TraceFidelity;
import org.mesocosm.traces.stats.TraceProfile;
import org.mesocosm.workloads.ClusterShapes;
import org.mesocosm.workloads.GoogleCell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mesocosm replay --trace FORMAT:PATH}: a trace as the workload of one simulation. Writes
 * the same run directory as {@code simulate} (through {@link SimulationRunner}) plus
 * {@code fidelity.csv}, and adds the trace's read counts and the fidelity table to summary.json.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, resourceBundle = "org.mesocosm.cli.ReplayCommand$Help",
        header = "Replay a cluster trace against a policy and compare the run with the trace.",
        description = {"Writes the run output of 'simulate' plus a fidelity table (trace recorded vs simulated) in fidelity.csv. "
                + "FORMAT one of google2011, google2019, alibaba2018, swf, bin (a converted trace, also recognized without the prefix)."})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--trace", required = true, paramLabel = "FORMAT:PATH", description = "The trace to replay.")
    String trace;

    @Mixin
    TraceOptionsMixin traceOptions;

    /** This command's wording of {@code --lenient} and {@code --window}. */
    public static final class Help extends OptionWording {
        public Help() {
            super(TraceOptionsMixin.LENIENT_KEY, "Skip malformed rows (counted per reason, reported here and in summary.json).",
                    TraceOptionsMixin.WINDOW_KEY, "Replay only this part of the trace (trace time, e.g. 0..6h, 1d..2d).");
        }
    }

    @Mixin
    SingleRunOptions run;

    @Option(names = "--nodes", defaultValue = "from-trace", paramLabel = "N|from-trace",
            description = "A fixed cluster of N machines of the format's declared size, or the trace's own machines"
                    + " as they come and go. Default: ${DEFAULT-VALUE}.")
    String nodes;

    @Option(names = "--speedup", defaultValue = "1", paramLabel = "X",
            description = "Divide arrival times by X (run times stay as recorded): X times the load. Default: ${DEFAULT-VALUE}.")
    double speedup;

    @Option(names = "--max-time", defaultValue = "400d", description = "Stop at this simulated time. Default: ${DEFAULT-VALUE}.")
    String maxTime;

    @Option(names = "--out", description = "Run directory. Default: runs/<time>-<policy>-replay-<format>-s<seed>.")
    Path out;

    @Option(names = "--no-report", description = "Skip report.html.")
    boolean noReport;

    @Option(names = "--failures", defaultValue = "0", paramLabel = "PER_NODE_PER_DAY",
            description = "Seeded machine failures on top of the trace's own machine events (per node per day; repaired after a"
                    + " seeded time). 0 keeps only what the trace recorded, and then nothing a seed draws changes a replay: the"
                    + " interval over --seeds has zero width. Default: ${DEFAULT-VALUE}.")
    double failures;

    @Option(names = "--seeds", defaultValue = "5", paramLabel = "N",
            description = "Replay with N seeds (--seed, --seed+1, ...): the fidelity table gives the simulated side's mean and"
                    + " 95%% CI over them (what a seed changes: failures, network, anything not in the trace). The run directory"
                    + " holds the first seed's run; the others go to seeds/<seed>/. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Override
    public Integer call() throws Exception {
        if (!(speedup > 0 && speedup < 1e9)) throw new Mesocosm.UserError("--speedup must be > 0, got " + speedup);
        if (seeds < 1 || seeds > 1000) throw new Mesocosm.UserError("--seeds must be 1..1000, got " + seeds);
        if (!(failures >= 0 && failures < 1e6)) throw new Mesocosm.UserError("--failures must be >= 0, got " + failures);
        long maxMicros = Durations.parseMicros(maxTime);
        if (maxMicros <= 0) throw new Mesocosm.UserError("--max-time must be positive");
        PolicyRegistry.load().create(run.policy); // fail fast on a bad policy, before reading anything
        TraceSpec spec = TraceArgs.spec(trace);
        TraceOptions opts = traceOptions.options();
        List<NodeGroup> cluster = cluster(opts.machineOr(spec.format().defaultMachine()));
        Path dir = out != null ? out : defaultOut(spec);

        // the first seed: the run directory, the trace's side of the table, the window check
        TraceReader reader = TraceArgs.open(spec, opts);
        TraceWorkload workload = new TraceWorkload(reader, speedup);
        TraceFidelity recorded = new TraceFidelity();
        if (!cluster.isEmpty()) {
            recorded.fixedCapacity(GoogleCell.capacity(cluster));
            workload.withoutMachines();
        }
        TraceProfile profile = new TraceProfile();
        TraceCoverage coverage = TraceCoverage.applies(spec.format()) ? new TraceCoverage(reader.stats(), cluster.isEmpty()) : null;
        SimDelays delays = new SimDelays();
        if (coverage != null) workload.listen(coverage);
        workload.listen(recorded).listen(profile).listen(delays);
        SimulationRunner.Extras extras = new SimulationRunner.Extras(List.of(delays), summary -> {
            recorded.finish(workload.spanMicros());
            Map<String, Object> m = new LinkedHashMap<>();
            if (cluster.isEmpty()) m.put("nodes", profile.machines());
            m.put("trace", reader.name());
            m.put("trace_span_s", workload.spanMicros() / 1e6);
            m.put("trace_speedup", speedup);
            m.putAll(reader.stats().summaryEntries());
            m.put("trace_delay_censored", recorded.delayCensored());
            m.put("trace_delay_not_recorded", recorded.delayNotRecorded());
            return m;
        }, true);
        String workloadName = "trace:" + spec.format().id();
        SimulationRunner.Outcome o;
        try {
            o = runOne(workload, cluster, run.seed, maxMicros, dir, extras, workloadName);
        } catch (TraceCoverage.NotCovered e) {
            throw new Mesocosm.UserError("cannot replay " + spec + " on its own machines: "
                    + TraceCoverage.describe(readToEnd(spec, opts)) + "; give a cluster with --nodes N", ExitCodes.NO_ANSWER);
        }
        List<FidelityTable.Seed> runs = new ArrayList<>();
        runs.add(new FidelityTable.Seed(delays, o.summary()));
        for (int i = 1; i < seeds; i++) runs.add(otherSeed(spec, opts, cluster, run.seed + i, maxMicros, dir.resolve("seeds").resolve("s" + (run.seed + i)), workloadName));

        FidelityTable table = FidelityTable.of(recorded, runs);
        o.summary().put("fidelity", table.summaryEntry());
        o.summary().put("fidelity_seeds", seeds);
        RunOutput.writeSummary(dir.resolve("summary.json"), o.summary());
        table.writeCsv(dir.resolve("fidelity.csv"));
        if (!noReport) RunReport.write(dir);
        System.out.print(SummaryTable.render(o.summary()));
        System.out.print(table.text());
        if (recorded.delayCensored() > 0 || recorded.delayNotRecorded() > 0) {
            String per = recorded.delayUnit().equals("job") ? "jobs" : "attempts";
            System.out.printf(Locale.ROOT, "delay unknown: %,d %s without a SUBMIT in the window (left-censored), %,d whose format records"
                    + " no submit time; left out of both sides' delay percentiles%n", recorded.delayCensored(), per, recorded.delayNotRecorded());
        }
        var stats = reader.stats();
        System.out.printf(Locale.ROOT, "trace rows   %,d read, %,d skipped%s%n", stats.rows(), stats.skipped(),
                stats.skipped() == 0 ? "" : " " + stats.skippedByReason());
        if (coverage != null && !coverage.covered()) {
            System.err.println("warning: " + TraceCoverage.describe(stats) + "; replayed on the synthetic cluster of --nodes " + nodes);
        }
        if (cluster.isEmpty() && profile.machines() == 0 && profile.tasks() > 0) {
            System.err.println("note: the trace recorded no machines, so nothing could run; give the cluster with --nodes N");
        }
        System.err.println("wrote " + dir + (noReport ? "" : " (open " + dir.resolve("report.html") + ")"));
        return 0;
    }

    private SimulationRunner.Outcome runOne(TraceWorkload workload, List<NodeGroup> cluster, long s, long maxMicros, Path dir,
                                            SimulationRunner.Extras extras, String workloadName) throws IOException {
        SimConfig cfg = SimConfig.defaults(cluster, s).withTimeLimits(0, maxMicros).withFailures(failures);
        ProgressLine progress = new ProgressLine("[" + run.policy + " replay s" + s + "]", 0);
        try {
            SimulationRunner.Outcome o = SimulationRunner.run(new SimulationRunner.RunSpec(run.policy, workloadName, workload, cluster, cfg, 0, dir),
                    run.quiet ? (a, b, c, d) -> {} : progress, extras);
            progress.done();
            return o;
        } catch (TraceException e) {
            throw new Mesocosm.UserError(e.getMessage());
        } finally {
            workload.close();
        }
    }

    /** One more seed: the same trace read afresh, only its simulated delays and summary kept. */
    private FidelityTable.Seed otherSeed(TraceSpec spec, TraceOptions opts, List<NodeGroup> cluster, long s, long maxMicros, Path dir,
                                         String workloadName) throws IOException {
        TraceWorkload w = new TraceWorkload(TraceArgs.open(spec, opts), speedup);
        if (!cluster.isEmpty()) w.withoutMachines();
        SimDelays d = new SimDelays();
        w.listen(d);
        SimulationRunner.Outcome o = runOne(w, cluster, s, maxMicros, dir, new SimulationRunner.Extras(List.of(d), m -> Map.of(), true), workloadName);
        return new FidelityTable.Seed(d, o.summary());
    }

    /** Reads the whole trace without simulating, for the windows an error names. */
    private static ReadStats readToEnd(TraceSpec spec, TraceOptions opts) {
        try (TraceReader r = TraceArgs.open(spec, opts)) {
            while (r.next() != null) { /* only the stats are wanted */ }
            return r.stats();
        }
    }

    private List<NodeGroup> cluster(Resources machine) {
        if (nodes.equalsIgnoreCase("from-trace")) return List.of();
        int n;
        try {
            n = Integer.parseInt(nodes.trim());
        } catch (NumberFormatException e) {
            throw new Mesocosm.UserError("--nodes must be a number or 'from-trace', got '" + nodes + "'");
        }
        if (n < 1) throw new Mesocosm.UserError("--nodes must be at least 1, got " + n);
        return ClusterShapes.uniform(n, machine);
    }

    private Path defaultOut(TraceSpec spec) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String p = run.policy.replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of("runs", stamp + "-" + p + "-replay-" + spec.format().id() + "-s" + run.seed);
    }
}
