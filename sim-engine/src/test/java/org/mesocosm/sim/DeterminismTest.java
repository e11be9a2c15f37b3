package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/** Same seed and options give the same event-log digest, in one JVM and across JVMs; other seeds differ. */
class DeterminismTest {

    static String digest(long seed) {
        RandomScenario sc = new RandomScenario(seed);
        return new Simulation(sc.config(), sc.workload(), PolicyRegistry.load().create("drf"),
                new MetricsRecorder(TaskRowSink.NONE), List.of()).run().digest();
    }

    @Test
    void sameSeedSameDigestDifferentSeedDifferentDigest() {
        for (long seed = 1; seed <= 20; seed++) {
            assertEquals(digest(seed), digest(seed), "seed " + seed);
            assertNotEquals(digest(seed), digest(seed + 1000), "seeds " + seed + " and " + (seed + 1000));
        }
    }

    @Test
    void sameDigestInASeparateJvm() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DigestMain.class.getName(), "7", "8")
                .redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM timed out");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        assertEquals(digest(7) + "\n" + digest(8), out);
    }

    /** Entry point of the child JVM: prints the digest of each seed given. */
    public static final class DigestMain {
        public static void main(String[] args) {
            StringBuilder b = new StringBuilder();
            for (String a : args) b.append(digest(Long.parseLong(a))).append('\n');
            System.out.print(b);
        }
    }
}
