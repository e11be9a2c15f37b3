package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * omega's randomized first-fit draws from the run's seed (issue 17 follow-up): on one cell and
 * workload, two run seeds place tasks on different machines, one run seed gives one digest, and
 * {@code seed=} pins the placements whatever the run's seed. Before, every run seed shared the
 * {@code seed=0} stream, so intervals over seeds understated omega's variance.
 */
class OmegaRunSeedTest {
    private static final PolicyRegistry POLICIES = PolicyRegistry.load();
    /** One cell and workload for every run: only the seed handed to the policy varies. */
    private static final long SCENARIO = 3;

    private record Run(String digest, Map<String, String> nodeOfTask) {}

    private static Run run(String policy, long runSeed) {
        RandomScenario sc = new RandomScenario(SCENARIO);
        Map<String, String> nodes = new TreeMap<>();
        MetricsRecorder m = new MetricsRecorder(t -> {
            if (t.agent() != null) nodes.put(t.id(), t.agent().id());
        });
        String digest = new Simulation(sc.config(), sc.workload(), POLICIES.create(policy, runSeed), m, List.of()).run().digest();
        return new Run(digest, nodes);
    }

    private static long samePlacements(Run a, Run b) {
        long same = 0;
        for (Map.Entry<String, String> e : a.nodeOfTask().entrySet()) if (e.getValue().equals(b.nodeOfTask().get(e.getKey()))) same++;
        return same;
    }

    @Test
    void twoRunSeedsPlaceDifferentlyOneRunSeedAlike() {
        Run s1 = run("omega", 1);
        Run s2 = run("omega", 2);
        assertNotEquals(s1.digest(), s2.digest(), "run seeds 1 and 2 gave one event log: omega ignores the run's seed");
        long same = samePlacements(s1, s2);
        System.out.println("OmegaRunSeedTest: run seeds 1 and 2 put " + same + " of " + s1.nodeOfTask().size() + " tasks on the same machine");
        assertNotEquals(s1.nodeOfTask().size(), same, "every task on the same machine under run seeds 1 and 2");
        assertEquals(s1, run("omega", 1), "run seed 1 twice");
    }

    @Test
    void seedParameterPinsThePlacementsWhateverTheRunSeed() {
        Run a = run("omega:seed=7", 1);
        Run b = run("omega:seed=7", 2);
        assertEquals(a, b, "seed=7 under run seeds 1 and 2");
        assertNotEquals(a.digest(), run("omega:seed=8", 1).digest(), "seed=7 and seed=8 gave one event log");
    }
}
