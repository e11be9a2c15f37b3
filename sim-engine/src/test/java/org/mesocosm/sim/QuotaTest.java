package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.sim.OfferScenario.SECOND;

import org.mesocosm.runtime.model.Resources;
import org.junit.jupiter.api.Test;

/** Quota guarantees and limits, known answers (agents of one 1-core task each unless said otherwise). */
class QuotaTest {

    @Test
    void aGuaranteedRoleGetsItsGuaranteeFirstUnderContention() {
        OfferScenario s = new OfferScenario().nodes(40, 1000, 1024)
                .batch(0, "a", "a", 40, 1000, 1024)
                .batch(0, "b", "b", 40, 1000, 1024)
                .batch(0, "p", "prod", 40, 1000, 1024);
        OfferScenario.Run plain = s.run("drf", 30 * SECOND);
        assertTrue(plain.active("prod") < 20, "without quota prod gets a third: " + plain.active("prod"));
        OfferScenario.Run r = s.run("drf:quota=prod:guarantee=20/20Gi", 30 * SECOND);
        assertEquals(20, r.active("prod"), "its guarantee first");
        assertEquals(10, r.active("a"), "the rest by DRF");
        assertEquals(10, r.active("b"));
    }

    @Test
    void headroomForAnUnmetGuaranteeIsKeptAsideUntilItsRoleComes() {
        OfferScenario s = new OfferScenario().nodes(40, 1000, 1024)
                .batch(0, "a", "a", 40, 1000, 1024)
                .batch(60 * SECOND, "p", "prod", 30, 1000, 1024);
        OfferScenario.Run early = s.run("drf:quota=prod:guarantee=20/20Gi", 30 * SECOND);
        assertEquals(20, early.active("a"), "a does not get prod's headroom");
        OfferScenario.Run later = s.run("drf:quota=prod:guarantee=20/20Gi", 120 * SECOND);
        assertEquals(20, later.active("prod"), "prod finds its guarantee free at once");
        assertEquals(20, later.active("a"));
    }

    @Test
    void aLimitIsNeverPassedEvenWhenTheClusterIsIdle() {
        // agents of 8 cores: the second offer is cut to the 4 cores left under the limit
        OfferScenario.Run r = new OfferScenario().nodes(4, 8000, 8192)
                .batch(0, "a", "a", 40, 1000, 1024)
                .run("drf:quota=a:limit=12/100Gi", 60 * SECOND);
        assertEquals(12, r.active("a"));
        assertEquals(Resources.of(12_000, 12_288), r.alloc().allocation("a"));
    }

    @Test
    void aLimitedRoleLeavesTheRestToOthers() {
        OfferScenario.Run r = new OfferScenario().nodes(4, 8000, 8192)
                .batch(0, "a", "a", 40, 1000, 1024)
                .batch(0, "b", "b", 40, 1000, 1024)
                .run("drf:quota=a:limit=12/100Gi", 60 * SECOND);
        assertEquals(12, r.active("a"));
        assertEquals(20, r.active("b"));
    }

    @Test
    void aParentLimitCapsItsWholeSubtree() {
        OfferScenario.Run r = new OfferScenario().nodes(40, 1000, 1024)
                .batch(0, "x", "eng/x", 40, 1000, 1024)
                .batch(0, "y", "eng/y", 40, 1000, 1024)
                .batch(0, "o", "ops", 40, 1000, 1024)
                .run("drf:quota=eng:limit=10/100Gi", 30 * SECOND);
        assertEquals(10, r.active("eng/x") + r.active("eng/y"));
        assertEquals(5, r.active("eng/x"));
        assertEquals(30, r.active("ops"));
    }

    @Test
    void aGuaranteeAndALimitTogether() {
        OfferScenario.Run r = new OfferScenario().nodes(40, 1000, 1024)
                .batch(0, "a", "a", 40, 1000, 1024)
                .batch(0, "p", "prod", 40, 1000, 1024)
                .run("drf:quota=prod:guarantee=10/10Gi:limit=25/25Gi", 30 * SECOND);
        // prod: 10 guaranteed first, then DRF evens the shares at 20 each; a limit of 25 does not bind, one of 15 does
        assertEquals(20, r.active("prod"));
        assertEquals(20, r.active("a"));
        OfferScenario.Run tight = new OfferScenario().nodes(40, 1000, 1024)
                .batch(0, "a", "a", 40, 1000, 1024)
                .batch(0, "p", "prod", 40, 1000, 1024)
                .run("drf:quota=prod:guarantee=10/10Gi:limit=15/15Gi", 30 * SECOND);
        assertEquals(15, tight.active("prod"));
        assertEquals(25, tight.active("a"));
    }
}
