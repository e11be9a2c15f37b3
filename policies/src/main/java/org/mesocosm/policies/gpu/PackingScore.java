package org.mesocosm.policies.gpu;

import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * {@code gpu-packing}: fill what is already in use. Tiers, best first:
 * <ol start="0">
 *   <li>a sharing pod onto an already shared device (0 &lt; free &lt; 1000), the least free first;</li>
 *   <li>a partly used node (some device not fully free), the least free GPU first;</li>
 *   <li>an idle node, the one with fewer devices first.</li>
 * </ol>
 */
public final class PackingScore implements GpuScorePlugin {
    private static final double TIER = 1e6;

    @Override
    public String name() { return "gpu-packing"; }

    @Override
    public double score(GpuCluster c, int node, GpuPod.Shape pod, int device) {
        if (device >= 0) {
            int f = c.free(node, device);
            if (f < GpuDemand.DEVICE_MILLI) return f;
        }
        long free = c.freeMilli(node);
        if (free < (long) c.devices(node) * GpuDemand.DEVICE_MILLI) return TIER + free;
        return 2 * TIER + c.devices(node);
    }
}
