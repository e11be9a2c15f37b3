package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.sim.OfferScenario.SECOND;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.Framework;
import org.mesocosm.runtime.offer.Offer;
import org.mesocosm.runtime.offer.OfferResponse;
import org.junit.jupiter.api.Test;

/** Static reservations, with refuse filters and offer timeouts. Four 8-core agents, two of them on rack r1. */
class ReservationTest {
    static final String RESERVE = "reserve=ml:4/4Gi@rack=r1";

    static OfferScenario cluster() {
        return new OfferScenario().nodes(2, 8000, 8192, "rack=r1").nodes(2, 8000, 8192, "rack=r2");
    }

    @Test
    void anotherRoleNeverGetsTheReservedPart() {
        OfferScenario.Run r = cluster().batch(0, "w", "web", 100, 1000, 1024).run("drf:" + RESERVE, 60 * SECOND);
        assertEquals(24, r.active("web"), "32 cores less 2 x 4 reserved");
    }

    @Test
    void theRoleAndItsDescendantsFindTheirReservationFreeWhenTheyCome() {
        OfferScenario.Run r = cluster().batch(0, "w", "web", 100, 1000, 1024)
                .batch(60 * SECOND, "m", "ml/train", 8, 1000, 1024)
                .run("drf:" + RESERVE, 120 * SECOND);
        assertEquals(8, r.active("ml/train"));
        assertEquals(Map.of("r1", 8), r.spread("m", "rack"));
        assertEquals(24, r.active("web"));
    }

    @Test
    void byHostnameAndForEveryAgent() {
        OfferScenario.Run r = cluster().batch(0, "w", "web", 100, 1000, 1024)
                .run("drf:reserve=ml:2/2Gi@hostname=n00003+ops:1/1Gi", 60 * SECOND);
        assertEquals(32 - 2 - 4, r.active("web"));
    }

    /** Declines everything with a filter, or holds every offer; records what it was offered. */
    static final class Recorder implements Framework {
        final String role;
        final boolean hold;
        final long refuse;
        final List<Long> times = new ArrayList<>();
        final List<Resources> offered = new ArrayList<>();

        Recorder(String role, boolean hold, long refuse) {
            this.role = role;
            this.hold = hold;
            this.refuse = refuse;
        }

        @Override public String id() { return role + "/jobs"; }
        @Override public String role() { return role; }
        @Override public void taskPending(Task t) {}
        @Override public void taskWithdrawn(Task t) {}
        @Override public boolean hasDemand() { return true; }
        @Override public Resources minDemand() { return Resources.of(1000, 1024); }

        @Override
        public List<OfferResponse> offers(long now, List<Offer> offers) {
            List<OfferResponse> out = new ArrayList<>();
            for (Offer o : offers) {
                times.add(now);
                offered.add(o.resources());
                out.add(hold ? new OfferResponse.Hold(o.id()) : new OfferResponse.Decline(o.id(), refuse));
            }
            return out;
        }
    }

    @Test
    void aDeclinedReservationIsFilteredForItsRoleAndStillWithheldFromOthers() {
        Recorder ml = new Recorder("ml", false, 30 * SECOND);
        OfferScenario.Run r = cluster().batch(0, "w", "web", 100, 1000, 1024).framework(ml).run("drf:" + RESERVE, 100 * SECOND);
        assertEquals(24, r.active("web"));
        // the first round offers ml whole r1 agents (it ranks first by name); after that only the reservations, every 30 s
        List<Long> later = new ArrayList<>();
        for (int i = 0; i < ml.times.size(); i++) {
            if (ml.times.get(i) > 2 * SECOND) {
                later.add(ml.times.get(i));
                assertEquals(Resources.of(4000, 4096), ml.offered.get(i), "only the reservation is left for ml");
            }
        }
        assertTrue(later.size() >= 4 && later.size() <= 6, "about every 30 s, two agents: " + ml.times);
        for (int i = 2; i < later.size(); i++) assertTrue(later.get(i) - later.get(i - 2) >= 30 * SECOND, "filter respected: " + ml.times);
    }

    @Test
    void heldOffersCountTowardsTheLimitAndComeBackAfterTheTimeout() {
        Recorder a = new Recorder("a", true, 0);
        OfferScenario.Run r = new OfferScenario().nodes(1, 8000, 8192)
                .batch(0, "b", "b", 20, 1000, 1024)
                .framework(a)
                .run("drf:offer-timeout=10s,quota=a:limit=3/3Gi", 45 * SECOND);
        for (Resources o : a.offered) assertTrue(Resources.of(3000, 3072).fits(o), "offer within the limit: " + o);
        assertTrue(a.offered.size() >= 4, "re-offered after each timeout: " + a.times);
        for (int i = 1; i < a.times.size(); i++) assertTrue(a.times.get(i) - a.times.get(i - 1) >= 10 * SECOND, "never twice while held: " + a.times);
        assertTrue(r.active("b") >= 5, "b gets the rest of the agent: " + r.active("b"));
    }
}
