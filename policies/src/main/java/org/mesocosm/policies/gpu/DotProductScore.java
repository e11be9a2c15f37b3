package org.mesocosm.policies.gpu;

import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * {@code gpu-dotprod}, Tetris-like alignment: the dot product of the node's free (cpu, gpu) vector
 * and the pod's demand vector, both normalised by the node's capacity; the smallest wins. The
 * product does not depend on which device a sharing pod takes (the framework then takes the
 * tightest device).
 */
public final class DotProductScore implements GpuScorePlugin {
    @Override
    public String name() { return "gpu-dotprod"; }

    @Override
    public double score(GpuCluster c, int node, GpuPod.Shape pod, int device) {
        double cpuCap = c.spec(node).cpuMilli(), gpuCap = (double) c.spec(node).gpus() * 1000;
        double cpu = cpuCap > 0 ? (c.cpuFree(node) / cpuCap) * (pod.cpuMilli() / cpuCap) : 0;
        double gpu = gpuCap > 0 ? (c.freeMilli(node) / gpuCap) * (pod.gpu().totalMilli() / gpuCap) : 0;
        return cpu + gpu;
    }
}
