package org.mesocosm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.mesocosm.cli.gate.BenchKey;
import org.mesocosm.cli.gate.JmhJson;
import org.mesocosm.cli.gate.JmhResult;
import org.openjdk.jmh.annotations.Mode;
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
 * <p>Each benchmark is measured in {@code pairs} forks, each right after a fork of the reference
 * (A/B/A/B...), so every fork has a reference measured seconds before it under the same load.
 * Every fork is its own JMH run (JMH runs all forks of one benchmark back to back); the forks
 * are then merged into one result ({@link ForkMerge}) and the reference forks are stored in that
 * result's JSON object ({@link JmhResult#REFERENCE_FIELD}), fork for fork. The first benchmark's
 * reference forks are also written as a result of their own.
 */
@Command(name = "bench-main", mixinStandardHelpOptions = true,
        description = "Run the reference benchmark plus the quick subset (or --only KEY...) and write JMH JSON.")
public final class BenchMain implements Callable<Integer> {

    /**
     * JVM flags of the quick run's forks. -Xbatch compiles in the thread that needs the code, so
     * after the same number of calls the same methods are compiled however busy the machine is
     * (with background compilation, a starved compiler thread left the end-to-end simulation
     * interpreted for whole runs: 17 or 203 ms/op by luck). The serial collector runs in that
     * thread too, with no concurrent threads to compete for a loaded machine's cores; a fixed
     * heap keeps its sizing the same from run to run.
     */
    static final List<String> QUICK_JVM_ARGS = List.of("-Xms2g", "-Xmx2g", "-XX:+UseSerialGC", "-Xbatch");

    static final long LOCK_RETRY_MS = 10_000;

    @Option(names = "--out", required = true, description = "JMH JSON file to write.")
    Path out;

    @Option(names = "--only", paramLabel = "KEY", description = "Run only this benchmark, e.g. 'org.mesocosm.bench.DrfRoundBench.offerRound[agents=10000,roles=100]' (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--quick", description = "The gate's settings: a fixed number of calls per iteration (BenchSuite), gate JVM flags, 3 fork pairs.")
    boolean quick;

    @Option(names = "--pairs", description = "Forks per benchmark, each right after a fork of the reference. Default: 3 with --quick, else 1.")
    Integer pairs;

    @Option(names = "--forks", description = "Override the forks of each JMH run (0 runs in this JVM: only for tests).")
    Integer forks;

    @Option(names = "--warmup", description = "Override warmup iterations.")
    Integer warmup;

    @Option(names = "--iterations", description = "Override measurement iterations.")
    Integer iterations;

    @Option(names = "--time-ms", description = "Override the length of each warmup and measurement iteration (not with --quick, whose iterations are counted in calls).")
    Integer timeMs;

