package org.mesocosm.traces.openb;

import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * One row of an openb pod list: the pod's request and, when the variant carries them, its QoS,
 * phase and times in seconds ({@link #UNKNOWN} when absent or empty).
 */
public record OpenbPod(GpuPod pod, String qos, String phase, long creationS, long deletionS, long scheduledS) {
    public static final long UNKNOWN = -1;

    public boolean hasTimes() { return creationS != UNKNOWN; }
}
