package org.mesocosm.runtime.spec;

import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/**
 * A task's {@code gpus}, {@code gpu_milli} and {@code gpu_model} in a job spec, read into the
 * task's {@link GpuDemand}. The master books devices for it: a sharing task
 * ({@code gpus: 1, gpu_milli < 1000}) takes its milli from one device and counts no whole GPU in the
 * request; a whole-GPU task counts its k devices there too. {@code gpu_model} lists the acceptable
 * device models, matched against the agent's {@code gpu_model} attribute by the master's device
 * check. The agent learns the devices and the share from the launch, not from the task's env.
 */
final class GpuSpecFields {

    private GpuSpecFields() { }

    /** What the task spec holds after reading the GPU fields. */
    record Applied(Resources request, GpuDemand gpu) { }

    static Applied apply(SpecObject o, Resources request) {
        boolean milliGiven = o.has("gpu_milli"), modelGiven = o.has("gpu_model");
        // a bare gpus count: TaskSpec makes it k whole devices (up to MAX_GPUS; above, a count as before)
        if (!milliGiven && !modelGiven) return new Applied(request, GpuDemand.NONE);
        long milli = o.integer("gpu_milli", 0, 0, GpuDemand.DEVICE_MILLI);
        String model = o.string("gpu_model", null);
        GpuDemand d;
        try {
            d = GpuDemand.of(request.gpus(), milli, model);
        } catch (GpuDemand.InvalidGpuField e) {
            throw new SpecError(o.path(e.field()), e.getMessage());
        }
        Resources r = request;
        if (d.sharing()) r = new Resources(request.cpuMillis(), request.memMiB(), request.diskMiB(), 0);
        return new Applied(r, d);
    }
}
