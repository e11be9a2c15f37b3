package org.mesocosm.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mesocosm.cli.gate.BenchProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = GateCommand.class,
        header = "Run the JMH benchmarks the regression gate uses and write JMH JSON.",
        description = {"The benchmarks: a reference workload (plain Java, tracks machine speed), the event queue, a DRF offer "
                + "round at 10,000 agents, a k8s pod cycle at 5,000 nodes, trace parsing and a small end-to-end simulation, "
                + "each in forks alternating with the reference.",
                "Needs bench/target/benchmarks.jar (./mesocosm builds it). 'mesocosm bench gate' compares against a baseline."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "A fixed number of calls per iteration, few iterations, gate JVM flags (a few minutes in all); what baselines are made with.")
    boolean quick;

    @Option(names = "--pairs", description = "Forks per benchmark, each after a fork of the reference. Default: 3 with --quick, else 1.")
    Integer pairs;

    @Option(names = "--out", defaultValue = "bench-results.json", description = "JMH JSON file to write. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--bench-jar", description = {"The bench uber-jar. Default: $MESOCOSM_BENCH_JAR, else bench/target/benchmarks.jar beside this CLI's build.",
            "$MESOCOSM_BENCH_JAVA_OPTS: JVM options for the benchmark process, e.g. -Dmesocosm.bench.slowdown=2 (the probe) or -Djmh.ignoreLock=true."})
    Path benchJar;

    @Override
    public Integer call() throws Exception {
        if (pairs != null && pairs < 1) throw new Mesocosm.UserError("--pairs must be >= 1, got " + pairs);
        process(benchJar, quick, pairs).run(List.of(), out);
        System.err.println("wrote " + out);
        return 0;
    }

    static BenchProcess process(Path jarOption, boolean quick, Integer pairs) {
        Path jar = locateJar(jarOption);
        List<String> args = new ArrayList<>();
        if (quick) args.add("--quick");
        if (pairs != null) args.addAll(List.of("--pairs", Integer.toString(pairs)));
        String opts = System.getenv("MESOCOSM_BENCH_JAVA_OPTS");
        List<String> jvm = opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
        return new BenchProcess(jar.toString(), jvm, args, System.err);
    }

    static Path locateJar(Path option) {
        Path jar = option;
        if (jar == null && System.getenv("MESOCOSM_BENCH_JAR") != null) jar = Path.of(System.getenv("MESOCOSM_BENCH_JAR"));
        if (jar == null) jar = besideCli();
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new Mesocosm.UserError("bench jar not found" + (jar == null ? "" : " at " + jar)
                    + "; build it with 'mvn -B -DskipTests -pl bench -am package' (./mesocosm bench does this) or pass --bench-jar");
        }
        return jar;
    }

    /** cli/target/mesocosm.jar sits two levels below the checkout; the bench jar is at bench/target/. */
    private static Path besideCli() {
        try {
            Path self = Path.of(Mesocosm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = self.getParent() == null ? null : self.getParent().getParent();
            root = root == null ? null : root.getParent();
            return root == null ? null : root.resolve("bench").resolve("target").resolve("benchmarks.jar");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
