package org.mesocosm.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.cli.gate.JmhFixture.e;
import static org.mesocosm.cli.gate.JmhFixture.ref;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: each case is a baseline, a current run, a tolerance and the verdict per benchmark. */
class ComparisonTest {

    static final String DRF = "org.mesocosm.bench.DrfRoundBench.offerRound";
    static final String QUEUE = "org.mesocosm.bench.EventQueueBench.mesocosmQueue";
    static final String SIM = "org.mesocosm.bench.SimulationBench.smallMixedRun";

    @TempDir
    Path dir;

    record Case(String name, JmhFixture.Entry[] baseline, JmhFixture.Entry[] current, double tolerance, Map<String, Verdict> want,
                Map<String, Double> wantRatio) {
        @Override
        public String toString() {
            return name;
        }
    }

    static JmhFixture.Entry[] run(JmhFixture.Entry... e) {
        return e;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("improvement: 100 -> 60 ms/op on the same machine",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op")), run(ref(1000), e(DRF, "avgt", 60, "ms/op")), 0.10,
                        Map.of(DRF, Verdict.FASTER), Map.of(DRF, 0.6)),
                new Case("within tolerance: 8% slower at 10%",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op")), run(ref(1000), e(DRF, "avgt", 108, "ms/op")), 0.10,
                        Map.of(DRF, Verdict.OK), Map.of(DRF, 1.08)),
                new Case("regression: 25% slower at 10%",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op")), run(ref(1000), e(DRF, "avgt", 125, "ms/op")), 0.10,
                        Map.of(DRF, Verdict.SLOWER), Map.of(DRF, 1.25)),
                new Case("regression in throughput: fewer ops/s is slower",
                        run(ref(1000), e(QUEUE, "thrpt", 4_000_000, "ops/s")), run(ref(1000), e(QUEUE, "thrpt", 3_000_000, "ops/s")), 0.10,
                        Map.of(QUEUE, Verdict.SLOWER), Map.of(QUEUE, 4.0 / 3)),
                new Case("more ops/s is faster",
                        run(ref(1000), e(QUEUE, "thrpt", 4_000_000, "ops/s")), run(ref(1000), e(QUEUE, "thrpt", 5_000_000, "ops/s")), 0.10,
                        Map.of(QUEUE, Verdict.FASTER), Map.of(QUEUE, 0.8)),
                new Case("a machine twice as slow, code unchanged: the reference cancels it",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op"), e(QUEUE, "thrpt", 4_000_000, "ops/s")),
                        run(ref(2000), e(DRF, "avgt", 200, "ms/op"), e(QUEUE, "thrpt", 2_000_000, "ops/s")), 0.10,
                        Map.of(DRF, Verdict.OK, QUEUE, Verdict.OK), Map.of(DRF, 1.0, QUEUE, 1.0)),
                new Case("a faster machine hides nothing: 1.5x reference speed-up, benchmark unchanged in absolute terms",
                        run(ref(1500), e(DRF, "avgt", 100, "ms/op")), run(ref(1000), e(DRF, "avgt", 100, "ms/op")), 0.10,
                        Map.of(DRF, Verdict.SLOWER), Map.of(DRF, 1.5)),
                new Case("missing in current: fails",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op"), e(SIM, "avgt", 250, "ms/op", "nodes=50")),
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op")), 0.10,
                        Map.of(DRF, Verdict.OK, SIM + "[nodes=50]", Verdict.MISSING), Map.of(DRF, 1.0)),
                new Case("other parameters are another benchmark: missing plus new",
                        run(ref(1000), e(SIM, "avgt", 250, "ms/op", "nodes=50")),
                        run(ref(1000), e(SIM, "avgt", 250, "ms/op", "nodes=100")), 0.10,
                        Map.of(SIM + "[nodes=50]", Verdict.MISSING, SIM + "[nodes=100]", Verdict.NEW), Map.of()),
                new Case("new benchmark not in baseline: reported, not judged",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op")),
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op"), e(SIM, "avgt", 250, "ms/op")), 0.10,
                        Map.of(DRF, Verdict.OK, SIM, Verdict.NEW), Map.of(DRF, 1.0)),
                new Case("unit mismatch ms/op vs us/op: converted, unchanged",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op")), run(e(JmhFixture.REF, "avgt", 1, "ms/op"), e(DRF, "avgt", 100_000, "us/op")), 0.10,
                        Map.of(DRF, Verdict.OK), Map.of(DRF, 1.0)),
                new Case("mode mismatch thrpt vs avgt: both become cost per op",
                        run(ref(1000), e(QUEUE, "thrpt", 2000, "ops/ms")), run(ref(1000), e(QUEUE, "avgt", 0.6, "us/op")), 0.10,
                        Map.of(QUEUE, Verdict.SLOWER), Map.of(QUEUE, 1.2)),
                new Case("the reference measured right before a benchmark wins over the file's: load rose mid-run",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op").withAdjacentRef(1000), e(SIM, "avgt", 200, "ms/op").withAdjacentRef(1000)),
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op").withAdjacentRef(1000), e(SIM, "avgt", 600, "ms/op").withAdjacentRef(3000)), 0.10,
                        Map.of(DRF, Verdict.OK, SIM, Verdict.OK), Map.of(DRF, 1.0, SIM, 1.0)),
                new Case("a file without adjacent references falls back to its reference result",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op").withAdjacentRef(500)),
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op")), 0.10,
                        Map.of(DRF, Verdict.FASTER), Map.of(DRF, 0.5)),
                new Case("zero tolerance: any slowdown fails",
                        run(ref(1000), e(DRF, "avgt", 100, "ms/op")), run(ref(1000), e(DRF, "avgt", 101, "ms/op")), 0.0,
                        Map.of(DRF, Verdict.SLOWER), Map.of(DRF, 1.01)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdicts(Case c) throws Exception {
        List<Comparison.Row> rows = Comparison.compare("base.json", JmhFixture.results(dir, "b.json", c.baseline()),
                "now.json", JmhFixture.results(dir, "c.json", c.current()), c.tolerance());
        Map<String, Verdict> got = new TreeMap<>();
        for (Comparison.Row r : rows) got.put(r.key().toString(), r.verdict());
        assertEquals(new TreeMap<>(c.want()), got, c.name());
        for (Comparison.Row r : rows) {
            Double want = c.wantRatio().get(r.key().toString());
            if (want != null) assertEquals(want, r.ratio(), 1e-9, c.name() + ": ratio of " + r.key());
        }
    }

    @Test
    void unknownUnitIsBadInput() throws Exception {
        var base = JmhFixture.results(dir, "b.json", ref(1000), e(DRF, "avgt", 100, "B/op"));
        var now = JmhFixture.results(dir, "c.json", ref(1000), e(DRF, "avgt", 100, "B/op"));
        GateInputException ex = assertThrows(GateInputException.class, () -> Comparison.compare("b", base, "c", now, 0.1));
        assertTrue(ex.getMessage().contains("unknown score unit 'B/op'"), ex.getMessage());
    }

    @Test
    void unitThatContradictsTheModeIsBadInput() throws Exception {
        var base = JmhFixture.results(dir, "b.json", ref(1000), e(DRF, "thrpt", 100, "ms/op"));
        var now = JmhFixture.results(dir, "c.json", ref(1000), e(DRF, "avgt", 100, "ms/op"));
        assertThrows(GateInputException.class, () -> Comparison.compare("b", base, "c", now, 0.1));
    }

    @Test
    void missingReferenceIsBadInput() throws Exception {
        var base = JmhFixture.results(dir, "b.json", e(DRF, "avgt", 100, "ms/op"));
        var now = JmhFixture.results(dir, "c.json", ref(1000), e(DRF, "avgt", 100, "ms/op"));
        GateInputException ex = assertThrows(GateInputException.class, () -> Comparison.compare("base.json", base, "c", now, 0.1));
        assertTrue(ex.getMessage().startsWith("base.json: no result for the reference benchmark"), ex.getMessage());
    }

    @Test
    void keyRoundTrips() {
        BenchKey k = BenchKey.of(DRF, "roles=100", "agents=10000");
        assertEquals(DRF + "[agents=10000,roles=100]", k.toString());
        assertEquals(k, BenchKey.parse(k.toString()));
        assertEquals("DrfRoundBench.offerRound agents=10000 roles=100", k.shortName());
        assertEquals(BenchKey.of(DRF), BenchKey.parse(DRF));
    }
}
