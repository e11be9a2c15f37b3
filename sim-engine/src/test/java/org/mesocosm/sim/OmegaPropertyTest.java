package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.decision.TimedScheduler;

/**
 * {@code omega} under decision time (so that its schedulers really overlap and conflict), over
 * many random cells and workloads ({@link RandomScenario}: machine failures, kills, pipelines,
 * tasks that fit nowhere), for each conflict and commit mode: no machine is ever over-committed,
 * every task ends in exactly one terminal state or is still live, conflicts never exceed
 * transactions, and the same seed gives the same digest. The seed is printed on failure.
 */
class OmegaPropertyTest {
    private static final int SEEDS = Integer.getInteger("mesocosm.seeds", 150) / 15; // 10 per variant by default: each run is a timed one, two for every third seed
    private static final List<String> VARIANTS = List.of(
            "omega:service:t_job=2s,batch:t_job=100ms",
            "omega:conflicts=coarse,commit=gang,service:t_job=1s",
            "omega:schedulers=batch,batch-schedulers=3,split=round-robin,conflicts=coarse,batch:t_job=500ms",
            "omega:batch-schedulers=2,commit=gang,seed=7");

    static Simulation.Result run(RandomScenario sc, String policy, MetricsRecorder metrics, boolean probe) {
        TimedScheduler timed = new TimedScheduler(PolicyRegistry.load().create(policy, sc.seed), DecisionTime.model(100_000, 5_000));
        Simulation sim = new Simulation(sc.config(), sc.workload(), timed, metrics, List.of(), timed);
        if (probe) sim.probe(InvariantsPropertyTest::noDoubleBooking);
        return sim.run();
    }

    @Test
    void invariantsHoldWhileSchedulersConflict() {
        long conflicts = 0;
        for (String policy : VARIANTS) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                try {
                    conflicts += check(new RandomScenario(seed), policy);
                } catch (Throwable e) {
                    throw new AssertionError(policy + ", seed " + seed + " (reproduce with new RandomScenario(" + seed + ")): " + e.getMessage(), e);
                }
            }
        }
        System.out.println("OmegaPropertyTest: " + VARIANTS.size() + " variants x " + SEEDS + " seeds, " + conflicts + " conflicted transactions");
        assertTrue(conflicts > 0, "the random cells must make the schedulers conflict, or the test checks nothing about commits");
    }

    private static long check(RandomScenario sc, String policy) {
        Map<String, Integer> rows = new HashMap<>();
        MetricsRecorder metrics = new MetricsRecorder(t -> rows.merge(t.id(), 1, Integer::sum));
        Simulation.Result r = run(sc, policy, metrics, true);
        for (Map.Entry<String, Integer> e : rows.entrySet()) assertEquals(1, e.getValue(), "rows for task " + e.getKey());
        long terminal = 0;
        for (TaskState s : TaskState.values()) if (s.isTerminal()) terminal += metrics.count(s);
        long live = r.master().liveTaskCount();
        assertEquals(metrics.tasksCreated(), terminal + live, "created = terminal + live");
        assertEquals(live, metrics.count(TaskState.PENDING) + metrics.count(TaskState.STAGING) + metrics.count(TaskState.RUNNING));
        Map<String, Long> m = new HashMap<>();
        for (PolicyMetric pm : r.master().policy().metrics()) m.put(pm.name(), pm.value());
        long conflicts = 0;
        for (Map.Entry<String, Long> e : m.entrySet()) {
            if (!e.getKey().endsWith("_conflicts_total")) continue;
            long tx = m.get(e.getKey().replace("_conflicts_total", "_transactions_total"));
            assertTrue(e.getValue() <= tx, e.getKey() + " " + e.getValue() + " > transactions " + tx);
            conflicts += e.getValue();
        }
        if (sc.seed % 3 == 0) assertEquals(r.digest(), run(sc, policy, new MetricsRecorder(t -> {}), false).digest(), "same seed, same digest");
        return conflicts;
    }
}
