package org.mesocosm.policies.gpu;

import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * A score plugin in the pod-placement framework of {@link GpuScheduler}: the framework filters
 * (CPU, memory, model, devices: the same for every policy), enumerates the device choices on each
 * feasible node, and asks the plugin to score each. Lower is better.
 * <p>A score must depend only on the pod's shape and the node's state (which
 * {@link GpuCluster#version(int)} tracks): the framework caches it per node and shape.
 */
public interface GpuScorePlugin {
    String name();

    /**
     * The cost of putting {@code pod} on {@code node}; {@code device} is the device a sharing pod
     * would take, -1 for a whole-GPU pod (it takes fully free devices, all alike) or a CPU-only pod.
     */
    double score(GpuCluster c, int node, GpuPod.Shape pod, int device);
}
