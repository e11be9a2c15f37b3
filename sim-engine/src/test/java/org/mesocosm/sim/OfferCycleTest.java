package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.offer.Framework;
import org.mesocosm.runtime.offer.Offer;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.offer.OfferResponse;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/** The offer cycle's contract with frameworks: refuse filters, offer timeouts, no starvation. */
class OfferCycleTest {

    /** A framework that answers every offer the same way and counts what it got. */
    static final class ScriptedFramework implements Framework {
        final String role;
        final String answer;
        final long refuse;
        final List<Long> offerTimes = new ArrayList<>();
        final List<Task> pending = new ArrayList<>();

        ScriptedFramework(String role, String answer, long refuse) {
            this.role = role;
            this.answer = answer;
            this.refuse = refuse;
        }

        @Override public String id() { return role + "/jobs"; }
        @Override public String role() { return role; }
        @Override public void taskPending(Task t) { pending.add(t); }
        @Override public void taskWithdrawn(Task t) { pending.remove(t); }
        @Override public boolean hasDemand() { return !pending.isEmpty(); }
        @Override public Resources minDemand() { return Resources.of(1, 1); }

        @Override
        public List<OfferResponse> offers(long now, List<Offer> offers) {
            List<OfferResponse> out = new ArrayList<>();
            for (Offer o : offers) {
                offerTimes.add(now);
                out.add(answer.equals("hold") ? new OfferResponse.Hold(o.id()) : new OfferResponse.Decline(o.id(), refuse));
            }
            return out;
        }
    }

    static JobSpec batch(String id, String role) {
        return new JobSpec(id, role, JobKind.BATCH, 0,
                List.of(TaskSpec.simulated("t", 2, Resources.of(1000, 1024), SimProfile.fixed(5_000_000_000L, 0))), 0);
    }

    static Simulation sim(String policy, List<WorkloadEvent> events, long maxMicros, List<Framework> custom) {
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(1, Resources.of(8000, 8192), Map.of())), 1).withTimeLimits(0, maxMicros);
        OfferAllocator alloc = (OfferAllocator) PolicyRegistry.load().create(policy);
        Simulation s = new Simulation(cfg, new ListWorkload(events), alloc, new MetricsRecorder(TaskRowSink.NONE), List.of());
        for (Framework f : custom) alloc.register(f);
        return s;
    }

    @Test
    void aDeclinedAgentIsNotOfferedAgainUntilTheFilterExpires() {
        ScriptedFramework f = new ScriptedFramework("x", "decline", 30_000_000L);
        sim("drf", List.of(new WorkloadEvent.JobArrival(0, batch("j", "x"))), 100_000_000L, List.of(f)).run();
        // rounds at ~1 s, then only when the 30 s filter expires: 1, 31, 61, 91
        assertEquals(4, f.offerTimes.size(), "offers at " + f.offerTimes);
        for (int i = 1; i < f.offerTimes.size(); i++) {
            assertTrue(f.offerTimes.get(i) - f.offerTimes.get(i - 1) >= 30_000_000L, "gap respects the filter: " + f.offerTimes);
        }
    }

    @Test
    void anUnansweredOfferIsRescindedAfterTheTimeoutAndOfferedAgain() {
        ScriptedFramework f = new ScriptedFramework("x", "hold", 0);
        sim("drf:offer-timeout=10s", List.of(new WorkloadEvent.JobArrival(0, batch("j", "x"))), 35_000_000L, List.of(f)).run();
        assertTrue(f.offerTimes.size() >= 3, "re-offered after each timeout: " + f.offerTimes);
        for (int i = 1; i < f.offerTimes.size(); i++) {
            assertTrue(f.offerTimes.get(i) - f.offerTimes.get(i - 1) >= 10_000_000L, "never offered while held: " + f.offerTimes);
        }
    }

    @Test
    void aFrameworkThatDeclinesDoesNotStarveAnother() {
        ScriptedFramework greedyDecliner = new ScriptedFramework("a", "decline", 60_000_000L);
        Simulation s = sim("drf", List.of(new WorkloadEvent.JobArrival(0, batch("ja", "a")), new WorkloadEvent.JobArrival(0, batch("jb", "b"))),
                20_000_000L, List.of(greedyDecliner));
        Simulation.Result r = s.run();
        long runningB = 0;
        for (Task t : r.master().liveTasks()) if (t.role().equals("b") && t.state() == TaskState.RUNNING) runningB++;
        assertEquals(2, runningB, "role b runs both its tasks although 'a' is first by name and declines");
    }
}
