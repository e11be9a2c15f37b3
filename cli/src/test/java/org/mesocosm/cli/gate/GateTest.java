package org.mesocosm.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.cli.gate.JmhFixture.e;
import static org.mesocosm.cli.gate.JmhFixture.ref;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The re-run rule: only suspects are measured again, and a regression must show in both runs. */
class GateTest {

    static final String DRF = ComparisonTest.DRF;
    static final String SIM = ComparisonTest.SIM;

    @TempDir
    Path dir;

    @Test
    void noiseThatDoesNotRepeatPasses() throws Exception {
        var base = JmhFixture.results(dir, "b.json", ref(1000), e(DRF, "avgt", 100, "ms/op"), e(SIM, "avgt", 200, "ms/op"));
        var now = JmhFixture.results(dir, "c.json", ref(1000), e(DRF, "avgt", 140, "ms/op"), e(SIM, "avgt", 200, "ms/op"));
        List<List<BenchKey>> asked = new ArrayList<>();
        Gate.Outcome o = Gate.run("b", base, "c", now, 0.10, keys -> {
            asked.add(keys);
            return JmhFixture.results(dir, "r.json", ref(1100), e(DRF, "avgt", 112, "ms/op"));
        });
        assertEquals(List.of(List.of(BenchKey.of(DRF))), asked, "only the suspect is re-run");
        Gate.Line drf = o.lines().get(0);
        assertEquals(Verdict.OK, drf.verdict());
        assertEquals(1.4, drf.first().ratio(), 1e-9);
        assertEquals(112.0 / 110, drf.ratio(), 1e-9);
        assertNull(o.lines().get(1).rerun());
        assertFalse(o.failed());
        String table = GateTable.render(o);
        assertTrue(table.contains("ok (first 1.400, re-run 1.018)"), table);
        assertTrue(table.contains("gate: passed"), table);
    }

    @Test
    void regressionThatRepeatsFails() throws Exception {
        var base = JmhFixture.results(dir, "b.json", ref(1000), e(DRF, "avgt", 100, "ms/op"));
        var now = JmhFixture.results(dir, "c.json", ref(1000), e(DRF, "avgt", 150, "ms/op"));
        Gate.Outcome o = Gate.run("b", base, "c", now, 0.10,
                keys -> JmhFixture.results(dir, "r.json", ref(900), e(DRF, "avgt", 126, "ms/op")));
        Gate.Line drf = o.lines().get(0);
        assertEquals(Verdict.SLOWER, drf.verdict());
        assertEquals(1.4, drf.ratio(), 1e-9, "the better of 1.5 and 1.4");
        assertTrue(o.failed());
        String table = GateTable.render(o);
        assertTrue(table.contains("SLOWER (first 1.500, re-run 1.400)"), table);
        assertTrue(table.contains("gate: FAILED (1 of 1 benchmarks)"), table);
    }

    @Test
    void moreRerunsGiveASuspectMoreChancesAndStopWhenItClears() throws Exception {
        var base = JmhFixture.results(dir, "b.json", ref(1000), e(DRF, "avgt", 100, "ms/op"));
        var now = JmhFixture.results(dir, "c.json", ref(1000), e(DRF, "avgt", 150, "ms/op"));
        double[] rerunMs = {140, 105, 999};
        int[] calls = {0};
        Gate.Outcome o = Gate.run("b", base, "c", now, 0.10,
                keys -> JmhFixture.results(dir, "r.json", ref(1000), e(DRF, "avgt", rerunMs[calls[0]++], "ms/op")), 3);
        assertEquals(2, calls[0], "stops re-running once the benchmark is within tolerance");
        assertEquals(Verdict.OK, o.lines().get(0).verdict());
        assertEquals(1.05, o.lines().get(0).ratio(), 1e-9);
    }

    @Test
    void withoutRerunnerTheFirstMeasurementDecides() throws Exception {
        var base = JmhFixture.results(dir, "b.json", ref(1000), e(DRF, "avgt", 100, "ms/op"));
        var now = JmhFixture.results(dir, "c.json", ref(1000), e(DRF, "avgt", 150, "ms/op"));
        Gate.Outcome o = Gate.run("b", base, "c", now, 0.10, null);
        assertEquals(Verdict.SLOWER, o.lines().get(0).verdict());
        assertTrue(o.failed());
    }

    @Test
    void missingBenchmarkFailsWithoutRerun() throws Exception {
        var base = JmhFixture.results(dir, "b.json", ref(1000), e(DRF, "avgt", 100, "ms/op"), e(SIM, "avgt", 200, "ms/op"));
        var now = JmhFixture.results(dir, "c.json", ref(1000), e(DRF, "avgt", 100, "ms/op"));
        Gate.Outcome o = Gate.run("b", base, "c", now, 0.10, keys -> {
            throw new AssertionError("nothing to re-run");
        });
        assertTrue(o.failed());
        assertTrue(GateTable.render(o).contains("MISSING from current"));
    }
}
