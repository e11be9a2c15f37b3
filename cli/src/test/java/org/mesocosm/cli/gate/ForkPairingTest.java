package org.mesocosm.cli.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results measured as several forks alternating with reference forks (what {@code mesocosm bench}
 * writes): each fork is divided by the reference fork before it and the median decides; single-shot
 * scores are per batch and divided by the batch size.
 */
class ForkPairingTest {

    static final String SIM = ComparisonTest.SIM;

    @TempDir
    Path dir;

    /** A single-shot result of {@code batch} calls per iteration, forks given as rows of iteration times (ms per batch). */
    static String ss(String benchmark, int batch, double[][] forks, int refBatch, double[][] refForks) {
        String adjacent = refForks == null ? "" : String.format(Locale.ROOT,
                ", \"%s\" : { \"benchmark\" : \"%s\", \"mode\" : \"ss\", \"forks\" : %d, \"score\" : 1, \"scoreUnit\" : \"ms/op\","
                        + " \"measurementBatchSize\" : %d, \"rawData\" : %s }",
                JmhResult.REFERENCE_FIELD, Comparison.REFERENCE_BENCHMARK, refForks.length, refBatch, raw(refForks));
        return String.format(Locale.ROOT, "{ \"benchmark\" : \"%s\", \"mode\" : \"ss\", \"forks\" : %d, \"measurementBatchSize\" : %d,"
                + " \"params\" : { }, \"primaryMetric\" : { \"score\" : 1, \"scoreError\" : \"NaN\", \"scoreUnit\" : \"ms/op\", \"rawData\" : %s }%s }",
                benchmark, forks.length, batch, raw(forks), adjacent);
    }

    static String raw(double[][] forks) {
        StringBuilder b = new StringBuilder("[");
        for (int f = 0; f < forks.length; f++) {
            b.append(f == 0 ? "[" : ", [");
            for (int i = 0; i < forks[f].length; i++) b.append(i == 0 ? "" : ", ").append(forks[f][i]);
            b.append(']');
        }
        return b.append(']').toString();
    }

    List<JmhResult> read(String name, String... objects) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "[" + String.join(",\n", objects) + "]");
        return JmhJson.read(p);
    }

    @Test
    void singleShotScoresArePerCallAndPerFork() throws Exception {
        JmhResult r = read("a.json", ss(SIM, 10, new double[][] {{50, 40}, {90, 30}}, 20, new double[][] {{100}, {200}})).get(0);
        assertArrayEquals(new double[] {4, 3}, r.forkBests(), 1e-12, "best iteration of each fork, per call");
        assertEquals(3, r.best(), 1e-12);
        assertArrayEquals(new double[] {5, 10}, r.reference().forkBests(), 1e-12);
        assertEquals(3e-3, r.secondsPerOp(), 1e-15);
    }

    @Test
    void medianOfPerForkRatiosIgnoresOneDisturbedFork() throws Exception {
        // Baseline: three forks, each 10x its reference.
        var base = read("b.json", ss(Comparison.REFERENCE_BENCHMARK, 1, new double[][] {{1}}, 1, null),
                ss(SIM, 1, new double[][] {{10}, {20}, {10}}, 1, new double[][] {{1}, {2}, {1}}));
        // Now: the machine got slower in fork 2 for the reference only, and 3x slower in fork 3 for the benchmark only.
        var now = read("c.json", ss(Comparison.REFERENCE_BENCHMARK, 1, new double[][] {{1}}, 1, null),
                ss(SIM, 1, new double[][] {{11}, {11}, {33}}, 1, new double[][] {{1}, {5}, {1}}));
        List<Comparison.Row> rows = Comparison.compare("b", base, "c", now, 0.10);
        // per-fork ratios now: 11, 2.2, 33 -> median 11; baseline 10 -> ratio 1.1
        assertEquals(1.1, rows.get(0).ratio(), 1e-9);
        assertEquals(Verdict.OK, rows.get(0).verdict());
    }

    @Test
    void aRegressionInEveryForkIsSlower() throws Exception {
        var base = read("b.json", ss(Comparison.REFERENCE_BENCHMARK, 1, new double[][] {{1}}, 1, null),
                ss(SIM, 1, new double[][] {{10}, {10}, {10}}, 1, new double[][] {{1}, {1}, {1}}));
        var now = read("c.json", ss(Comparison.REFERENCE_BENCHMARK, 1, new double[][] {{1}}, 1, null),
                ss(SIM, 1, new double[][] {{15}, {30}, {16}}, 1, new double[][] {{1}, {2}, {1}}));
        assertEquals(1.5, Comparison.compare("b", base, "c", now, 0.10).get(0).ratio(), 1e-9, "median of 15, 15, 16 over 10");
    }

    @Test
    void unequalForkCountsFallBackToBestOverBest() throws Exception {
        var base = read("b.json", ss(Comparison.REFERENCE_BENCHMARK, 1, new double[][] {{1}}, 1, null),
                ss(SIM, 1, new double[][] {{10}, {12}}, 1, new double[][] {{2}}));
        var now = read("c.json", ss(Comparison.REFERENCE_BENCHMARK, 1, new double[][] {{1}}, 1, null),
                ss(SIM, 1, new double[][] {{10}, {12}}, 1, new double[][] {{2}}));
        assertEquals(1.0, Comparison.compare("b", base, "c", now, 0.10).get(0).ratio(), 1e-9);
    }

    @Test
    void cpuShareScalesEachIterationWhenBenchmarkAndReferenceHaveIt() throws Exception {
        String withShare = ss(SIM, 1, new double[][] {{100, 60}}, 1, new double[][] {{10}})
                .replace("\"rawData\" : [[100.0, 60.0]] }", "\"rawData\" : [[100.0, 60.0]] }, \"secondaryMetrics\" : { \""
                        + JmhResult.CPU_SHARE_METRIC + "\" : { \"score\" : 0.5, \"rawData\" : [[0.2, 1.0]] } }")
                .replace("\"rawData\" : [[10.0]] }", "\"rawData\" : [[10.0]], \"" + JmhResult.CPU_SHARE_FIELD + "\" : [[0.5]] }");
        JmhResult r = read("cpu.json", withShare).get(0);
        assertEquals(true, r.cpuAdjusted());
        assertArrayEquals(new double[] {20}, r.forkBests(), 1e-12, "100 ms at 20% of a core beats 60 ms at 100%");
        assertArrayEquals(new double[] {5}, r.reference().forkBests(), 1e-12);
        // Without the reference's share, neither is scaled: both in wall time.
        JmhResult wall = read("wall.json", withShare.replace(", \"" + JmhResult.CPU_SHARE_FIELD + "\" : [[0.5]]", "")).get(0);
        assertEquals(false, wall.cpuAdjusted());
        assertArrayEquals(new double[] {60}, wall.forkBests(), 1e-12);
    }

    @Test
    void medianOfEvenCountAveragesTheMiddleTwo() {
        assertEquals(2.5, Comparison.median(new double[] {4, 1, 3, 2}), 1e-12);
        assertEquals(3, Comparison.median(new double[] {5, 3, 1}), 1e-12);
    }

    @Test
    void badBatchSizeIsBadInput() throws Exception {
        String bad = ss(SIM, 1, new double[][] {{10}}, 1, null).replace("\"measurementBatchSize\" : 1", "\"measurementBatchSize\" : 0");
        GateInputException e = assertThrows(GateInputException.class, () -> read("x.json", bad));
        assertEquals(true, e.getMessage().contains("measurementBatchSize"), e.getMessage());
    }
}
