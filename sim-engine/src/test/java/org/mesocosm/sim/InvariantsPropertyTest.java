package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Simulation testing in the FoundationDB style: a cluster and workload generated from each
 * seed, run to the end, invariants checked after every event and at the end. A failure names
 * the seed; {@code new RandomScenario(seed)} reproduces it exactly.
 */
class InvariantsPropertyTest {
    static final int SEEDS = Integer.getInteger("mesocosm.seeds", 150);

    /** Every policy found by ServiceLoader, so that a new policy is checked without editing this test. */
    static java.util.List<String> everyRegisteredPolicy() {
        return PolicyRegistry.load().names();
    }

    @ParameterizedTest
    @MethodSource("everyRegisteredPolicy")
    void invariantsHoldForManyRandomClustersAndWorkloads(String policy) {
        // DRF gets the full count (150 by default, -Dmesocosm.seeds=N for a deeper run); each further
        // policy a third of it, to keep the build short
        long seeds = policy.equals("drf") ? SEEDS : Math.max(1, SEEDS / 3);
        for (long seed = 1; seed <= seeds; seed++) {
            try {
                check(new RandomScenario(seed), policy);
            } catch (Throwable e) {
                throw new AssertionError(policy + ", seed " + seed + " (reproduce with new RandomScenario(" + seed + ")): " + e.getMessage(), e);
            }
        }
    }

    static void check(RandomScenario sc, String policy) {
        Map<String, Integer> rows = new HashMap<>();
        Map<String, Task> ended = new HashMap<>();
        MetricsRecorder metrics = new MetricsRecorder(t -> {
            rows.merge(t.id(), 1, Integer::sum);
            ended.put(t.id(), t);
        });
        Simulation sim = new Simulation(sc.config(), sc.workload(), PolicyRegistry.load().create(policy), metrics, List.of());
        sim.probe(InvariantsPropertyTest::noDoubleBooking);
        Simulation.Result r = sim.run();

        // every task ends in exactly one terminal state, or is accounted for as still live
        for (Map.Entry<String, Integer> e : rows.entrySet()) assertEquals(1, e.getValue(), "rows for task " + e.getKey());
        assertEquals(metrics.tasksCreated(), rows.size(), "every created task has one row");
        long terminal = 0;
        for (TaskState s : TaskState.values()) if (s.isTerminal()) terminal += metrics.count(s);
        long live = r.master().liveTaskCount();
        assertEquals(metrics.tasksCreated(), terminal + live, "created = terminal + live");
        assertEquals(live, metrics.count(TaskState.PENDING) + metrics.count(TaskState.STAGING) + metrics.count(TaskState.RUNNING));
        for (Task t : ended.values()) {
            if (t.state() == TaskState.DISCONTINUED) assertTrue(t.placedAt() < 0, "discontinued task was launched: " + t);
            if (t.state() == TaskState.FINISHED) assertTrue(t.startedAt() >= t.placedAt() && t.placedAt() >= t.readyAt(), "time order " + t);
        }
        if (r.endReason() == Simulation.EndReason.ALL_WORK_DONE) assertEquals(0, r.master().unfinishedFiniteJobs());
    }

    record Instance(String job, String step, int index) {}

    /**
     * No agent holds more than it has, by the master's account and by the machine's own: tasks
     * placed normally fit in the total; with reclaimed placements, all requests together stay
     * within the overcommit the policy declared.
     */
    static void noDoubleBooking(long now, Master master, SimClusterView machines) {
        Set<Instance> activeInstances = new HashSet<>();
        for (Agent a : master.cluster().agents()) {
            Resources sum = Resources.ZERO;
            Resources reclaimed = Resources.ZERO;
            for (Task t : a.tasks()) {
                if (t.isReclaimed()) reclaimed = reclaimed.plus(t.request());
                else sum = sum.plus(t.request());
                if (!activeInstances.add(new Instance(t.jobId(), t.spec().name(), t.instance()))) {
                    fail("two attempts of one instance active at once: " + t + " at " + now);
                }
            }
            assertEquals(a.allocated(), sum, "allocated on " + a.id() + " equals its tasks' requests at " + now);
            assertEquals(a.reclaimed(), reclaimed, "reclaimed on " + a.id() + " equals its reclaimed tasks' requests at " + now);
            if (a.isUp()) {
                assertTrue(a.total().fits(a.allocated().plus(a.offered())), "over-committed " + a + " at " + now);
                assertTrue(a.ceiling().fits(a.allocated().plus(a.offered()).plus(a.reclaimed())),
                        "beyond the declared overcommit " + a + " at " + now);
            }
        }
        for (int i = 0; i < machines.machines(); i++) {
            assertTrue(machines.limit(i).fits(machines.used(i)), "machine " + machines.machineId(i) + " over-committed at " + now);
            // the OOM kill step runs in the same event that raised usage: after it, memory usage fits
            if (machines.isUp(i)) {
                assertTrue(machines.memUsage(i) <= machines.capacity(i).memMiB(), "machine " + machines.machineId(i)
                        + " uses " + machines.memUsage(i) + " MiB of " + machines.capacity(i).memMiB() + " at " + now);
            }
        }
    }
}
