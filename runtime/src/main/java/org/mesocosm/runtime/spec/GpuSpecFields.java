package org.mesocosm.runtime.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/**
 * A task's {@code gpus}, {@code gpu_milli} and {@code gpu_model} in a job spec. The master counts
 * whole GPUs and does not yet track device shares, so a sharing task ({@code gpus: 1, gpu_milli < 1000})
 * is charged no GPU count: the agent that launches it picks the device and fails the launch when
 * none has the share free. The per-device milli travels to the agent and the process as
 * {@code MESOCOSM_GPU_MILLI}; {@code gpu_model} becomes the placement constraint
 * {@code gpu_model:LIKE:(A|B)} on the agent attribute the agent's {@code --gpu-model} sets.
 */
final class GpuSpecFields {
    static final String MILLI_ENV = "MESOCOSM_GPU_MILLI";
    static final String MODEL_ATTRIBUTE = "gpu_model";

    private GpuSpecFields() { }

    /** What the task spec holds after reading the GPU fields. */
    record Applied(Resources request, Map<String, String> env, List<String> constraints) { }

    static Applied apply(SpecObject o, Resources request, Map<String, String> env, List<String> constraints) {
        boolean milliGiven = o.has("gpu_milli"), modelGiven = o.has("gpu_model");
        if (!milliGiven && !modelGiven) return new Applied(request, env, constraints);
        long milli = o.integer("gpu_milli", 0, 0, GpuDemand.DEVICE_MILLI);
        String model = o.string("gpu_model", null);
        GpuDemand d;
        try {
            d = GpuDemand.of(request.gpus(), milli, model);
        } catch (GpuDemand.InvalidGpuField e) {
            throw new SpecError(o.path(e.field()), e.getMessage());
        }
        Map<String, String> e2 = new LinkedHashMap<>(env);
        List<String> c2 = new ArrayList<>(constraints);
        Resources r = request;
        if (!d.none()) {
            e2.put(MILLI_ENV, Integer.toString(d.milli()));
            if (d.sharing()) r = new Resources(request.cpuMillis(), request.memMiB(), request.diskMiB(), 0);
            if (!d.models().isEmpty()) {
                List<String> quoted = new ArrayList<>();
                for (String m : d.models()) quoted.add(Pattern.quote(m));
                c2.add(MODEL_ATTRIBUTE + ":LIKE:(" + String.join("|", quoted) + ")");
            }
        }
        return new Applied(r, e2, c2);
    }
}
