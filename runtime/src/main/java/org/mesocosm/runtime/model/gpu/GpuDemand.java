package org.mesocosm.runtime.model.gpu;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a task asks of GPUs. A node's GPU devices each hold {@link #DEVICE_MILLI} milli-GPU.
 * <ul>
 *   <li>no GPU: {@code gpus = 0, milli = 0};</li>
 *   <li>sharing: {@code gpus = 1, 0 < milli < 1000}: takes {@code milli} from <b>one</b> device that
 *       other sharing tasks may also use;</li>
 *   <li>whole: {@code gpus = k >= 1, milli = 1000}: takes k completely free devices of one node.</li>
 * </ul>
 * A task never spans nodes. {@code models} lists the acceptable device models (empty: any), written
 * {@code V100M16|V100M32} in specs and traces.
 */
public record GpuDemand(int gpus, int milli, List<String> models) {

    /** Milli-GPU in one device. */
    public static final int DEVICE_MILLI = 1000;
    /** The most devices one task may ask for: the largest GPU node we model has 8; 64 leaves room. */
    public static final int MAX_GPUS = 64;
    public static final GpuDemand NONE = new GpuDemand(0, 0, List.of());

    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    public GpuDemand {
        models = List.copyOf(models);
        String bad = problem(gpus, milli);
        if (bad != null) throw new InvalidGpuField(bad.startsWith("gpus") ? "gpus" : "gpu_milli", bad);
    }

    /**
     * Parses the three spec fields. {@code milli} may be 0 with {@code gpus > 0}, meaning whole
     * devices (1000 each). Throws {@link InvalidGpuField} naming the field that is wrong.
     */
    public static GpuDemand of(long gpus, long milli, String modelSpec) {
        if (gpus < 0 || gpus > MAX_GPUS) throw new InvalidGpuField("gpus", "gpus must be 0.." + MAX_GPUS + ", got " + gpus);
        if (milli < 0 || milli > DEVICE_MILLI) {
            throw new InvalidGpuField("gpu_milli", "gpu_milli must be 0.." + DEVICE_MILLI + " per device, got " + milli);
        }
        List<String> models = parseModels(modelSpec);
        if (gpus == 0) {
            if (milli != 0) throw new InvalidGpuField("gpu_milli", "gpu_milli " + milli + " needs gpus >= 1");
            if (!models.isEmpty()) throw new InvalidGpuField("gpu_model", "gpu_model needs gpus >= 1");
            return NONE;
        }
        return new GpuDemand((int) gpus, milli == 0 ? DEVICE_MILLI : (int) milli, models);
    }

    /** {@code A|B} into its models; null or blank is "any model". */
    public static List<String> parseModels(String spec) {
        if (spec == null || spec.isBlank()) return List.of();
        String[] parts = spec.trim().split("\\|", -1);
        for (String p : parts) {
            if (!MODEL.matcher(p).matches()) {
                throw new InvalidGpuField("gpu_model", "gpu_model '" + spec + "': each model is 1-64 of [A-Za-z0-9_.-], separated by |");
            }
        }
        return List.of(parts);
    }

    private static String problem(int gpus, int milli) {
        if (gpus < 0 || gpus > MAX_GPUS) return "gpus must be 0.." + MAX_GPUS + ", got " + gpus;
        if (gpus == 0) return milli == 0 ? null : "gpu_milli " + milli + " needs gpus >= 1";
        if (milli <= 0 || milli > DEVICE_MILLI) return "gpu_milli must be 1.." + DEVICE_MILLI + ", got " + milli;
        if (milli < DEVICE_MILLI && gpus != 1) return "gpus must be 1 when gpu_milli " + milli + " < 1000 (a share of one device), got " + gpus;
        return null;
    }

    public boolean none() { return gpus == 0; }

    /** Takes part of one device that other sharing tasks may also use. */
    public boolean sharing() { return gpus == 1 && milli < DEVICE_MILLI; }

    /** Takes {@link #gpus} completely free devices. */
    public boolean whole() { return gpus > 0 && milli == DEVICE_MILLI; }

    /** gpus x milli: the task's GPU request in milli-GPU. */
    public long totalMilli() { return (long) gpus * milli; }

    public boolean acceptsModel(String model) {
        return models.isEmpty() || models.contains(model);
    }

    public String modelSpec() { return String.join("|", models); }

    /** A field of a GPU request is out of range; {@link #field()} is its spec name. */
    public static final class InvalidGpuField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public InvalidGpuField(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() { return field; }
    }
}
