package org.mesocosm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mesocosm.cli.gate.BenchProcess;
import org.mesocosm.cli.gate.Gate;
import org.mesocosm.cli.gate.GateInputException;
import org.mesocosm.cli.gate.GateTable;
import org.mesocosm.cli.gate.JmhJson;
import org.mesocosm.cli.gate.JmhResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gate", mixinStandardHelpOptions = true,
        header = "Fail when the scheduler got slower than a baseline JMH JSON.",
        description = {"Compares a fresh quick run (or --current FILE) with the baseline. Each fork of a benchmark is divided "
                + "by the reference fork measured just before it and the median of those ratios is compared, so a slower or "
                + "busier machine cancels out; a benchmark slower beyond the tolerance is measured again, with more forks, "
                + "before it fails.",
                "Exit 0 passed, 1 regression or missing benchmark, 2 bad input."})
final class GateCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, description = "Baseline JMH JSON, e.g. bench/baseline.json.")
    Path baseline;

    @Option(names = "--current", description = "Judge this JMH JSON instead of running the benchmarks now.")
    Path current;

    @Option(names = "--tolerance", defaultValue = "10%", description = "How much slower counts as noise: 10%% or 0.1. Default: ${DEFAULT-VALUE}.")
    String tolerance;

    @Option(names = "--no-rerun", description = "Judge on the first measurement alone (no bench jar needed with --current).")
    boolean noRerun;

    @Option(names = "--reruns", defaultValue = "1", description = "How many times a benchmark that looks slower is measured again before it fails. Default: ${DEFAULT-VALUE}.")
    int reruns;

    @Option(names = "--pairs", description = "Reference/benchmark fork pairs per benchmark in the fresh run. Default: 3.")
    Integer pairs;

    @Option(names = "--rerun-pairs", defaultValue = "5", description = "Fork pairs when a suspect is measured again. Default: ${DEFAULT-VALUE}.")
    int rerunPairs;

    @Option(names = "--out", description = "Keep the fresh run's JMH JSON here.")
    Path out;

    @Option(names = "--bench-jar", description = "The bench uber-jar (see 'mesocosm bench --help').")
    Path benchJar;

    @Override
    public Integer call() throws Exception {
        double tol = parseTolerance(tolerance);
        if (reruns < 0) throw new Mesocosm.UserError("--reruns must be >= 0, got " + reruns);
        if (rerunPairs < 1 || (pairs != null && pairs < 1)) throw new Mesocosm.UserError("--pairs and --rerun-pairs must be >= 1");
        try {
            List<JmhResult> base = JmhJson.read(baseline);
            BenchProcess bench = current != null && noRerun ? null : BenchCommand.process(benchJar, true, pairs);
            BenchProcess rerun = bench == null ? null : BenchCommand.process(benchJar, true, rerunPairs);
            List<JmhResult> now;
            String nowName;
            if (current != null) {
                now = JmhJson.read(current);
                nowName = current.toString();
            } else {
                Path file = out != null ? out : Files.createTempFile("mesocosm-bench", ".json");
                now = bench.run(List.of(), file);
                nowName = out != null ? out.toString() : "fresh run";
                if (out == null) Files.deleteIfExists(file);
            }
            Gate.Outcome o = Gate.run(baseline.toString(), base, nowName, now, tol, noRerun ? null : rerun, reruns);
            System.out.print(GateTable.render(o));
            return o.failed() ? 1 : 0;
        } catch (GateInputException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
    }

    static double parseTolerance(String s) {
        String t = s.trim();
        double v;
        try {
            v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new Mesocosm.UserError("--tolerance: '" + s + "' is not a number or percentage (e.g. 10% or 0.1)");
        }
        if (!(v >= 0) || v >= 10) throw new Mesocosm.UserError("--tolerance must be between 0% and 1000%, got " + s);
        return v;
    }
}
