package org.mesocosm.policies.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.CommandSink;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.policy.PolicyRegistry;

/** A policy reports its own numbers through {@link PlacementPolicy#metrics()}; the live page needs no knowledge of which policy runs. */
class PolicyMetricsTest {

    @Test
    void drfReportsItsOffersAndRounds() {
        PlacementPolicy drf = PolicyRegistry.load().create("drf:interval=50ms");
        assertEquals(List.of(0L, 0L, 0L), values(drf));
        Driver d = new Driver(drf);
        d.master.handle(d.now, new Input.AgentAdded("a1", Resources.of(4000, 4096), Map.of()));
        d.master.handle(d.now, new Input.JobSubmitted(new JobSpec("web", "r", JobKind.SERVICE, 0,
                List.of(TaskSpec.simulated("w", 3, Resources.of(1000, 512), SimProfile.FOREVER)), 3)));
        d.advance(1_000_000);
        List<PolicyMetric> m = drf.metrics();
        assertEquals(List.of("mesocosm_offers_total", "mesocosm_offer_rounds_total", "mesocosm_offers_outstanding"),
                m.stream().map(PolicyMetric::name).toList());
        assertEquals(List.of(PolicyMetric.Kind.COUNTER, PolicyMetric.Kind.COUNTER, PolicyMetric.Kind.GAUGE),
                m.stream().map(PolicyMetric::kind).toList());
        assertTrue(m.get(0).value() >= 1, "offers made: " + m);
        assertTrue(m.get(1).value() >= 1, "rounds run: " + m);
        assertTrue(d.launches >= 1, "tasks launched from the offers");
        assertEquals(((org.mesocosm.runtime.offer.OfferAllocator) drf).outstandingOffers(), m.get(2).value());
    }

    @Test
    void aPolicyWithNothingToReportReportsNothing() {
        assertEquals(List.of(), PolicyRegistry.load().create("k8s").metrics());
    }

    @Test
    void aMetricNameMustBeValidForPrometheus() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PolicyMetric.gauge("offers outstanding", "x", 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PolicyMetric.counter("offers_total", "x", -1));
    }

    private static List<Long> values(PlacementPolicy p) {
        List<Long> out = new ArrayList<>();
        for (PolicyMetric m : p.metrics()) out.add(m.value());
        return out;
    }

    /** Plays the clock: fires the master's timers in time order. */
    static final class Driver implements CommandSink {
        final Master master;
        final PriorityQueue<long[]> timers = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long now;
        int launches;

        Driver(PlacementPolicy policy) { master = new Master(MasterConfig.DEFAULT, policy, this, new MasterObserver() {}); }

        @Override
        public void emit(long at, Command c) {
            if (c instanceof Command.ScheduleTimer t) timers.add(new long[] {t.atMicros(), t.timerId()});
            if (c instanceof Command.Launch) launches++;
        }

        void advance(long micros) {
            long until = now + micros;
            while (!timers.isEmpty() && timers.peek()[0] <= until) {
                long[] t = timers.poll();
                now = Math.max(now, t[0]);
                master.handle(now, new Input.TimerFired(t[1]));
            }
            now = until;
        }
    }
}
