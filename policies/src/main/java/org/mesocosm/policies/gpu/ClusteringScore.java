package org.mesocosm.policies.gpu;

import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * {@code gpu-clustering}: keep GPU pods of one class together (sharing pods with sharing pods,
 * k-GPU pods with k-GPU pods). Tiers, best first: 0 the node holds only pods of the pod's class;
 * 1 the node holds no GPU pod; 2 it holds the pod's class and others; 3 it holds only other classes.
 * A CPU-only pod scores 0 everywhere (the priority order decides).
 */
public final class ClusteringScore implements GpuScorePlugin {
    @Override
    public String name() { return "gpu-clustering"; }

    @Override
    public double score(GpuCluster c, int node, GpuPod.Shape pod, int device) {
        int cls = GpuCluster.gpuClass(pod.gpu());
        if (cls < 0) return 0;
        int same = c.podsOfClass(node, cls), all = c.gpuPods(node);
        if (all == 0) return 1;
        if (same == all) return 0;
        return same > 0 ? 2 : 3;
    }
}
