package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.mesocosm.workloads.ClusterShapes;

class ExperimentEngineTest {

    @Test
    void resultsComeBackInRunOrderWhateverOrderTheyFinishIn() throws Exception {
        List<ExperimentEngine.Run<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) runs.add(new ExperimentEngine.Run<>(i, 100 + i));
        List<Integer> completion = new ArrayList<>();
        // Early runs sleep longest, so they finish last.
        var out = new ExperimentEngine(4).runAll(runs, (p, seed) -> {
            Thread.sleep(5L * (12 - p));
            return p * 1000 + seed;
        }, (index, o) -> completion.add(index));
        assertEquals(12, out.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(i * 1000 + 100 + i, out.get(i).value());
            assertEquals(1, out.get(i).attempts());
        }
        assertEquals(12, completion.size());
        assertFalse(completion.equals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)), "completion order should differ: " + completion);
    }

    @Test
    void aRunThatFailsOnceIsRetriedAndOneThatFailsTwiceIsReportedNotDropped() throws Exception {
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        List<ExperimentEngine.Run<String>> runs = List.of(new ExperimentEngine.Run<>("a", 1), new ExperimentEngine.Run<>("flaky", 2),
                new ExperimentEngine.Run<>("broken", 3));
        var out = new ExperimentEngine(2).runAll(runs, (p, seed) -> {
            if (p.equals("broken")) throw new IllegalStateException("always broken");
            if (p.equals("flaky") && failedOnce.add(seed)) throw new java.io.IOException("disk hiccup");
            return p + seed;
        }, (i, o) -> {});
        assertEquals(3, out.size());
        assertEquals("a1", out.get(0).value());
        assertTrue(out.get(1).ok());
        assertEquals("flaky2", out.get(1).value());
        assertEquals(2, out.get(1).attempts());
        assertEquals("IOException: disk hiccup", out.get(1).firstError());
        assertFalse(out.get(2).ok());
        assertNull(out.get(2).value());
        assertEquals(2, out.get(2).attempts());
        assertEquals("IllegalStateException: always broken", out.get(2).error());
        List<String> report = RunProgress.failures(out);
        assertEquals(1, report.size());
        assertTrue(report.get(0).contains("broken seed 3"), report.get(0));
    }

    /** A real simulation whose first attempt dies: the retry gives the same result as an undisturbed run, and progress says so. */
    @Test
    void aFailedSimulationIsRetriedAndMatchesAnUndisturbedRun() throws Exception {
        RunPoint point = new RunPoint("drf", SyntheticWorkload.scaled("mixed", Double.NaN), 20, ClusterShapes.DEFAULT_NODE, 86_400_000_000L);
        PointRunner real = new PointRunner(null, false);
        Set<Long> crashed = ConcurrentHashMap.newKeySet();
        ExperimentEngine.Work<RunPoint, RunRecord> crashingOnce = (p, seed) -> {
            if (seed == 2 && crashed.add(seed)) throw new OutOfMemoryError("simulated crash");
            return real.run(p, seed);
        };
        List<ExperimentEngine.Run<RunPoint>> runs = List.of(new ExperimentEngine.Run<>(point, 1), new ExperimentEngine.Run<>(point, 2));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunProgress progress = new RunProgress(new PrintStream(err, true, StandardCharsets.UTF_8), "[t]", RunProgress.pointsBySeeds(1, 2), true);
        var retried = new ExperimentEngine(2).runAll(runs, crashingOnce, progress);
        var clean = new ExperimentEngine(2).runAll(runs, real, (i, o) -> {});
        assertEquals(2, retried.get(1).attempts());
        assertEquals(clean.get(1).value().digest(), retried.get(1).value().digest());
        assertEquals(clean.get(0).value().digest(), retried.get(0).value().digest());
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("seed 2 failed (OutOfMemoryError: simulated crash); the retry succeeded"), log);
    }
}
