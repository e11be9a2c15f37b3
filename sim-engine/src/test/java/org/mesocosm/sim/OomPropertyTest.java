package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/**
 * The usage model over random clusters and workloads (RandomScenario: a third of the task groups
 * declare usage below their request): overcommit carries risk for the policy that takes it, and
 * none for the others. The per-event check that memory usage fits after the kill step is in
 * {@link InvariantsPropertyTest#noDoubleBooking}.
 */
class OomPropertyTest {
    static final int SEEDS = 20;

    record Outcome(long oomKills, double wastedCpuHours, List<Task> oomKilled) {}

    static Outcome run(long seed, String policy) {
        List<Task> killed = new ArrayList<>();
        MetricsRecorder m = new MetricsRecorder(t -> {
            if (Task.OOM_KILLED.equals(t.endReason())) killed.add(t);
        });
        RandomScenario sc = new RandomScenario(seed);
        Simulation sim = new Simulation(sc.config().withFailures(0), sc.workload(), PolicyRegistry.load().create(policy), m, List.of());
        sim.probe(InvariantsPropertyTest::noDoubleBooking);
        sim.run();
        assertEquals(sim.oomKills(), m.oomKills(), "the machines' count and the summary's agree");
        return new Outcome(m.oomKills(), m.wastedCpuHours(), killed);
    }

    @Test
    void onlyOvercommitRunsOutOfMemoryAndOnlyReclaimedTasksDie() {
        long borgKills = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                Outcome k8s = run(seed, "k8s");
                assertEquals(0, k8s.oomKills(), "k8s never overcommits: no machine can run out of memory");
                Outcome borg = run(seed, "borg");
                double oomLostCpuHours = 0;
                for (Task t : borg.oomKilled()) {
                    assertTrue(t.isReclaimed(), "a guaranteed task was OOM-killed: " + t);
                    // a task killed in the instant it started (its own usage ran the machine over) lost nothing
                    long from = t.startedAt() >= 0 ? t.startedAt() : t.placedAt();
                    oomLostCpuHours += t.request().cpuMillis() / 1000.0 * Math.max(0, t.endedAt() - from) / 3.6e9;
                }
                // machine failures are off: wasted work here is preemption plus OOM, so at least the OOM part
                assertTrue(borg.wastedCpuHours() >= oomLostCpuHours - 1e-6,
                        "OOM-killed work counts as wasted: " + borg.wastedCpuHours() + " < " + oomLostCpuHours);
                borgKills += borg.oomKills();
            } catch (Throwable e) {
                throw new AssertionError("seed " + seed + " (new RandomScenario(" + seed + ")): " + e.getMessage(), e);
            }
        }
        // the model must bite somewhere: reclaimed placements on bursting machines get killed
        assertTrue(borgKills > 0, "no OOM kill in " + SEEDS + " borg runs");
    }
}
