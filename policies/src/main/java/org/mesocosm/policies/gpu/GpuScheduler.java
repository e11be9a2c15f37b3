package org.mesocosm.policies.gpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * The pod-placement framework for GPU pods: filter (the same feasibility for every policy), score
 * with one {@link GpuScorePlugin} over every (node, device) choice, pick the lowest. Ties between
 * nodes go to the earlier node in a seeded random priority order; ties between devices of one node
 * go to the device with the least free milli (then the lower index).
 * <p>Each node's best choice is cached per pod shape and node {@link GpuCluster#version version}:
 * a placement changes one node, so the next pod of a shape rescans only the nodes that changed.
 */
public final class GpuScheduler implements GpuPlacer {
    private final GpuCluster c;
    private final GpuScorePlugin plugin;
    private final int[] order;
    private final Map<GpuPod.Shape, ShapeCache> caches = new HashMap<>();

    public GpuScheduler(GpuCluster c, GpuScorePlugin plugin, long seed) {
        this.c = c;
        this.plugin = plugin;
        this.order = priorityOrder(c.size(), seed);
    }

    /** A seeded random permutation of the nodes (Fisher-Yates): the tie-break order. */
    static int[] priorityOrder(int n, long seed) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        SplittableRandom r = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i]; o[i] = o[j]; o[j] = t;
        }
        return o;
    }

    @Override
    public String name() { return plugin.name(); }

    @Override
    public Placement place(GpuPod pod) {
        GpuPod.Shape s = pod.shape();
        ShapeCache cache = caches.computeIfAbsent(s, x -> new ShapeCache(c, x));
        int bestNode = -1, bestDev = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int n : order) {
            if (cache.version[n] != c.version(n)) evaluate(cache, s, n);
            if (cache.score[n] < best) {
                best = cache.score[n];
                bestNode = n;
                bestDev = cache.device[n];
            }
        }
        if (bestNode < 0) return null;
        return new Placement(bestNode, devices(c, bestNode, s.gpu(), bestDev));
    }

    private void evaluate(ShapeCache cache, GpuPod.Shape s, int n) {
        cache.version[n] = c.version(n);
        cache.score[n] = Double.POSITIVE_INFINITY;
        cache.device[n] = -1;
        if (!Feasibility.nodeFits(c, n, s, cache.modelOk)) return;
        GpuDemand d = s.gpu();
        if (!d.sharing()) {
            cache.score[n] = plugin.score(c, n, s, -1);
            return;
        }
        double best = Double.POSITIVE_INFINITY;
        int bestDev = -1;
        for (int dev = 0; dev < c.devices(n); dev++) {
            int f = c.free(n, dev);
            if (f < d.milli() || seenFree(n, dev, f)) continue; // devices with equal free are equivalent
            double sc = plugin.score(c, n, s, dev);
            if (sc < best || (sc == best && bestDev >= 0 && f < c.free(n, bestDev))) {
                best = sc;
                bestDev = dev;
            }
        }
        cache.score[n] = best;
        cache.device[n] = bestDev;
    }

    private boolean seenFree(int n, int dev, int f) {
        for (int e = 0; e < dev; e++) if (c.free(n, e) == f) return true;
        return false;
    }

    /** The device indices a placement takes: the sharing device, or the lowest-index fully free ones. */
    static int[] devices(GpuCluster c, int node, GpuDemand d, int sharingDevice) {
        if (d.none()) return new int[0];
        if (d.sharing()) return new int[] {sharingDevice};
        int[] out = new int[d.gpus()];
        int k = 0;
        for (int dev = 0; dev < c.devices(node) && k < out.length; dev++) {
            if (c.free(node, dev) == GpuDemand.DEVICE_MILLI) out[k++] = dev;
        }
        if (k < out.length) throw new IllegalStateException("node " + node + " lost its free devices");
        return out;
    }

    /** Per pod shape: each node's best score and device, valid while the node's version matches. */
    private static final class ShapeCache {
        final int[] version;
        final double[] score;
        final int[] device;
        final boolean[] modelOk;

        ShapeCache(GpuCluster c, GpuPod.Shape s) {
            version = new int[c.size()];
            java.util.Arrays.fill(version, -1);
            score = new double[c.size()];
            device = new int[c.size()];
            modelOk = Feasibility.modelsOk(c, s.gpu());
        }
    }

    /** The registered names of the score plugins, for help texts. */
    public static List<String> names() { return new ArrayList<>(GpuPolicies.names()); }
}
