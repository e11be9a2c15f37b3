package org.mesocosm.policies.gpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of GPU placement policies by name: the six of the FGD paper. Each builds a
 * {@link GpuPlacer} for one cluster, one target workload (used by {@code fgd}) and one seed.
 */
public final class GpuPolicies {
    /** Builds a policy for one run. */
    @FunctionalInterface
    public interface Factory {
        GpuPlacer create(GpuCluster c, TargetWorkload target, long seed);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        register("gpu-random", (c, t, seed) -> new RandomPlacer(c, seed));
        register("gpu-dotprod", (c, t, seed) -> new GpuScheduler(c, new DotProductScore(), seed));
        register("gpu-clustering", (c, t, seed) -> new GpuScheduler(c, new ClusteringScore(), seed));
        register("gpu-packing", (c, t, seed) -> new GpuScheduler(c, new PackingScore(), seed));
        register("gpu-bestfit", (c, t, seed) -> new GpuScheduler(c, new BestFitScore(), seed));
        register("fgd", (c, t, seed) -> new GpuScheduler(c, new FgdScore(new Fragmentation(t, c.models())), seed));
    }

    private GpuPolicies() { }

    private static void register(String name, Factory f) {
        if (FACTORIES.putIfAbsent(name, f) != null) throw new IllegalStateException("GPU policy '" + name + "' registered twice");
    }

    public static List<String> names() { return List.copyOf(FACTORIES.keySet()); }

    public static boolean isName(String name) { return FACTORIES.containsKey(name); }

    public static GpuPlacer create(String name, GpuCluster c, TargetWorkload target, long seed) {
        Factory f = FACTORIES.get(name);
        if (f == null) throw new IllegalArgumentException("unknown GPU policy '" + name + "'; valid: " + String.join(", ", names()));
        return f.create(c, target, seed);
    }
}
