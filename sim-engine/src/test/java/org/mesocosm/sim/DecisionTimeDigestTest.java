package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.decision.TimedScheduler;

/**
 * Issue 17: a policy behind its busy clock under {@code zero} gives exactly the digest it gives
 * bare (so every run before decision time keeps its digest; the golden digests are DeterminismTest's),
 * and under a model the run is still deterministic, on the random scenario with machine failures.
 */
class DecisionTimeDigestTest {
    private static final PolicyRegistry POLICIES = PolicyRegistry.load();

    static Simulation.Result run(String policy, long seed, DecisionTime dt) {
        RandomScenario sc = new RandomScenario(seed);
        TimedScheduler timed = new TimedScheduler(POLICIES.create(policy, seed), dt);
        return new Simulation(sc.config(), sc.workload(), timed, new MetricsRecorder(TaskRowSink.NONE), List.of(), timed).run();
    }

    @Test
    void zeroDecisionTimeChangesNoDigest() throws IOException {
        Map<String, String> golden = DeterminismTest.golden();
        for (String p : POLICIES.names()) {
            assertEquals(golden.get(p), run(p, DeterminismTest.GOLDEN_SEED, DecisionTime.ZERO).digest(), "policy " + p + ": the pinned digest");
        }
    }

    @Test
    void aModelIsDeterministicAndChangesTheRun() throws IOException {
        Map<String, String> golden = DeterminismTest.golden();
        DecisionTime model = DecisionTime.model(100_000, 5_000);
        for (String p : POLICIES.names()) {
            long seed = DeterminismTest.GOLDEN_SEED;
            Simulation.Result a = run(p, seed, model);
            assertEquals(a.digest(), run(p, seed, model).digest(), "policy " + p + " seed " + seed);
            assertNotEquals(golden.get(p), a.digest(), "policy " + p + ": decisions now take time");
        }
    }

    @Test
    void measuredTimeIsChargedAndFlaggedNotReproducible() {
        DecisionTime measured = DecisionTime.measured(1000.0); // x1000: a few µs of CPU per decision become ms
        RandomScenario sc = new RandomScenario(DeterminismTest.GOLDEN_SEED);
        TimedScheduler timed = new TimedScheduler(POLICIES.create("k8s"), measured);
        Simulation.Result r = new Simulation(sc.config(), sc.workload(), timed, new MetricsRecorder(TaskRowSink.NONE), List.of(), timed).run();
        Map<String, Object> s = timed.summary(r.endMicros());
        assertTrue((double) s.get("busy_s") > 0, "CPU time was charged: " + s);
        assertTrue(!measured.reproducible() && DecisionTime.model(1, 1).reproducible() && DecisionTime.ZERO.reproducible());
    }
}
