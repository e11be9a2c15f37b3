package org.mesocosm.cli.gate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmarks in a child JVM ({@code java -cp benchmarks.jar org.mesocosm.bench.BenchMain}),
 * so the CLI jar carries neither JMH nor the benchmarks. The child's output goes to our stderr
 * as progress; our stdout stays for the gate's table.
 *
 * @param classPath the bench uber-jar, or any class path holding the bench module and its dependencies
 * @param jvmArgs for the child, e.g. a system property for the gate's self-test
 * @param benchArgs extra options for BenchMain, e.g. {@code --quick} or shorter iterations
 */
public record BenchProcess(String classPath, List<String> jvmArgs, List<String> benchArgs, PrintStream log) implements Gate.Rerunner {

    public static final String MAIN = "org.mesocosm.bench.BenchMain";

    /** Runs the reference and the quick subset (or {@code only}, when not empty) and writes {@code out}. */
    public List<JmhResult> run(List<BenchKey> only, Path out) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(MAIN);
        cmd.addAll(benchArgs);
        cmd.add("--out");
        cmd.add(out.toString());
        for (BenchKey k : only) {
            cmd.add("--only");
            cmd.add(k.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String last = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.println(line);
                if (!line.isBlank()) last = line;
            }
        }
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while benchmarks ran", e);
        }
        if (exit != 0) throw new IOException("benchmark run failed (exit " + exit + "): " + last + " [command: " + String.join(" ", cmd) + "]");
        return JmhJson.read(out);
    }

    @Override
    public List<JmhResult> run(List<BenchKey> keys) throws IOException {
        Path out = Files.createTempFile("mesocosm-rerun", ".json");
        try {
            log.println("gate: re-running " + keys.size() + " suspect benchmark(s) with the reference");
            return run(keys, out);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
