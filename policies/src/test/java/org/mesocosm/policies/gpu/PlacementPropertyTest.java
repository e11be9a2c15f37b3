package org.mesocosm.policies.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * Over many seeds, random clusters and random pods, for every policy: no device ever holds more
 * than 1000 milli, a whole-GPU pod only gets devices that were completely free, a placement names
 * one node (never spans nodes) with exactly k devices of an accepted model, CPU and memory never
 * overcommit, and a policy says "fits nowhere" only when a brute-force search agrees. Checked
 * against a ledger of what each device was given, kept by the test, not by the cluster.
 */
class PlacementPropertyTest {
    static final String[] MODELS = {"T4", "V100M16", "G2"};

    @Test
    void placementsKeepEveryDeviceWithinItsCapacity() {
        for (long seed = 1; seed <= 60; seed++) {
            for (String policy : GpuPolicies.names()) {
                try {
                    runOne(seed, policy);
                } catch (AssertionError | RuntimeException e) {
                    fail("seed " + seed + ", policy " + policy + ": " + e, e);
                }
            }
        }
    }

    private static void runOne(long seed, String policy) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GpuNodeSpec> nodes = new ArrayList<>();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int[] g = {1, 2, 4, 8};
            nodes.add(new GpuNodeSpec("n" + i, 4000 + 4000L * r.nextInt(8), 16384L * (1 + r.nextInt(4)), g[r.nextInt(4)], MODELS[r.nextInt(3)]));
        }
        List<GpuPod> pods = new ArrayList<>();
        for (int i = 0; i < 150; i++) pods.add(randomPod(r, i));
        GpuCluster c = new GpuCluster(nodes);
        GpuPlacer placer = GpuPolicies.create(policy, c, TargetWorkload.fromPods(pods, 0.95), seed);
        int[][] given = new int[n][];
        long[] cpu = new long[n], mem = new long[n];
        for (int i = 0; i < n; i++) given[i] = new int[nodes.get(i).gpus()];
        for (GpuPod p : pods) {
            Placement pl = placer.place(p);
            if (pl == null) {
                for (int i = 0; i < n; i++) {
                    assertTrue(!bruteForceFits(nodes.get(i), given[i], cpu[i], mem[i], p), p + " fits node " + i + " but was refused");
                }
                continue;
            }
            int node = pl.node();
            int[] devs = pl.devices();
            GpuDemand d = p.gpu();
            assertEquals(d.gpus(), devs.length, "device count");
            assertTrue(cpu[node] + p.cpuMilli() <= nodes.get(node).cpuMilli(), "cpu overcommit");
            assertTrue(mem[node] + p.memMiB() <= nodes.get(node).memMiB(), "memory overcommit");
            if (!d.none()) assertTrue(d.acceptsModel(nodes.get(node).model()), "model");
            for (int dev : devs) {
                if (d.whole()) assertEquals(0, given[node][dev], "whole-GPU pod on a device already in use");
                given[node][dev] += d.milli();
                assertTrue(given[node][dev] <= GpuDemand.DEVICE_MILLI, "device over 1000 milli");
            }
            cpu[node] += p.cpuMilli();
            mem[node] += p.memMiB();
            c.bind(p, pl);
            for (int dev = 0; dev < c.devices(node); dev++) {
                assertEquals(GpuDemand.DEVICE_MILLI - given[node][dev], c.free(node, dev), "cluster and ledger disagree");
            }
        }
    }

    static GpuPod randomPod(SplittableRandom r, int i) {
        long cpu = 500L * r.nextInt(9), mem = 1024L * r.nextInt(8);
        String model = r.nextInt(5) == 0 ? MODELS[r.nextInt(3)] + (r.nextBoolean() ? "|" + MODELS[r.nextInt(3)] : "") : null;
        GpuDemand d = switch (r.nextInt(4)) {
            case 0 -> GpuDemand.NONE;
            case 1 -> GpuDemand.of(1, 50 + 50L * r.nextInt(19), model);
            case 2 -> GpuDemand.of(1, 1000, model);
            default -> GpuDemand.of(new int[] {2, 4, 8}[r.nextInt(3)], 1000, model);
        };
        return new GpuPod("pod" + i, cpu, mem, d);
    }

    static boolean bruteForceFits(GpuNodeSpec node, int[] given, long cpuUsed, long memUsed, GpuPod p) {
        if (cpuUsed + p.cpuMilli() > node.cpuMilli() || memUsed + p.memMiB() > node.memMiB()) return false;
        GpuDemand d = p.gpu();
        if (d.none()) return true;
        if (!d.acceptsModel(node.model())) return false;
        int ok = 0;
        for (int g : given) {
            if (d.whole() ? g == 0 : GpuDemand.DEVICE_MILLI - g >= d.milli()) ok++;
        }
        return ok >= d.gpus();
    }
}
