package org.mesocosm.policies.gpu;

import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * {@code gpu-bestfit}: the least CPU and GPU left on the node after placement, each as a share of
 * the node's capacity, weighted equally (1 : 1).
 */
public final class BestFitScore implements GpuScorePlugin {
    @Override
    public String name() { return "gpu-bestfit"; }

    @Override
    public double score(GpuCluster c, int node, GpuPod.Shape pod, int device) {
        double cpuCap = c.spec(node).cpuMilli(), gpuCap = (double) c.spec(node).gpus() * 1000;
        double cpuLeft = cpuCap > 0 ? (c.cpuFree(node) - pod.cpuMilli()) / cpuCap : 0;
        double gpuLeft = gpuCap > 0 ? (c.freeMilli(node) - pod.gpu().totalMilli()) / gpuCap : 0;
        return cpuLeft + gpuLeft;
    }
}
