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

    private static HaTortureRun run(long seed) {
        return new HaTortureRun(TortureSettings.DEFAULT, seed, () -> POLICIES.create("drf"));
    }

    @Test
    void everyInvariantHoldsUnderLeaderCrashesAndPartitions() {
        FaultCounts faults = new FaultCounts();
        long failovers = 0, failStops = 0;
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (long seed = 1; seed <= 20; seed++) {
            HaTortureRun.Result r = run(seed).run();
            faults.addAll(r.faults());
            failovers += r.failovers();
            failStops += r.failStops();
            System.out.println("seed " + seed + " events " + r.events() + " terms " + r.terms() + " failovers " + r.failovers() + " failstops " + r.failStops() + " committed " + r.committed() + " " + r.faults().toString(true) + (r.passed() ? "" : " FAIL " + r.violation()));
            if (!r.passed()) failures.add("seed " + seed + ": " + r.violation() + " (replay: mesocosm torture --ha --seeds 1 --start " + seed + ")");
        }
        System.out.println("wall " + (System.nanoTime() - t0) / 1e9);
        if (!failures.isEmpty()) fail(String.join("\n", failures));
        for (FaultKind k : FaultKind.applicable(EnumSet.allOf(FaultKind.class), true)) assertTrue(faults.get(k) > 0, "no " + k + " injected in 20 seeds: " + faults.toString(true));
        assertTrue(failovers >= 20, "only " + failovers + " failovers in 20 seeds");
        assertTrue(failStops > 0, "no leader ever stepped down after acting");
    }

    @Test
    void probeAckBeforeMajority() {
        TortureSettings dense = new TortureSettings(3, 8, TortureSettings.DEFAULT.faults(), 120_000_000L, 900_000_000L);
        for (long seed = 1; seed <= 16; seed++) {
            HaTortureRun run = new HaTortureRun(dense, seed, () -> POLICIES.create("drf"));
            run.masters.ackBeforeMajority = true;
            HaTortureRun.Result r = run.run();
            System.out.println("ack seed " + seed + ": " + r.violation());
        }
    }

    @Test
    void probeVotesTwice() {
        for (long seed = 1; seed <= 8; seed++) {
            HaTortureRun.Result r = sloppy(run(seed)).run();
            System.out.println("votes seed " + seed + ": " + r.violation());
        }
    }

    private static HaTortureRun sloppy(HaTortureRun r) {
        r.masters.sloppyElections();
        return r;
    }
}
