package org.mesocosm.policies.gpu;

import org.mesocosm.runtime.model.gpu.GpuPod;

/** Chooses a node and device(s) for one pod, or says it fits nowhere. Does not bind. */
public interface GpuPlacer {
    /** The policy's registered name. */
    String name();

    /** The placement, or null when no node can take the pod. */
    Placement place(GpuPod pod);
}
