package org.mesocosm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.gate.BenchKey;
import org.mesocosm.cli.gate.BenchProcess;
import org.mesocosm.cli.gate.Gate;
import org.mesocosm.cli.gate.GateTable;
import org.mesocosm.cli.gate.JmhResult;
import org.mesocosm.cli.gate.Verdict;

/**
 * Proves the gate can fail: real JMH runs, in a child JVM exactly as {@code mesocosm bench gate}
 * launches them, of the probe benchmark at normal speed and deliberately slowed four times
 * (same name and parameters, more work per operation). Iterations are short (300 ms) and
 * in-process (forks 0) to keep this at seconds; the tolerance is wide (50%) and a suspect gets
 * up to three re-runs because a 2-core machine shared with other builds moves short
 * measurements by tens of percent.
 */
class GateSelfTest {

    static final BenchKey PROBE = BenchKey.of(GateProbeBench.class.getName() + ".holdOperation");
    static final double TOLERANCE = 0.5;

    @TempDir
    static Path dir;

    static List<JmhResult> baseline;
    static final ByteArrayOutputStream log = new ByteArrayOutputStream();

    static BenchProcess bench(int slowdown) {
        return new BenchProcess(System.getProperty("java.class.path"),
                // Other JMH runs on a shared build machine hold JMH's lock; this test needs no exclusive machine.
                List.of("-Xmx512m", "-Djmh.ignoreLock=true", "-D" + GateProbeBench.SLOWDOWN_PROPERTY + "=" + slowdown),
                List.of("--forks", "0", "--warmup", "2", "--iterations", "3", "--time-ms", "300"),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void measureBaseline() throws Exception {
        baseline = bench(1).run(List.of(PROBE), dir.resolve("baseline.json"));
    }

    @Test
    void slowedVariantIsFlaggedAfterItsRerun() throws Exception {
        BenchProcess slowed = bench(4);
        List<JmhResult> current = slowed.run(List.of(PROBE), dir.resolve("slowed.json"));
        Gate.Outcome o = Gate.run("baseline", baseline, "slowed", current, TOLERANCE, slowed, 1);
        String table = GateTable.render(o);
        System.out.print("slowed 4x:\n" + table);
        Gate.Line line = o.lines().get(0);
        assertEquals(PROBE, line.key(), table);
        assertEquals(Verdict.SLOWER, line.verdict(), table + log);
        assertTrue(line.rerun() != null, "a suspect is measured again before failing\n" + table);
        assertTrue(o.failed(), table);
        assertTrue(table.contains("gate: FAILED"), table);
    }

    @Test
    void unchangedVariantPasses() throws Exception {
        BenchProcess same = bench(1);
        List<JmhResult> current = same.run(List.of(PROBE), dir.resolve("same.json"));
        Gate.Outcome o = Gate.run("baseline", baseline, "same", current, TOLERANCE, same, 3);
        String table = GateTable.render(o);
        System.out.print("unchanged:\n" + table);
        assertFalse(o.failed(), table + log);
        assertTrue(o.lines().get(0).verdict() == Verdict.OK || o.lines().get(0).verdict() == Verdict.FASTER, table);
    }
}
