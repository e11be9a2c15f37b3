package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mesocosm.reports.stats.Estimate;

/** The search against a known, monotone model of the metrics: p99 = 100,000 / nodes ms ± 5%, utilization = 500 / nodes. */
class CapacitySearchTest {

    static Map<Metric, Estimate> model(int nodes) {
        Map<Metric, Estimate> m = new EnumMap<>(Metric.class);
        double p99 = 100_000.0 / nodes;
        m.put(Metric.SCHED_LATENCY_P99, new Estimate(p99, p99 * 0.95, p99 * 1.05, 5, 0));
        double u = Math.min(1, 500.0 / nodes);
        m.put(Metric.CPU_UTILIZATION, new Estimate(u, u - 0.01, u + 0.01, 5, 0));
        return m;
    }

    @Test
    void findsTheExactThresholdFromAboveAndBelowWithFewEvaluations() throws Exception {
        // Met when 1.05 * 100000 / n < 200, i.e. n > 525: the answer is 526.
        List<Slo> slos = Slo.parseList("sched_latency_p99<200ms");
        for (int start : new int[] {1, 100, 526, 1000, 40_000}) {
            AtomicInteger calls = new AtomicInteger();
            CapacitySearch s = new CapacitySearch(slos, 1, 50_000, 0, n -> {
                calls.incrementAndGet();
                return model(n);
            });
            CapacitySearch.Answer a = s.search(start);
            assertEquals(526, a.nodes(), "start " + start);
            assertTrue(calls.get() <= 30, "start " + start + ": " + calls.get() + " evaluations");
        }
    }

    @Test
    void anUpperBoundSloThatFailsAtTheSmallestSufficientSizeMeansNoAnswer() throws Exception {
        // Utilization > 0.98 needs n < 500/0.99 = 505, but latency needs 526.
        CapacitySearch s = new CapacitySearch(Slo.parseList("sched_latency_p99<200ms,cpu_utilization>0.98"), 1, 50_000, 0,
                CapacitySearchTest::model);
        CapacitySearch.Answer a = s.search(1000);
        assertEquals(-1, a.nodes());
        assertTrue(a.reason().contains("526 nodes") && a.reason().contains("cpu_utilization"), a.reason());
        // With a looser utilization target the same search answers.
        CapacitySearch ok = new CapacitySearch(Slo.parseList("sched_latency_p99<200ms,cpu_utilization>0.9"), 1, 50_000, 0,
                CapacitySearchTest::model);
        assertEquals(526, ok.search(1000).nodes());
    }

    @Test
    void reportsWhenEvenTheLargestClusterIsNotEnough() throws Exception {
        CapacitySearch s = new CapacitySearch(Slo.parseList("sched_latency_p99<1ms"), 1, 4000, 0.02, CapacitySearchTest::model);
        CapacitySearch.Answer a = s.search(1000);
        assertEquals(-1, a.nodes());
        assertTrue(a.reason().startsWith("no cluster of up to 4000 nodes"), a.reason());
    }

    @Test
    void stopsWhenDoublingTheClusterDoesNotHelp() throws Exception {
        // A latency floor of 5 s whatever the size (as DRF's p99 on the default workload): no answer after one doubling.
        AtomicInteger calls = new AtomicInteger();
        CapacitySearch s = new CapacitySearch(Slo.parseList("sched_latency_p99<4s"), 1, 50_000, 0.02, n -> {
            calls.incrementAndGet();
            Map<Metric, Estimate> m = new EnumMap<>(Metric.class);
            m.put(Metric.SCHED_LATENCY_P99, new Estimate(5381, 4534, 6228, 5, 0));
            return m;
        });
        CapacitySearch.Answer a = s.search(1000);
        assertEquals(-1, a.nodes());
        assertEquals(2, calls.get());
        assertTrue(a.reason().startsWith("sched_latency_p99 did not improve from 1000 to 2000 nodes"), a.reason());
    }

    @Test
    void aMeanUnderTheSloWithAWideCiAsksForSeedsInsteadOfBlamingThePolicy() throws Exception {
        // The mean (4.2 s) meets p99 < 5 s at every size but the 95% CI [3.0, 5.4] over 3 seeds does not:
        // the floor is statistical, and more seeds, not more nodes, settle it.
        CapacitySearch s = new CapacitySearch(Slo.parseList("sched_latency_p99<5s"), 1, 50_000, 0.02, n -> {
            Map<Metric, Estimate> m = new EnumMap<>(Metric.class);
            m.put(Metric.SCHED_LATENCY_P99, new Estimate(4200, 3000, 5400, 3, 0));
            return m;
        });
        CapacitySearch.Answer a = s.search(1000);
        assertEquals(-1, a.nodes());
        assertTrue(a.reason().startsWith("95% CI wider than the SLO: add seeds"), a.reason());
        assertTrue(!a.reason().contains("policy"), a.reason());
        // half-width 1,200 ms over a margin of 800 ms: 3 * (1.5)^2 = 6.75, so 8 seeds
        assertTrue(a.reason().contains("--seeds 8"), a.reason());

        // The same at the largest size allowed: the answer says seeds, not "no cluster of up to".
        CapacitySearch capped = new CapacitySearch(Slo.parseList("sched_latency_p99<5s"), 1, 1000, 0.02, n -> {
            Map<Metric, Estimate> m = new EnumMap<>(Metric.class);
            m.put(Metric.SCHED_LATENCY_P99, new Estimate(4200, 3000, 5400, 3, 0));
            return m;
        });
        CapacitySearch.Answer c = capped.search(1000);
        assertTrue(c.reason().startsWith("95% CI wider than the SLO"), c.reason());
    }

    @Test
    void precisionStopsTheBisectionEarly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CapacitySearch s = new CapacitySearch(Slo.parseList("sched_latency_p99<200ms"), 1, 50_000, 0.05, n -> {
            calls.incrementAndGet();
            return model(n);
        });
        int n = s.search(1000).nodes();
        assertTrue(n >= 526 && n <= 526 * 1.06, "within 5%: " + n);
        assertTrue(calls.get() <= 7, calls.get() + " evaluations");
    }

    @Test
    void sloParsingAndDirection() {
        Slo p99 = Slo.parse("sched_latency_p99<5s");
        assertEquals(5000.0, p99.threshold());
        assertTrue(p99.needsCapacity());
        Slo util = Slo.parse("cpu_utilization>60%");
        assertEquals(0.6, util.threshold(), 1e-12);
        assertTrue(!util.needsCapacity());
        assertEquals(1800.0, Slo.parse("job_completion_p95<30m").threshold());
        assertEquals(250.0, Slo.parse("sched_latency_p50<250").threshold(), "a bare number is in the metric's unit");
        assertThrows(IllegalArgumentException.class, () -> Slo.parse("fairness_jain>0.9"));
        assertThrows(IllegalArgumentException.class, () -> Slo.parse("latency<5s"));
        assertThrows(IllegalArgumentException.class, () -> Slo.parse("sched_latency_p99=5s"));
        assertThrows(IllegalArgumentException.class, () -> new CapacitySearch(Slo.parseList("cpu_utilization>0.6"), 1, 10, 0, n -> Map.of()));
    }
}
