package org.mesocosm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mesocosm.cli.gate.BenchKey;
import org.mesocosm.cli.gate.JmhJson;
import org.mesocosm.cli.gate.JmhResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the reference benchmark and a selection of the suite with JMH's API and writes one JMH
 * JSON file. This is the child process behind {@code mesocosm bench}: the CLI jar stays free of
 * JMH and the benchmarks, and launches {@code java -cp benchmarks.jar} with this class.
 *
 * <p>Each selection gets its own JMH run (and fork), because JMH applies a parameter value to
 * every included benchmark that declares it; the results are concatenated in run order. The
 * reference is measured right before each selection and recorded in that result's JSON object
 * ({@link JmhResult#REFERENCE_FIELD}); the first reference measurement is also written as a
 * result of its own.
 */
@Command(name = "bench-main", mixinStandardHelpOptions = true,
        description = "Run the reference benchmark plus the quick subset (or --only KEY...) and write JMH JSON.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "JMH JSON file to write.")
    Path out;

    @Option(names = "--only", paramLabel = "KEY", description = "Run only this benchmark, e.g. 'org.mesocosm.bench.DrfRoundBench.offerRound[agents=10000,roles=100]' (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--quick", description = "Short fixed iterations for every benchmark (2 x 1 s warmup, 5 x 1 s measured, 1 fork) instead of each one's own settings.")
    boolean quick;

    @Option(names = "--forks", description = "Override the number of forks (0 runs in this JVM: only for tests).")
    Integer forks;

    @Option(names = "--warmup", description = "Override warmup iterations.")
    Integer warmup;

    @Option(names = "--iterations", description = "Override measurement iterations.")
    Integer iterations;

    @Option(names = "--time-ms", description = "Override the length of each warmup and measurement iteration.")
    Integer timeMs;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("bench: failed: " + e.getMessage());
            return 1;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws IOException, RunnerException {
        List<BenchKey> selection = new ArrayList<>();
        for (String k : only) {
            BenchKey key = BenchKey.parse(k);
            if (!selection.contains(key) && !key.equals(BenchSuite.REFERENCE)) selection.add(key);
        }
        if (only.isEmpty()) selection.addAll(BenchSuite.QUICK);
        Path parts = Files.createTempDirectory("mesocosm-bench");
        List<JmhResult> all = new ArrayList<>();
        int steps = 2 * selection.size();
        try {
            for (int i = 0; i < selection.size(); i++) {
                // The reference right before each benchmark: load on a shared machine drifts within minutes.
                JmhResult ref = measure(BenchSuite.REFERENCE, parts.resolve("ref-" + i + ".json"), 2 * i + 1, steps).get(0);
                if (all.isEmpty()) all.add(ref);
                for (JmhResult r : measure(selection.get(i), parts.resolve("part-" + i + ".json"), 2 * i + 2, steps)) {
                    ObjectNode adjacent = JsonNodeFactory.instance.objectNode()
                            .put("benchmark", ref.key().benchmark()).put("mode", ref.mode())
                            .put("score", ref.score()).put("scoreUnit", ref.unit());
                    adjacent.set("rawData", ref.json().get("primaryMetric").get("rawData"));
                    ((ObjectNode) r.json()).set(JmhResult.REFERENCE_FIELD, adjacent);
                    all.add(r);
                }
            }
        } finally {
            try (var files = Files.list(parts)) {
                for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
            }
            Files.delete(parts);
        }
        JmhJson.write(out, all);
        System.err.println("bench: wrote " + out + " (" + all.size() + " results)");
        return 0;
    }

    private List<JmhResult> measure(BenchKey key, Path part, int step, int steps) throws RunnerException {
        System.err.printf("bench: [%d/%d] %s ...%n", step, steps, key.shortName());
        new Runner(options(key, part)).run();
        List<JmhResult> results = JmhJson.read(part);
        if (results.isEmpty()) throw new IllegalStateException("no result for " + key + " (unknown benchmark or parameter?)");
        for (JmhResult r : results) System.err.printf("bench: [%d/%d] %s: %s%n", step, steps, key.shortName(), r.scoreText());
        return results;
    }

    private org.openjdk.jmh.runner.options.Options options(BenchKey key, Path resultFile) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(key.benchmark()) + "$")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .result(resultFile.toString())
                .resultFormat(ResultFormatType.JSON);
        key.params().forEach(b::param);
        if (quick) {
            // A fixed heap: GC sizing that differs from run to run is noise the gate does not need.
            b.jvmArgs("-Xms2g", "-Xmx2g").forks(1).warmupIterations(2).measurementIterations(5)
                    .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
        }
        if (forks != null) b.forks(forks);
        if (warmup != null) b.warmupIterations(warmup);
        if (iterations != null) b.measurementIterations(iterations);
        if (timeMs != null) b.warmupTime(TimeValue.milliseconds(timeMs)).measurementTime(TimeValue.milliseconds(timeMs));
        String slowdown = System.getProperty(GateProbeBench.SLOWDOWN_PROPERTY);
        if (slowdown != null) b.jvmArgsAppend("-D" + GateProbeBench.SLOWDOWN_PROPERTY + "=" + slowdown);
        return b.build();
    }
}
