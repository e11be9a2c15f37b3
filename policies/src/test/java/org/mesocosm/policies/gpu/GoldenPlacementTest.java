package org.mesocosm.policies.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * A three-node cluster worked out by hand.
 * <pre>
 * node A: cpu 8000, 2 x T4;  after setup: cpu free 4000, devices free [1000, 300]
 * node B: cpu 4000, 1 x T4;  after setup: cpu free 4000, devices free [600]
 * node C: cpu 8000, 4 x T4;  idle: cpu free 8000, devices free [1000, 1000, 1000, 1000]
 * target workload M: t0 sharing 500 milli cpu 1000 (p 0.5), t1 one whole GPU cpu 1000 (p 0.3),
 *                    t2 CPU-only cpu 1000 (p 0.2)
 *
 * F_A: t0 runs (dev0 has 1000 >= 500); devices below 500: dev1 300       -> 300
 *      t1 runs (one full device); partly used devices: dev1 300            -> 300
 *      t2 needs no GPU: all free GPU                                        -> 1300
 *      F_A(M) = 0.5*300 + 0.3*300 + 0.2*1300 = 150 + 90 + 260 = 500
 * F_B: t0 runs (600 >= 500), nothing below 500 -> 0; t1 cannot (no full device) -> 600; t2 -> 600
 *      F_B(M) = 0 + 180 + 120 = 300
 * F_C: t0 -> 0, t1 -> 0, t2 -> 4000;  F_C(M) = 0.2*4000 = 800
 * </pre>
 */
class GoldenPlacementTest {
    static final int A = 0, B = 1, C = 2;
    static final TargetWorkload M = TargetWorkload.of(List.of(
            new TargetWorkload.TaskType(1000, GpuDemand.of(1, 500, null), 5, 0.5),
            new TargetWorkload.TaskType(1000, GpuDemand.of(1, 1000, null), 3, 0.3),
            new TargetWorkload.TaskType(1000, GpuDemand.NONE, 2, 0.2)));
    static final GpuPod SHARE_500 = new GpuPod("p", 1000, 100, GpuDemand.of(1, 500, null));
    static final GpuPod WHOLE_1 = new GpuPod("q", 1000, 100, GpuDemand.of(1, 1000, null));
    static final GpuPod CPU_4000 = new GpuPod("r", 4000, 100, GpuDemand.NONE);

    GpuCluster c;

    @BeforeEach
    void setUp() {
        c = new GpuCluster(List.of(new GpuNodeSpec("A", 8000, 8192, 2, "T4"), new GpuNodeSpec("B", 4000, 4096, 1, "T4"),
                new GpuNodeSpec("C", 8000, 8192, 4, "T4")));
        c.bind(new GpuPod("a1", 4000, 0, GpuDemand.of(1, 700, null)), new Placement(A, new int[] {1}));
        c.bind(new GpuPod("b1", 0, 0, GpuDemand.of(1, 400, null)), new Placement(B, new int[] {0}));
    }

    Placement place(String policy, GpuPod pod) {
        return GpuPolicies.create(policy, c, M, 7).place(pod);
    }

    /** The node earlier in the seed-7 priority order among {@code nodes}. */
    static int firstInOrder(int... nodes) {
        for (int n : GpuScheduler.priorityOrder(3, 7)) for (int x : nodes) if (x == n) return n;
        throw new AssertionError();
    }

    @Test
    void nodeFragmentationMatchesTheHandWorkedValues() {
        Fragmentation f = new Fragmentation(M, c.models());
        assertEquals(500.0, f.ofNode(c, A), 1e-9);
        assertEquals(300.0, f.ofNode(c, B), 1e-9);
        assertEquals(800.0, f.ofNode(c, C), 1e-9);
        assertEquals(300, f.ofType(0, 4000, 0, new int[] {1000, 300}));
        assertEquals(600, f.ofType(1, 4000, 0, new int[] {600}));
    }

    /**
     * Sharing pod of 500 milli, cpu 1000. Growth F_{n+t} - F_n:
     * A dev0 -> [500, 300], cpu 3000: t0 300, t1 cannot (no full device) 800, t2 800:
     *          150 + 240 + 160 = 550, growth +50 (dev1 has only 300: infeasible)
     * B dev0 -> [100]: every type cannot run or needs no GPU: all 100: F = 100, growth -200
     * C dev0 -> [500, 1000, 1000, 1000]: t0 0, t1 partial 500, t2 3500: 0 + 150 + 700 = 850, growth +50
     * FGD takes B dev0.
     */
    @Test
    void fgdPutsASharingPodWhereFragmentationFallsMost() {
        FgdScore s = new FgdScore(new Fragmentation(M, c.models()));
        assertEquals(50.0, s.score(c, A, SHARE_500.shape(), 0), 1e-9);
        assertEquals(-200.0, s.score(c, B, SHARE_500.shape(), 0), 1e-9);
        assertEquals(50.0, s.score(c, C, SHARE_500.shape(), 0), 1e-9);
        assertEquals(new Placement(B, new int[] {0}), place("fgd", SHARE_500));
    }

