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
 * launches them, of the probe benchmark at normal speed and deliberately slowed twice (same name
 * and parameters, twice the work per operation), each as three reference/probe pairs whose
 * per-pair ratios' median is compared. Iterations are short (300 ms) and in-process (forks 0)
 * to keep this under a minute; the tolerance is wide (35%) and the unchanged run may be re-run
 * up to three times because a 2-core machine shared with other builds moves short measurements
 * by tens of percent. bench/README.md has the full-size numbers (1.5x and 2x, quick settings).
 */
class GateSelfTest {

    static final BenchKey PROBE = BenchKey.of(GateProbeBench.class.getName() + ".holdOperation");
    static final double TOLERANCE = 0.35;
    static final String SLOWDOWN = "2";

    @TempDir
    static Path dir;

    static List<JmhResult> baseline;
    static final ByteArrayOutputStream log = new ByteArrayOutputStream();

    static BenchProcess bench(String slowdown) {
        return new BenchProcess(System.getProperty("java.class.path"),
                // Other JMH runs on a shared build machine hold JMH's lock; this test needs no exclusive machine.
                List.of("-Xmx512m", "-Djmh.ignoreLock=true", "-D" + GateProbeBench.SLOWDOWN_PROPERTY + "=" + slowdown),
                List.of("--forks", "0", "--pairs", "3", "--warmup", "2", "--iterations", "3", "--time-ms", "300"),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void measureBaseline() throws Exception {
        baseline = bench("1").run(List.of(PROBE), dir.resolve("baseline.json"));
    }

    @Test
    void slowedVariantIsFlaggedAfterItsRerun() throws Exception {
        BenchProcess slowed = bench(SLOWDOWN);
        List<JmhResult> current = slowed.run(List.of(PROBE), dir.resolve("slowed.json"));
        Gate.Outcome o = Gate.run("baseline", baseline, "slowed", current, TOLERANCE, slowed, 1);
        String table = GateTable.render(o);
        System.out.print("slowed " + SLOWDOWN + "x:\n" + table);
        Gate.Line line = o.lines().get(0);
        assertEquals(PROBE, line.key(), table);
        assertEquals(3, current.get(1).forkBests().length, "three probe forks, each paired with a reference fork");
        assertEquals(Verdict.SLOWER, line.verdict(), table + log);
        assertTrue(line.rerun() != null, "a suspect is measured again before failing\n" + table);
        assertTrue(o.failed(), table);
        assertTrue(table.contains("gate: FAILED"), table);
    }

    @Test
    void unchangedVariantPasses() throws Exception {
        BenchProcess same = bench("1");
        List<JmhResult> current = same.run(List.of(PROBE), dir.resolve("same.json"));
        Gate.Outcome o = Gate.run("baseline", baseline, "same", current, TOLERANCE, same, 3);
        String table = GateTable.render(o);
        System.out.print("unchanged:\n" + table);
        assertFalse(o.failed(), table + log);
        assertTrue(o.lines().get(0).verdict() == Verdict.OK || o.lines().get(0).verdict() == Verdict.FASTER, table);
    }
}
