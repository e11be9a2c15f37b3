package org.mesocosm.policies.gpu;

import java.util.SplittableRandom;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * {@code gpu-random}: a uniformly random feasible node, and on it a uniformly random feasible device
 * for a sharing pod (the lowest-index fully free devices for a whole-GPU pod: they are all alike).
 * Seeded, so a run repeats.
 */
public final class RandomPlacer implements GpuPlacer {
    private final GpuCluster c;
    private final SplittableRandom rnd;
    private int[] feasible;

    public RandomPlacer(GpuCluster c, long seed) {
        this.c = c;
        this.rnd = new SplittableRandom(seed ^ 0xBB67AE8584CAA73BL);
        this.feasible = new int[c.size()];
    }

    @Override
    public String name() { return "gpu-random"; }

    @Override
    public Placement place(GpuPod pod) {
        GpuPod.Shape s = pod.shape();
        boolean[] modelOk = Feasibility.modelsOk(c, s.gpu());
        int k = 0;
        for (int n = 0; n < c.size(); n++) if (Feasibility.nodeFits(c, n, s, modelOk)) feasible[k++] = n;
        if (k == 0) return null;
        int node = feasible[rnd.nextInt(k)];
        int dev = -1;
        if (s.gpu().sharing()) {
            int m = 0;
            int[] devs = new int[c.devices(node)];
            for (int d = 0; d < c.devices(node); d++) if (c.free(node, d) >= s.gpu().milli()) devs[m++] = d;
            dev = devs[rnd.nextInt(m)];
        }
        return new Placement(node, GpuScheduler.devices(c, node, s.gpu(), dev));
    }
}
