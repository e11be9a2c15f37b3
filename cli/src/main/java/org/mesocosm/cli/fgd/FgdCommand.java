package org.mesocosm.cli.fgd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.cli.RunsAtOnceOption;
import org.mesocosm.policies.gpu.GpuPolicies;
import org.mesocosm.reports.fgd.FragmentationReport;
import org.mesocosm.reports.fgd.PolicyRuns;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.openb.OpenbReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesocosm experiment fgd}: the inflation experiment of the FGD paper (Weng et al., ATC '23). */
@Command(name = "fgd", mixinStandardHelpOptions = true,
        header = "Run the GPU fragmentation experiment of the FGD paper on an openb node and pod list.",
        description = "The GPU nodes of an openb node list, empty, take the pods of an openb pod list in a seeded random order, "
                + "then pods drawn from it with replacement until the GPU request would pass --inflate x the GPU capacity; "
                + "no pod leaves; a pod that fits nowhere is dropped. Writes alloc.csv (arrived, allocated, fragmented GPU by "
                + "arrived %%) and report.html (unallocated GPU with bands over seeds).")
public final class FgdCommand implements Callable<Integer> {
    static final String DEFAULT_NODES = "data/traces/openb/openb_node_list_all_node.csv";
    static final String DEFAULT_PODS = "data/traces/openb/openb_pod_list_default.csv";

    @Option(names = "--nodes", paramLabel = "FILE", defaultValue = DEFAULT_NODES,
            description = "openb node list (sn,cpu_milli,memory_mib,gpu,model). Default: ${DEFAULT-VALUE}.")
    Path nodes;

    @Option(names = "--pods", paramLabel = "FILE", defaultValue = DEFAULT_PODS,
            description = "openb pod list (name,cpu_milli,memory_mib,num_gpu,gpu_milli[,gpu_spec,...]). Default: ${DEFAULT-VALUE}.")
    Path pods;

    @Option(names = "--policies", defaultValue = "gpu-random,gpu-dotprod,gpu-clustering,gpu-packing,gpu-bestfit,fgd",
            description = "GPU policies, comma-separated. Default: ${DEFAULT-VALUE}.")
    String policies;

    @Option(names = "--seeds", defaultValue = "42..51", description = "Seeds: A..B or a comma list. Default: ${DEFAULT-VALUE}.")
    String seeds;

    @Option(names = "--inflate", defaultValue = "1.3", description = "Stop arrivals at this multiple of the GPU capacity (1..5). Default: ${DEFAULT-VALUE}.")
    double inflate;

    @Mixin
    RunsAtOnceOption runsAtOnce;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created).")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> names = policyList(policies);
        long[] seedList = seedList(seeds);
        if (!(inflate >= 1 && inflate <= 5)) throw new Mesocosm.UserError("--inflate must be in 1..5, got " + inflate);
        int t = runsAtOnce.orDefault(Runtime.getRuntime().availableProcessors());
        List<GpuNodeSpec> nodeList;
        List<GpuPod> podList;
        try {
            nodeList = OpenbReader.readNodes(existing(nodes, "--nodes"));
            podList = OpenbReader.readPods(existing(pods, "--pods")).stream().map(p -> p.pod()).toList();
        } catch (TraceException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
        Files.createDirectories(out);
        String workload = pods.getFileName().toString().replaceFirst("\\.csv$", "");
        long t0 = System.nanoTime();
        List<BinnedCurve> runs;
        try {
            runs = FgdExperiment.run(workload, nodeList, podList, names, seedList, inflate, t);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        AllocCsv.write(out.resolve("alloc.csv"), runs);
        List<PolicyRuns> byPolicy = byPolicy(names, runs);
        long gpuNodes = nodeList.stream().filter(n -> n.gpus() > 0).count();
        long gpus = nodeList.stream().mapToLong(GpuNodeSpec::gpus).sum();
        String setup = String.format(Locale.ROOT, "Workload %s (%d pods) on the %d GPU nodes (%d GPUs) of %s; arrivals to %.0f%% of the GPU "
                + "capacity; %d seeds (%s) per policy; %d runs in %.1f s wall on %d threads.", workload, podList.size(), gpuNodes, gpus,
                nodes.getFileName(), inflate * 100, seedList.length, seeds, runs.size(), wall, t);
        FragmentationReport.write(out, "GPU fragmentation: " + workload, setup, byPolicy);
        System.out.println(setup);
        System.out.println(table(FragmentationReport.atFull(byPolicy)));
        System.err.println("wrote " + out.resolve("alloc.csv") + " and " + out.resolve("report.html"));
        return 0;
    }

    static String table(List<FragmentationReport.AtFull> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %30s %20s %18s %4s%n", "policy",
                "unallocated GPU at 100% (mean)", "95% CI", "range over seeds", "n"));
        for (FragmentationReport.AtFull a : rows) {
            if (a.unallocated() == null) {
                sb.append(String.format(Locale.ROOT, "%-16s %30s %20s %18s %4d%n", a.policy(), "n/a", "n/a", "n/a", 0));
                continue;
            }
            String ci = Double.isNaN(a.unallocated().ciLow()) ? "n/a (n=1)"
                    : String.format(Locale.ROOT, "[%.2f, %.2f]", a.unallocated().ciLow(), a.unallocated().ciHigh());
            sb.append(String.format(Locale.ROOT, "%-16s %29.2f%% %20s %18s %4d%n", a.policy(), a.unallocated().mean(), ci,
                    String.format(Locale.ROOT, "%.2f..%.2f", a.min(), a.max()), a.unallocated().n()));
        }
        return sb.toString();
    }

    static List<PolicyRuns> byPolicy(List<String> names, List<BinnedCurve> runs) {
        List<PolicyRuns> out = new ArrayList<>();
        for (String p : names) {
            List<Long> s = new ArrayList<>();
            List<double[]> u = new ArrayList<>(), f = new ArrayList<>();
            for (BinnedCurve c : runs) {
                if (!c.policy().equals(p)) continue;
                s.add(c.seed());
                double[] un = new double[c.bins()];
                for (int b = 0; b < un.length; b++) un[b] = c.unallocatedPct(b);
                u.add(un);
                f.add(c.fragPct());
            }
            out.add(new PolicyRuns(p, s, u, f));
        }
        return out;
    }

    private static Path existing(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new Mesocosm.UserError(option + ": no such file " + p + (p.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")"));
        }
        return p;
    }

    static List<String> policyList(String spec) {
        List<String> out = new ArrayList<>();
        for (String s : spec.split(",")) {
            String n = s.trim();
            if (n.isEmpty()) continue;
            if (!GpuPolicies.isName(n)) throw new Mesocosm.UserError("--policies: unknown GPU policy '" + n + "'; valid: " + String.join(", ", GpuPolicies.names()));
            if (out.contains(n)) throw new Mesocosm.UserError("--policies: '" + n + "' given twice");
            out.add(n);
        }
        if (out.isEmpty()) throw new Mesocosm.UserError("--policies: no policy given");
        return out;
    }

    static long[] seedList(String spec) {
        try {
            String s = spec.trim();
            int dots = s.indexOf("..");
            if (dots >= 0) {
                long a = Long.parseLong(s.substring(0, dots).trim()), b = Long.parseLong(s.substring(dots + 2).trim());
                if (b < a || b - a >= 10_000) throw new Mesocosm.UserError("--seeds: A..B wants A <= B and at most 10000 seeds, got " + spec);
                long[] out = new long[(int) (b - a + 1)];
                for (int i = 0; i < out.length; i++) out[i] = a + i;
                return out;
            }
            String[] parts = s.split(",");
            long[] out = new long[parts.length];
            for (int i = 0; i < parts.length; i++) out[i] = Long.parseLong(parts[i].trim());
            return out;
        } catch (NumberFormatException e) {
            throw new Mesocosm.UserError("--seeds: '" + spec + "' is not A..B or a comma list of integers");
        }
    }
}