    @Option(names = "--lock-wait-s", defaultValue = "900", description = "How long to wait while another JMH run holds JMH's machine-wide lock. Default: ${DEFAULT-VALUE}.")
    int lockWaitS;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("bench: failed: " + e.getMessage());
            return 1;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() throws IOException, RunnerException, InterruptedException {
        List<BenchKey> selection = new ArrayList<>();
        for (String k : only) {
            BenchKey key = BenchKey.parse(k);
            if (!selection.contains(key) && !key.equals(BenchSuite.REFERENCE.key())) selection.add(key);
        }
        if (only.isEmpty()) BenchSuite.QUICK.forEach(e -> selection.add(e.key()));
        int n = pairs != null ? pairs : quick ? 3 : 1;
        if (n < 1) throw new IllegalArgumentException("--pairs must be >= 1, got " + n);
        Path parts = Files.createTempDirectory("mesocosm-bench");
        List<JsonNode> all = new ArrayList<>();
        int steps = 2 * n * selection.size();
        int step = 0;
        long started = System.nanoTime();
        try {
            for (BenchKey key : selection) {
                List<JsonNode> refForks = new ArrayList<>();
                Map<BenchKey, List<JsonNode>> benchForks = new LinkedHashMap<>();
                for (int p = 0; p < n; p++) {
                    // A/B/A/B: the reference right before each fork, since load on a shared machine changes within seconds.
                    refForks.add(measure(BenchSuite.REFERENCE.key(), parts.resolve("part-" + step + ".json"), ++step, steps).get(0).json());
                    for (JmhResult r : measure(key, parts.resolve("part-" + step + ".json"), ++step, steps)) {
                        benchForks.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.json());
                    }
                }
                ObjectNode ref = ForkMerge.merge(refForks);
                if (all.isEmpty()) all.add(ref);
                for (List<JsonNode> forksOfOne : benchForks.values()) {
                    ObjectNode merged = ForkMerge.merge(forksOfOne);
                    merged.set(JmhResult.REFERENCE_FIELD, adjacent(ref));
                    all.add(merged);
                }
            }
        } finally {
            try (var files = Files.list(parts)) {
                for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
            }
            Files.delete(parts);
        }
        JmhJson.writeNodes(out, all);
        JmhJson.read(out); // what the gate will read: fail here, not in the gate, if the merge broke the format
        System.err.printf("bench: wrote %s (%d results) in %.0f s%n", out, all.size(), (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** What a result keeps of the reference forks measured between its own. */
    private static ObjectNode adjacent(ObjectNode ref) {
        ObjectNode a = JsonNodeFactory.instance.objectNode()
                .put("benchmark", ref.get("benchmark").asText()).put("mode", ref.get("mode").asText())
                .put("forks", ref.get("forks").asInt())
                .put("score", ref.get("primaryMetric").get("score").asDouble())
                .put("scoreUnit", ref.get("primaryMetric").get("scoreUnit").asText());
        if (ref.has("measurementBatchSize")) a.set("measurementBatchSize", ref.get("measurementBatchSize"));
        a.set("rawData", ref.get("primaryMetric").get("rawData"));
        JsonNode share = ref.path("secondaryMetrics").path(CpuShareProfiler.METRIC).get("rawData");
        if (share != null) a.set(JmhResult.CPU_SHARE_FIELD, share);
        return a;
    }

    private List<JmhResult> measure(BenchKey key, Path part, int step, int steps) throws RunnerException, InterruptedException {
        System.err.printf("bench: [%d/%d] %s ...%n", step, steps, key.shortName());
        long t0 = System.nanoTime();
        long waited = 0;
        while (true) {
            try {
                new Runner(options(key, part)).run();
                break;
            } catch (RunnerException e) {
                // Another JMH run on this machine: wait for it rather than measure two benchmarks against each other.
                if (e.getMessage() == null || !e.getMessage().contains("Another JMH instance") || waited >= lockWaitS * 1000L) throw e;
                if (waited == 0) System.err.println("bench: another JMH run holds the machine-wide JMH lock; waiting up to " + lockWaitS + " s");
                Thread.sleep(LOCK_RETRY_MS);
                waited += LOCK_RETRY_MS;
            }
        }
        List<JmhResult> results = JmhJson.read(part);
        if (results.isEmpty()) throw new IllegalStateException("no result for " + key + " (unknown benchmark or parameter?)");
        for (JmhResult r : results) {
            System.err.printf("bench: [%d/%d] %s: %s (%.0f s)%n", step, steps, key.shortName(), r.scoreText(), (System.nanoTime() - t0) / 1e9);
        }
        return results;
    }

    private org.openjdk.jmh.runner.options.Options options(BenchKey key, Path resultFile) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(key.benchmark()) + "$")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .result(resultFile.toString())
                .resultFormat(ResultFormatType.JSON)
                .addProfiler(CpuShareProfiler.class)
                .forks(1);
        key.params().forEach(b::param);
        if (quick) {
            BenchSuite.Work w = BenchSuite.workFor(key);
            b.jvmArgs(QUICK_JVM_ARGS.toArray(String[]::new)).mode(Mode.SingleShotTime)
                    .warmupIterations(w.warmupIterations()).warmupBatchSize(w.warmupBatch())
                    .measurementIterations(w.iterations()).measurementBatchSize(w.batch());
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
