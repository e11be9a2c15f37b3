package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * Same seed and options give the same event-log digest: for every registered policy (the registry
 * is enumerated, so a new policy is covered, and must pin its digest, as soon as it registers), in
 * one JVM, in a second JVM, and on a second JDK (Temurin 25, where the machine has it). One golden
 * digest per policy is pinned in {@code determinism/golden-digests.properties}: it changes only
 * with an intended change of behaviour, which the commit must say.
 */
class DeterminismTest {
    private static final PolicyRegistry POLICIES = PolicyRegistry.load();
    /** The random cell and workload the golden digests are of (RandomScenario: services, batch jobs, pipelines, failures). */
    static final long GOLDEN_SEED = 3;
    private static final String GOLDEN = "determinism/golden-digests.properties";
    /** The second JDK; a system property can point elsewhere. */
    private static final Path JDK25 = Path.of(System.getProperty("mesocosm.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    static String digest(String policy, long seed) {
        RandomScenario sc = new RandomScenario(seed);
        return new Simulation(sc.config(), sc.workload(), POLICIES.create(policy, seed),
                new MetricsRecorder(TaskRowSink.NONE), List.of()).run().digest();
    }

    @TestFactory
    Stream<DynamicTest> everyRegisteredPolicyGivesItsGoldenDigest() throws IOException {
        Map<String, String> golden = golden();
        assertTrue(POLICIES.names().size() >= 3, "registry: " + POLICIES.names());
        return POLICIES.names().stream().map(p -> DynamicTest.dynamicTest(p, () -> {
            String d = digest(p, GOLDEN_SEED);
            assertNotNull(golden.get(p), "no golden digest for policy '" + p + "': after checking its runs, add the line\n"
                    + p + "=" + d + "\nto sim-engine/src/test/resources/" + GOLDEN);
            assertEquals(golden.get(p), d, "policy '" + p + "' seed " + GOLDEN_SEED
                    + ": the event log changed; if that is intended, update " + GOLDEN + " and say why in the commit");
        }));
    }

    @Test
    void everyGoldenDigestBelongsToARegisteredPolicy() throws IOException {
        for (String p : golden().keySet()) assertTrue(POLICIES.names().contains(p), GOLDEN + " names unregistered policy '" + p + "'");
    }

    @Test
    void sameSeedSameDigestDifferentSeedDifferentDigest() {
        for (String p : POLICIES.names()) {
            for (long seed = 1; seed <= 2; seed++) {
                String d = digest(p, seed);
                assertEquals(d, digest(p, seed), "policy " + p + " seed " + seed);
                assertNotEquals(d, digest(p, seed + 1000), "policy " + p + " seeds " + seed + " and " + (seed + 1000));
            }
        }
    }

    @Test
    void sameDigestsInASeparateJvm() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        assertEquals(inProcess(), childDigests(java, Runtime.version().feature()));
    }

    @Test
    void sameDigestsOnTemurin25() throws IOException, InterruptedException {
        Path java = JDK25.resolve("bin/java");
        assumeTrue(Files.isExecutable(java), "skipped: no JDK 25 at " + JDK25 + " (set -Dmesocosm.jdk25.home to run it)");
        assertEquals(inProcess(), childDigests(java.toString(), 25));
    }

    private static List<String> inProcess;

    /** Every policy at the golden seed and one more, as {@code policy seed digest} lines (computed once: both child tests compare with it). */
    private static synchronized List<String> inProcess() {
        if (inProcess == null) {
            List<String> out = new ArrayList<>();
            for (String p : POLICIES.names()) for (long seed : new long[] {GOLDEN_SEED, 4}) out.add(p + " " + seed + " " + digest(p, seed));
            inProcess = out;
        }
        return inProcess;
    }

    /** Runs {@link DigestMain} in a fresh JVM on the same class path and returns its lines, checking its JDK's version. */
    private static List<String> childDigests(String java, int expectFeature) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), DigestMain.class.getName()));
        for (String p : POLICIES.names()) for (long seed : new long[] {GOLDEN_SEED, 4}) args.add(p + ":" + seed);
        Process proc = new ProcessBuilder(args).redirectErrorStream(true).start();
        if (!proc.waitFor(120, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new AssertionError("child JVM (" + java + ") timed out");
        }
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), out);
        List<String> lines = new ArrayList<>(out.lines().toList());
        String version = lines.remove(0);
        assertEquals("java " + expectFeature, version.substring(0, version.indexOf('.') < 0 ? version.length() : version.indexOf('.')),
                "the child ran on " + version);
        System.out.println("DeterminismTest: " + lines.size() + " digests identical on " + version + " (" + java + ")");
        return lines;
    }

    static Map<String, String> golden() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (InputStream in = DeterminismTest.class.getClassLoader().getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " missing");
            int n = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                int eq = line.indexOf('=');
                if (eq < 0) throw new IllegalArgumentException(GOLDEN + " line " + n + ": expected policy=digest, got '" + line + "'");
                if (m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException(GOLDEN + " line " + n + ": policy '" + line.substring(0, eq).trim() + "' twice");
                }
            }
        }
        return m;
    }

    /** Entry point of the child JVM: prints its JDK version, then {@code policy seed digest} for each {@code policy:seed} given. */
    public static final class DigestMain {
        public static void main(String[] args) {
            StringBuilder b = new StringBuilder("java ").append(Runtime.version()).append('\n');
            for (String a : args) {
                int c = a.lastIndexOf(':');
                String policy = a.substring(0, c);
                long seed = Long.parseLong(a.substring(c + 1));
                b.append(policy).append(' ').append(seed).append(' ').append(digest(policy, seed)).append('\n');
            }
            System.out.print(b);
        }
    }
}
