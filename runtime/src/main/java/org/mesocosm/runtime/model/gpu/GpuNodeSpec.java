package org.mesocosm.runtime.model.gpu;

import java.util.Objects;

/** One node of a GPU cluster: its CPU, memory and G devices of one model, 1000 milli-GPU each. */
public record GpuNodeSpec(String name, long cpuMilli, long memMiB, int gpus, String model) {
    public GpuNodeSpec {
        Objects.requireNonNull(name, "name");
        model = model == null ? "" : model;
        if (cpuMilli < 0 || memMiB < 0 || gpus < 0) throw new IllegalArgumentException("node " + name + ": negative capacity");
    }
}