    /**
     * CPU-only pod of 4000 milli-CPU. A -> cpu 0: t0 and t1 can no longer run: F = 1300 (was 500),
     * growth +800; B -> cpu 0: t0 cannot run: 0.5*600 + 0.3*600 + 0.2*600 = 600 (was 300), +300;
     * C -> cpu 4000: nothing changes, 0. FGD takes C.
     */
    @Test
    void fgdKeepsCpuWhereGpuTasksNeedIt() {
        FgdScore s = new FgdScore(new Fragmentation(M, c.models()));
        assertEquals(800.0, s.score(c, A, CPU_4000.shape(), -1), 1e-9);
        assertEquals(300.0, s.score(c, B, CPU_4000.shape(), -1), 1e-9);
        assertEquals(0.0, s.score(c, C, CPU_4000.shape(), -1), 1e-9);
        assertEquals(C, place("fgd", CPU_4000).node());
    }

    /**
     * Whole 1-GPU pod: A dev0 -> [0, 300]: all types cannot run or need no GPU: F = 300, growth -200;
     * C dev0 -> [0, 1000, 1000, 1000]: t0 0, t1 0, t2 3000: F = 600, growth -200. A tie: the
     * seeded priority order decides.
     */
    @Test
    void fgdTieGoesToThePriorityOrder() {
        FgdScore s = new FgdScore(new Fragmentation(M, c.models()));
        assertEquals(-200.0, s.score(c, A, WHOLE_1.shape(), -1), 1e-9);
        assertEquals(-200.0, s.score(c, C, WHOLE_1.shape(), -1), 1e-9);
        assertEquals(firstInOrder(A, C), place("fgd", WHOLE_1).node());
    }

    /**
     * Best fit, CPU and GPU left as shares of the node: A (3000/8000 + 800/2000) = 0.775,
     * B (3000/4000 + 100/1000) = 0.85, C (7000/8000 + 3500/4000) = 1.75: A, its only device that fits.
     * Dot product of normalised free and demand: A 0.5*0.125 + 0.65*0.25 = 0.225,
     * B 1*0.25 + 0.6*0.5 = 0.55, C 1*0.125 + 1*0.125 = 0.25: A.
     */
    @Test
    void bestFitAndDotProductPreferNodeA() {
        assertEquals(0.775, new BestFitScore().score(c, A, SHARE_500.shape(), 0), 1e-12);
        assertEquals(0.85, new BestFitScore().score(c, B, SHARE_500.shape(), 0), 1e-12);
        assertEquals(0.225, new DotProductScore().score(c, A, SHARE_500.shape(), 0), 1e-12);
        assertEquals(0.25, new DotProductScore().score(c, C, SHARE_500.shape(), 0), 1e-12);
        assertEquals(new Placement(A, new int[] {0}), place("gpu-bestfit", SHARE_500));
        assertEquals(new Placement(A, new int[] {0}), place("gpu-dotprod", SHARE_500));
    }

    /** Packing: B's device is already shared (600 free, tier 0) before A (partly used, tier 1) and idle C (tier 2). */
    @Test
    void packingFillsTheSharedDeviceFirst() {
        assertEquals(600.0, new PackingScore().score(c, B, SHARE_500.shape(), 0), 0);
        assertEquals(new Placement(B, new int[] {0}), place("gpu-packing", SHARE_500));
        // a whole GPU: A partly used beats idle C
        assertEquals(new Placement(A, new int[] {0}), place("gpu-packing", WHOLE_1));
    }

    /** Clustering: A and B hold only sharing pods (tier 0), C none (tier 1); a whole-GPU pod prefers idle C. */
    @Test
    void clusteringKeepsPodClassesTogether() {
        assertEquals(firstInOrder(A, B), place("gpu-clustering", SHARE_500).node());
        assertEquals(new Placement(C, new int[] {0}), place("gpu-clustering", WHOLE_1));
    }

    @Test
    void randomPicksOnlyFeasibleNodesAndDevices() {
        for (long seed = 0; seed < 50; seed++) {
            Placement p = new RandomPlacer(c, seed).place(SHARE_500);
            boolean ok = (p.node() == A && p.devices()[0] == 0) || (p.node() == B && p.devices()[0] == 0) || p.node() == C;
            assertEquals(true, ok, "seed " + seed + ": " + p);
        }
        for (long seed = 0; seed < 50; seed++) {
            Placement p = new RandomPlacer(c, seed).place(WHOLE_1);
            assertEquals(true, p.node() == A || p.node() == C, "seed " + seed + ": " + p);
            if (p.node() == A) assertArrayEquals(new int[] {0}, p.devices(), "seed " + seed);
        }
    }
}
