package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mesocosm.sim.OfferScenario.SECOND;

import org.junit.jupiter.api.Test;

/**
 * Hierarchical DRF, known answers. 36 agents of one task each, offered one task at a time
 * (progressive filling): DRF first splits between top-level roles by weight, then within each.
 */
class HierarchicalDrfTest {

    static OfferScenario threeEngTeamsAndOps() {
        return new OfferScenario().nodes(36, 1000, 1024)
                .batch(0, "a", "eng/a", 36, 1000, 1024)
                .batch(0, "b", "eng/b", 36, 1000, 1024)
                .batch(0, "c", "eng/c", 36, 1000, 1024)
                .batch(0, "o", "ops", 36, 1000, 1024);
    }

    @Test
    void equalWeightsSplitBetweenSubtreesFirst() {
        OfferScenario.Run r = threeEngTeamsAndOps().run("drf:tasks-per-offer=1", 30 * SECOND);
        // flat DRF would give each of the four roles 9; hierarchically eng and ops get 18 each
        assertEquals(18, r.active("ops"));
        assertEquals(6, r.active("eng/a"));
        assertEquals(6, r.active("eng/b"));
        assertEquals(6, r.active("eng/c"));
        assertEquals(0.5, r.alloc().share("eng"), 1e-9);
        assertEquals(0.5, r.alloc().share("ops"), 1e-9);
    }

    @Test
    void weightsOfSubtreesDivideTheirShares() {
        OfferScenario.Run r = threeEngTeamsAndOps().run("drf:tasks-per-offer=1,weights=eng=2+ops=1", 30 * SECOND);
        assertEquals(12, r.active("ops"));
        assertEquals(8, r.active("eng/a"));
        assertEquals(8, r.active("eng/b"));
        assertEquals(8, r.active("eng/c"));
    }

    @Test
    void weightsWithinASubtree() {
        OfferScenario.Run r = new OfferScenario().nodes(36, 1000, 1024)
                .batch(0, "a", "eng/a", 36, 1000, 1024)
                .batch(0, "b", "eng/b", 36, 1000, 1024)
                .batch(0, "o", "ops", 36, 1000, 1024)
                .run("drf:tasks-per-offer=1,weights=eng/a=2", 30 * SECOND);
        assertEquals(18, r.active("ops"));
        assertEquals(12, r.active("eng/a"));
        assertEquals(6, r.active("eng/b"));
    }

    @Test
    void aRoleWithItsOwnWorkAndChildrenCompetesAsAVirtualChild() {
        OfferScenario.Run r = new OfferScenario().nodes(36, 1000, 1024)
                .batch(0, "e", "eng", 36, 1000, 1024)
                .batch(0, "a", "eng/a", 36, 1000, 1024)
                .batch(0, "o", "ops", 36, 1000, 1024)
                .run("drf:tasks-per-offer=1", 30 * SECOND);
        assertEquals(18, r.active("ops"));
        assertEquals(9, r.active("eng"));
        assertEquals(9, r.active("eng/a"));
    }

    @Test
    void deepPaths() {
        OfferScenario.Run r = new OfferScenario().nodes(32, 1000, 1024)
                .batch(0, "x", "a/b/c", 32, 1000, 1024)
                .batch(0, "y", "a/b/d", 32, 1000, 1024)
                .batch(0, "z", "a/e", 32, 1000, 1024)
                .batch(0, "w", "f", 32, 1000, 1024)
                .run("drf:tasks-per-offer=1", 30 * SECOND);
        assertEquals(16, r.active("f"));
        assertEquals(8, r.active("a/e"));
        assertEquals(4, r.active("a/b/c"));
        assertEquals(4, r.active("a/b/d"));
    }
}
