package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/**
 * The offer round's one shortcut for speed, stopping offers to a framework that has nothing left to
 * launch, must change nothing a framework accepts: over 100 seeded random clusters and workloads
 * (half {@link RandomScenario}, half {@link OfferPolicyScenario} with roles, limits, quotas,
 * reservations and constraints) every placement, its time and its agent, is the same with and
 * without the shortcut. The counter at the end shows the variant without it did make the extra
 * offers, so the comparison was not vacuous.
 */
class SuppressionShortcutTest {
    static final int SEEDS = 100;

    record Placements(List<String> rows, long offers) {}

    /** A fresh scenario each time: a workload is consumed by the run that reads it. */
    static Placements run(long seed, String policy, boolean shortcut) {
        SimConfig cfg;
        ListWorkload w;
        if (seed % 2 == 0) {
            RandomScenario sc = new RandomScenario(seed);
            cfg = sc.config();
            w = sc.workload();
        } else {
            OfferPolicyScenario sc = new OfferPolicyScenario(seed);
            cfg = sc.config();
            w = sc.workload();
        }
        OfferAllocator alloc = (OfferAllocator) PolicyRegistry.load().create(policy);
        if (!shortcut) alloc.withoutSuppressionShortcut();
        List<String> rows = new ArrayList<>();
        MasterObserver record = new MasterObserver() {
            @Override
            public void taskPlaced(long now, Task t) {
                rows.add(now + " " + t.id() + " " + t.agent().id());
            }
        };
        new Simulation(cfg, w, alloc, new MetricsRecorder(TaskRowSink.NONE), List.of(record)).run();
        return new Placements(rows, alloc.offersMade());
    }

    @Test
    void placementsAreIdenticalWithAndWithoutTheShortcut() {
        long placements = 0, extraOffers = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            String policy = seed % 2 == 0 ? (seed % 4 == 0 ? "drf" : "drf:tasks-per-offer=1") : new OfferPolicyScenario(seed).policy;
            Placements with = run(seed, policy, true);
            Placements without = run(seed, policy, false);
            int i = 0;
            while (i < with.rows().size() && i < without.rows().size() && with.rows().get(i).equals(without.rows().get(i))) i++;
            if (i < with.rows().size() || i < without.rows().size()) {
                fail("seed " + seed + " (policy " + policy + "): placement " + i + " differs: with the shortcut "
                        + (i < with.rows().size() ? with.rows().get(i) : "none") + ", without "
                        + (i < without.rows().size() ? without.rows().get(i) : "none"));
            }
            placements += with.rows().size();
            extraOffers += without.offers() - with.offers();
        }
        System.out.printf("suppression shortcut over %d seeds: %d placements identical; the shortcut saved %d offers%n",
                SEEDS, placements, extraOffers);
        assertTrue(placements > 10_000, "too few placements to compare: " + placements);
        assertTrue(extraOffers > 1000, "the variant without the shortcut hardly made extra offers: " + extraOffers);
    }
}
