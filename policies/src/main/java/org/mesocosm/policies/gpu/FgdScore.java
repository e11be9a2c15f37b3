package org.mesocosm.policies.gpu;

import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * {@code fgd}, Fragmentation Gradient Descent: the growth of the node's fragmentation
 * F_{n+t}(M) - F_n(M) if the pod goes there (on that device); the smallest growth wins, so the
 * cluster descends the steepest way in fragmentation.
 */
public final class FgdScore implements GpuScorePlugin {
    private final Fragmentation frag;

    public FgdScore(Fragmentation frag) {
        this.frag = frag;
    }

    @Override
    public String name() { return "fgd"; }

    @Override
    public double score(GpuCluster c, int node, GpuPod.Shape pod, int device) {
        int g = c.devices(node);
        int[] after = java.util.Arrays.copyOf(c.freeView(node), g);
        double before = frag.of(c.cpuFree(node), c.modelId(node), after);
        GpuDemand d = pod.gpu();
        if (d.sharing()) {
            after[device] -= d.milli();
        } else if (d.whole()) {
            int k = d.gpus();
            for (int dev = 0; dev < g && k > 0; dev++) {
                if (after[dev] == GpuDemand.DEVICE_MILLI) { after[dev] = 0; k--; }
            }
        }
        return frag.of(c.cpuFree(node) - pod.cpuMilli(), c.modelId(node), after) - before;
    }
}
