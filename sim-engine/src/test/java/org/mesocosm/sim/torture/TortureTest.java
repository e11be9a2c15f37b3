package org.mesocosm.sim.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.policy.PolicyRegistry;

/** The real master (DRF offers) survives random fault schedules, and the checker catches planted bugs. */
class TortureTest {
    private static final PolicyRegistry POLICIES = PolicyRegistry.load();

    private static TortureRun.Result run(long seed) {
        return new TortureRun(TortureSettings.DEFAULT, seed, () -> POLICIES.create("drf")).run();
    }

    @Test
    void everyInvariantHoldsUnderEveryKindOfFault() {
        FaultCounts faults = new FaultCounts();
        long recoveries = 0, attempts = 0, refused = 0;
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= 30; seed++) {
            TortureRun.Result r = run(seed);
            faults.addAll(r.faults());
            recoveries += r.masterRecoveries();
            attempts += r.adversaryAttempts();
            refused += r.adversaryRefused();
            if (!r.passed()) failures.add("seed " + seed + ": " + r.violation() + " (replay: mesocosm torture --seeds 1 --start " + seed + ")");
        }
        if (!failures.isEmpty()) fail(String.join("\n", failures));
        for (FaultKind k : FaultKind.applicable(java.util.EnumSet.allOf(FaultKind.class), false)) assertTrue(faults.get(k) > 0, "no " + k + " injected in 30 seeds: " + faults);
        assertTrue(recoveries > 0, "the master never recovered from its log");
        assertTrue(attempts >= 30 * Adversaries.ATTEMPTS, "the adversarial agents tried only " + attempts + " times in 30 seeds");
        assertEquals(attempts, refused, "the identity check let some adversarial attempts through");
    }

    /**
     * Issue 18: the two adversarial agents (one lying about other agents' tasks, one acting as another agent) run on
     * every seed, and the master's identity check refuses them. With the check switched off (a planted bug), the
     * invariant that nothing outside the adversary's own id changes catches them on every seed.
     */
    @Test
    void adversarialAgentsAreCaughtWithoutTheIdentityCheck() {
        for (long seed = 1; seed <= 3; seed++) {
            TortureRun run = new TortureRun(TortureSettings.DEFAULT, seed, () -> POLICIES.create("drf"));
            run.adversaries.checkOff = true;
            TortureRun.Result r = run.run();
            assertTrue(!r.passed() && r.violation().contains("changed state outside its own id"),
                    "seed " + seed + ": adversaries without the identity check went unnoticed: " + r.violation());
        }
    }

    @Test
    void aSeedReplaysBitForBit() {
        TortureRun.Result a = run(7);
        TortureRun.Result b = run(7);
        assertEquals(a.digest(), b.digest());
        assertEquals(a.events(), b.events());
        assertEquals(a.faults().asMap(), b.faults().asMap());
        assertNotEquals(a.digest(), run(8).digest());
    }

    @Test
    void withoutFaultsNothingIsInjected() {
        TortureRun.Result r = new TortureRun(TortureSettings.DEFAULT.withFaults(EnumSet.noneOf(FaultKind.class)), 3,
                () -> POLICIES.create("drf")).run();
        assertTrue(r.passed(), r.violation());
        assertEquals(0, r.faults().total());
        assertEquals(0, r.masterRecoveries());
    }

    /** Agents that answer a kill with KILLED but leave the task running: orphans and double bookings follow. */
    @Test
    void lyingAgentsAreCaught() {
        int caught = 0;
        for (long seed = 1; seed <= 6 && caught < 3; seed++) {
            TortureRun run = new TortureRun(TortureSettings.DEFAULT, seed, () -> POLICIES.create("drf"));
            run.agents.ignoreKills = true;
            TortureRun.Result r = run.run();
            if (!r.passed()) {
                caught++;
                assertTrue(r.violation().contains("double-booked") || r.violation().contains("does not place there")
                        || r.violation().contains("running on"), r.violation());
            }
        }
        assertTrue(caught >= 3, "lying agents were caught in only " + caught + " of 6 seeds");
    }

    /** A policy that never places anything: services never come back, jobs never end. */
    @Test
    void aSchedulerThatStallsIsCaught() {
        TortureRun.Result r = new TortureRun(TortureSettings.DEFAULT, 2, Idle::new).run();
        assertTrue(!r.passed() && (r.violation().contains("never ended") || r.violation().contains("PENDING")), String.valueOf(r.violation()));
    }

    /** A policy that launches a task twice (same task, second agent) is stopped by the master itself, and reported. */
    @Test
    void aPolicyThatLaunchesTwiceIsCaught() {
        TortureRun.Result r = new TortureRun(TortureSettings.DEFAULT, 2, Twice::new).run();
        assertTrue(!r.passed() && r.violation().contains("threw"), String.valueOf(r.violation()));
    }

    private static final class Idle implements PlacementPolicy {
        @Override public String name() { return "idle"; }
        @Override public void init(PlacementContext ctx) {}
        @Override public void taskPending(Task task) {}
        @Override public void taskWithdrawn(Task task) {}
        @Override public void taskReleased(Task task) {}
        @Override public void agentAdded(Agent agent) {}
        @Override public void agentRemoved(Agent agent) {}
    }

    private static final class Twice implements PlacementPolicy {
        private PlacementContext ctx;
        @Override public String name() { return "twice"; }
        @Override public void init(PlacementContext ctx) { this.ctx = ctx; }
        @Override public void taskPending(Task task) {
            for (Agent a : ctx.cluster().agents()) if (a.isUp() && a.free().fits(task.request())) ctx.launch(task, a);
        }
        @Override public void taskWithdrawn(Task task) {}
        @Override public void taskReleased(Task task) {}
        @Override public void agentAdded(Agent agent) {}
        @Override public void agentRemoved(Agent agent) {}
    }
}
