package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.reports.stats.Estimate;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.workloads.ClusterShapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        header = "Find the smallest cluster that meets every SLO with 95%% confidence.",
        description = {"Capacity planning for a given workload and policy, by bracketing then bisection over the node count "
                + "(seeds are simulated in parallel at each size).",
                "An SLO '<' is met when the upper 95%% bound of the mean over seeds is below the threshold; '>' when the "
                + "lower bound is above it. Prints the answer and the evidence; writes OUT/plan.csv (and plan.html with --html)."})
public final class PlanCommand implements Callable<Integer> {
    /**
     * A plan's verdict rests on a 95% CI bound, and at 5 seeds (t = 2.78) the half-width of a p99
     * is about 16% of its mean on the mixed workload, enough to fail an SLO the mean meets; 10 seeds
     * (t = 2.26) narrow it by about 45%.
     */
    static final int DEFAULT_SEEDS = 10;

    @Option(names = "--workload", defaultValue = "mixed", description = "Built-in workload. Default: ${DEFAULT-VALUE}.")
    String workload;

    @Option(names = "--workload-nodes", defaultValue = "1000",
            description = "The demand: the workload as built for this many default nodes, kept fixed while the cluster size varies. Default: ${DEFAULT-VALUE}.")
    int workloadNodes;

    @Option(names = "--policy", defaultValue = "drf", description = "Policy NAME[:k=v,...]. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--slo", required = true, description = "SLOs, comma-separated, e.g. \"sched_latency_p99<5s,cpu_utilization>0.6\".")
    String slo;

    @Option(names = "--node-shapes", description = "Node shapes CORESxGiB to size, comma-separated (e.g. 32x128,64x256). Default: 32x128.")
    String nodeShapes;

    @Option(names = "--min-nodes", defaultValue = "1", description = "Smallest size to consider. Default: ${DEFAULT-VALUE}.")
    int minNodes;

    @Option(names = "--max-nodes", description = "Largest size to consider. Default: 16 times the start size.")
    Integer maxNodes;

    @Option(names = "--start-nodes", description = "First size tried. Default: the workload's reference capacity in this shape.")
    Integer startNodes;

    @Option(names = "--precision", defaultValue = "0.02", description = "Stop when the bracket is within this fraction of the answer. Default: ${DEFAULT-VALUE}.")
    double precision;

    @Option(names = "--out", defaultValue = "plan", description = "Output directory for plan.csv and plan.html. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--html", description = "Also write plan.html: each SLO metric against cluster size.")
    boolean html;

    @Mixin
    ExperimentOptions opts;

    @Mixin
    org.mesocosm.cli.OutputOption output;

    @Override
    public Integer call() throws Exception {
        opts.check(2, DEFAULT_SEEDS);
        boolean json = output.json();
        if (workloadNodes < 1) throw new Mesocosm.UserError("--workload-nodes must be at least 1, got " + workloadNodes);
        if (minNodes < 1 || maxNodes != null && maxNodes < minNodes) throw new Mesocosm.UserError("need 1 <= --min-nodes <= --max-nodes");
        if (startNodes != null && startNodes < 1) throw new Mesocosm.UserError("--start-nodes must be at least 1, got " + startNodes);
        if (!(precision >= 0 && precision < 1)) throw new Mesocosm.UserError("--precision must be in [0, 1)");
        List<Slo> given = Slo.parseList(slo);
        if (given.stream().noneMatch(Slo::needsCapacity)) {
            throw new Mesocosm.UserError("every SLO in --slo is met better by a smaller cluster (" + given
                    + "); add one that needs capacity, e.g. sched_latency_p99<5s");
        }
        List<Slo> slos = withEveryTaskFitting(given);
        PolicyList.parseAndCheck(policy);
        List<Resources> shapes = nodeShapes == null ? List.of(ClusterShapes.DEFAULT_NODE) : NodeShapes.parseList(nodeShapes);
        WorkloadFactory wl = SyntheticWorkload.fixed(workload, workloadNodes);
        Files.createDirectories(out);

        List<PlanResult> results = new ArrayList<>();
        for (Resources shape : shapes) {
            int max = maxNodes != null ? maxNodes : (int) Math.min(Integer.MAX_VALUE / 2, Math.max(minNodes, 16L * start(shape)));
            CapacitySearch search = new CapacitySearch(slos, minNodes, max, precision, n -> evaluate(wl, shape, n, slos));
            System.err.println("[plan] sizing " + NodeShapes.format(shape) + " nodes for " + slos);
            results.add(new PlanResult(shape, search.search(start(shape))));
        }
        PlanOutput.writeCsv(out.resolve("plan.csv"), slos, results);
        String setup = "Policy " + policy + " on workload " + workload + " (the demand of " + workloadNodes + " default nodes), "
                + opts.seeds + " seeds per size";
        if (html) PlanOutput.writeHtml(out.resolve("plan.html"), setup, slos, results, opts.seeds);
        if (json) org.mesocosm.cli.OutputOption.print(PlanOutput.json(setup, slos, results, opts.seeds));
        else System.out.print(PlanOutput.text(setup, slos, results, opts.seeds));
        System.err.println("wrote " + out.resolve("plan.csv") + (html ? " and " + out.resolve("plan.html") : ""));
        return results.stream().anyMatch(r -> r.answer().nodes() > 0) ? 0 : 3;
    }

    /**
     * A cluster whose nodes are too small for some tasks cannot be the answer however fast it
     * places the rest (latency counts only placed tasks), so every plan also asks that no task be
     * unschedulable, unless the user set a bound on that metric.
     */
    static List<Slo> withEveryTaskFitting(List<Slo> slos) {
        if (slos.stream().anyMatch(s -> s.metric() == Metric.TASKS_UNSCHEDULED)) return slos;
        List<Slo> out = new ArrayList<>(slos);
        out.add(Slo.parse("tasks_unscheduled<1"));
        return List.copyOf(out);
    }

    /** One shape's search result. */
    record PlanResult(Resources shape, CapacitySearch.Answer answer) {}

    /** Start where the workload's reference capacity would be, in nodes of this shape. */
    private int start(Resources shape) {
        if (startNodes != null) return startNodes;
        double ratio = Math.max(ClusterShapes.DEFAULT_NODE.cpuMillis() / (double) shape.cpuMillis(),
                ClusterShapes.DEFAULT_NODE.memMiB() / (double) shape.memMiB());
        return (int) Math.max(1, Math.round(workloadNodes * ratio));
    }

    private Map<Metric, Estimate> evaluate(WorkloadFactory wl, Resources shape, int nodes, List<Slo> slos) throws InterruptedException {
        RunPoint point = new RunPoint(policy, wl, nodes, shape, opts.maxMicros());
        var outcomes = opts.runPoints("[plan " + nodes + " nodes]", List.of(point), new PointRunner(null, false, opts.window()));
        List<String> failed = RunProgress.failures(outcomes);
        if (!failed.isEmpty()) {
            // A size with a missing seed cannot give the promised confidence; stop rather than guess.
            throw new IllegalStateException("at " + nodes + " nodes, " + failed.size() + " runs failed twice: " + failed.get(0));
        }
        Map<Metric, Estimate> est = Samples.estimates(Samples.ok(outcomes));
        System.err.println("[plan] " + nodes + " nodes: " + PlanOutput.brief(slos, est));
        return est;
    }
}
