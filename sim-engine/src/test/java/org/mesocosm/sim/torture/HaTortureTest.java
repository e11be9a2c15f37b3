package org.mesocosm.sim.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.policy.PolicyRegistry;

/** Three replicated masters (torture --ha) keep every invariant under leader crashes and partitions; planted bugs are caught. */
class HaTortureTest {
    private static final PolicyRegistry POLICIES = PolicyRegistry.load();

    private static HaTortureRun run(TortureSettings settings, long seed) {
        return new HaTortureRun(settings, seed, () -> POLICIES.create("drf"));
    }

    @Test
    void everyInvariantHoldsUnderLeaderCrashesAndPartitions() {
        FaultCounts faults = new FaultCounts();
        long failovers = 0, failStops = 0;
        List<String> failures = new ArrayList<>();
        int seeds = 10;
        for (long seed = 1; seed <= seeds; seed++) {
            HaTortureRun.Result r = run(TortureSettings.DEFAULT, seed).run();
            faults.addAll(r.faults());
            failovers += r.failovers();
            failStops += r.failStops();
            if (!r.passed()) failures.add("seed " + seed + ": " + r.violation() + " (replay: mesocosm torture --ha --seeds 1 --start " + seed + ")");
        }
        if (!failures.isEmpty()) fail(String.join("\n", failures));
        for (FaultKind k : FaultKind.applicable(EnumSet.allOf(FaultKind.class), true)) {
            assertTrue(faults.get(k) > 0, "no " + k + " injected in " + seeds + " seeds: " + faults.toString(true));
        }
        assertEquals(0, faults.get(FaultKind.MASTER_CRASH) + faults.get(FaultKind.TORN_WRITE), "single-master faults in a replicated run");
        assertTrue(failovers >= seeds, "only " + failovers + " failovers in " + seeds + " seeds");
        assertTrue(failStops > 0, "no leader ever had to stop after acting");
    }

    @Test
    void aSeedReplaysBitForBit() {
        HaTortureRun.Result a = run(TortureSettings.DEFAULT, 5).run();
        HaTortureRun.Result b = run(TortureSettings.DEFAULT, 5).run();
        assertTrue(a.passed(), a.violation());
        assertEquals(a.digest(), b.digest());
        assertEquals(a.events(), b.events());
        assertEquals(a.terms(), b.terms());
        assertEquals(a.faults().asMap(), b.faults().asMap());
        assertNotEquals(a.digest(), run(TortureSettings.DEFAULT, 6).run().digest());
    }

    /** Without faults one master is elected and leads to the end: nobody else ever acts. */
    @Test
    void withoutFaultsTheFirstLeaderLeadsThroughout() {
        HaTortureRun.Result r = run(TortureSettings.DEFAULT.withFaults(EnumSet.noneOf(FaultKind.class)), 3).run();
        assertTrue(r.passed(), r.violation());
        assertEquals(0, r.faults().total());
        assertEquals(0, r.failovers());
        assertEquals(0, r.failStops());
        assertTrue(r.committed() > 100, "only " + r.committed() + " entries committed");
    }

    /**
     * A leader that answers clients and sends launches as soon as it appends, before a majority holds the entry: when
     * it is cut off or crashes, what it acknowledged is not in the new leader's log. On a schedule dense with faults
     * (the same faults and jobs in a fifth of the time) the invariants catch it on several seeds.
     */
    @Test
    void answeringBeforeAMajorityHasTheEntryIsCaught() {
        TortureSettings dense = new TortureSettings(3, 8, TortureSettings.DEFAULT.faults(), 120_000_000L, 900_000_000L);
        List<String> caught = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            HaTortureRun run = run(dense, seed);
            run.masters.ackBeforeMajority = true;
            HaTortureRun.Result r = run.run();
            if (!r.passed()) caught.add("seed " + seed + ": " + r.violation());
        }
        assertTrue(caught.size() >= 2, "acknowledging before the majority was caught on only " + caught);
        for (String c : caught) {
            assertTrue(c.contains("acknowledged") || c.contains("double-booked") || c.contains("twice") || c.contains("running on"), c);
        }
    }

    /** Elections that let two masters lead one term (no term increment, more than one vote per term): split brain is caught. */
    @Test
    void twoLeadersInOneTermAreCaught() {
        for (long seed = 1; seed <= 3; seed++) {
            HaTortureRun run = run(TortureSettings.DEFAULT, seed);
            run.masters.sloppyElections();
            HaTortureRun.Result r = run.run();
            assertTrue(!r.passed() && (r.violation().contains("two masters acted in term") || r.violation().contains("applied logs differ")),
                    "seed " + seed + ": two leaders in a term went unnoticed: " + r.violation());
        }
    }
}
