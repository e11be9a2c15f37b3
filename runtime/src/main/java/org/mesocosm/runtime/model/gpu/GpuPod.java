package org.mesocosm.runtime.model.gpu;

import java.util.Objects;

/** One pod of a GPU workload (the openb pod list): its CPU, memory and GPU request. */
public record GpuPod(String name, long cpuMilli, long memMiB, GpuDemand gpu) {
    public GpuPod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gpu, "gpu");
        if (cpuMilli < 0 || memMiB < 0) throw new IllegalArgumentException("pod " + name + ": negative cpu or memory");
    }

    /** The pod without its name: pods with equal shapes are interchangeable to a placement policy. */
    public Shape shape() { return new Shape(cpuMilli, memMiB, gpu); }

    /** A pod's request without its name. */
    public record Shape(long cpuMilli, long memMiB, GpuDemand gpu) { }
}
