package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.sim.OfferScenario.SECOND;

import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.junit.jupiter.api.Test;

/** Marathon-style placement constraints in the built-in frameworks, known answers. Agents have room for many instances. */
class ConstraintsTest {
    static final JobKind SVC = JobKind.SERVICE;

    @Test
    void hostnameUniqueSpreadsOnePerAgentAndLeavesTheRestPending() {
        OfferScenario.Run r = new OfferScenario().nodes(5, 8000, 8192)
                .job(0, "s", "web", SVC, 6, 500, 512, "hostname:UNIQUE").run("drf", 60 * SECOND);
        Map<String, Integer> spread = r.spread("s", "hostname");
        assertEquals(5, spread.size());
        assertTrue(spread.values().stream().allMatch(n -> n == 1), spread.toString());
        assertEquals(1, r.pending("s"));
    }

    @Test
    void clusterPinsToOneValue() {
        OfferScenario.Run r = new OfferScenario().nodes(3, 8000, 8192, "rack=r1").nodes(3, 8000, 8192, "rack=r2")
                .job(0, "s", "web", SVC, 6, 500, 512, "rack:CLUSTER:r2").run("drf", 60 * SECOND);
        assertEquals(Map.of("r2", 6), r.spread("s", "rack"));
    }

    @Test
    void clusterWithoutValueFollowsTheFirstInstance() {
        OfferScenario.Run r = new OfferScenario().nodes(3, 8000, 8192, "rack=r1").nodes(3, 8000, 8192, "rack=r2")
                .job(0, "s", "web", SVC, 6, 500, 512, "rack:CLUSTER").run("drf", 60 * SECOND);
        assertEquals(1, r.spread("s", "rack").size(), r.spread("s", "rack").toString());
        assertEquals(0, r.pending("s"));
    }

    @Test
    void maxPerCapsEachValue() {
        OfferScenario.Run r = new OfferScenario().nodes(2, 8000, 8192, "rack=r1").nodes(2, 8000, 8192, "rack=r2")
                .nodes(2, 8000, 8192, "rack=r3")
                .job(0, "s", "web", SVC, 8, 500, 512, "rack:MAX_PER:2").run("drf", 60 * SECOND);
        assertEquals(Map.of("r1", 2, "r2", 2, "r3", 2), r.spread("s", "rack"));
        assertEquals(2, r.pending("s"));
    }

    @Test
    void groupBySpreadsEvenlyEvenWhenOneValueHasMostAgents() {
        OfferScenario.Run r = new OfferScenario().nodes(4, 8000, 8192, "rack=r1").nodes(1, 8000, 8192, "rack=r2")
                .nodes(1, 8000, 8192, "rack=r3")
                .job(0, "s", "web", SVC, 6, 500, 512, "rack:GROUP_BY").run("drf", 60 * SECOND);
        assertEquals(Map.of("r1", 2, "r2", 2, "r3", 2), r.spread("s", "rack"));
        OfferScenario.Run plain = new OfferScenario().nodes(4, 8000, 8192, "rack=r1").nodes(1, 8000, 8192, "rack=r2")
                .nodes(1, 8000, 8192, "rack=r3")
                .job(0, "s", "web", SVC, 6, 500, 512).run("drf", 60 * SECOND);
        assertEquals(4, plain.spread("s", "rack").get("r1"), "without it, one per agent: r1 gets 4");
    }

    @Test
    void likeAndUnlike() {
        OfferScenario s = new OfferScenario().nodes(1, 8000, 8192, "zone=z1").nodes(1, 8000, 8192, "zone=z2")
                .nodes(1, 8000, 8192, "zone=z3")
                .job(0, "like", "web", SVC, 4, 500, 512, "zone:LIKE:z[12]")
                .job(0, "unlike", "web", SVC, 4, 500, 512, "zone:UNLIKE:z[12]");
        OfferScenario.Run r = s.run("drf", 60 * SECOND);
        assertTrue(!r.spread("like", "zone").containsKey("z3") && r.pending("like") == 0, r.spread("like", "zone").toString());
        assertEquals(Map.of("z3", 4), r.spread("unlike", "zone"));
    }

    @Test
    void batchJobsHonourConstraintsToo() {
        OfferScenario.Run r = new OfferScenario().nodes(2, 8000, 8192)
                .job(0, "b", "etl", JobKind.BATCH, 4, 500, 512, "hostname:UNIQUE").run("drf", 60 * SECOND);
        assertEquals(Map.of("n00000", 1, "n00001", 1), r.spread("b", "hostname"));
        assertEquals(2, r.pending("b"));
    }

    @Test
    void aBadConstraintIsRejectedWithTheTaskAndTheReason() {
        TaskSpec t = TaskSpec.simulated("web", 1, Resources.of(100, 100), SimProfile.FOREVER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.withConstraints(List.of("rack:MAX_PER:zero")));
        assertTrue(e.getMessage().contains("task 'web'") && e.getMessage().contains("not a positive integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.withConstraints(List.of("rack:NEAR")));
        assertTrue(e.getMessage().contains("unknown operator 'NEAR'") && e.getMessage().contains("GROUP_BY"), e.getMessage());
    }
}
