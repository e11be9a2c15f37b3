package org.mesocosm.policies.gpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * The target workload M of FGD: the distinct task types (cpu, gpu_milli, gpus, model) of a pod list
 * that together cover a share (95%) of its pods by count, the most frequent first, each with its
 * popularity p_m (its count over the count of all types kept, so the p_m sum to 1). Memory is not
 * part of a type: the paper's types are CPU and GPU shapes.
 */
public final class TargetWorkload {
    /** One task type m and its popularity. */
    public record TaskType(long cpuMilli, GpuDemand gpu, long count, double popularity) { }

    private final List<TaskType> types;

    private TargetWorkload(List<TaskType> types) {
        this.types = List.copyOf(types);
    }

    public static TargetWorkload of(List<TaskType> types) {
        if (types.isEmpty()) throw new IllegalArgumentException("a target workload needs at least one task type");
        return new TargetWorkload(types);
    }

    /** The types covering {@code coverage} (0..1] of {@code pods} by count; ties in count keep first-seen order. */
    public static TargetWorkload fromPods(List<GpuPod> pods, double coverage) {
        if (pods.isEmpty()) throw new IllegalArgumentException("no pods to derive the target workload from");
        if (!(coverage > 0 && coverage <= 1)) throw new IllegalArgumentException("coverage must be in (0, 1], got " + coverage);
        record Key(long cpu, int gpus, int milli, String models) { }
        Map<Key, long[]> counts = new LinkedHashMap<>();
        Map<Key, GpuDemand> demands = new LinkedHashMap<>();
        for (GpuPod p : pods) {
            Key k = new Key(p.cpuMilli(), p.gpu().gpus(), p.gpu().milli(), p.gpu().modelSpec());
            counts.computeIfAbsent(k, x -> new long[1])[0]++;
            demands.putIfAbsent(k, p.gpu());
        }
        List<Key> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.comparingLong((Key k) -> -counts.get(k)[0])); // stable: first-seen among equals
        List<Key> kept = new ArrayList<>();
        long covered = 0;
        for (Key k : keys) {
            kept.add(k);
            covered += counts.get(k)[0];
            if (covered >= Math.ceil(coverage * pods.size())) break;
        }
        List<TaskType> types = new ArrayList<>();
        for (Key k : kept) {
            long c = counts.get(k)[0];
            types.add(new TaskType(k.cpu(), demands.get(k), c, (double) c / covered));
        }
        return new TargetWorkload(types);
    }

    public List<TaskType> types() { return types; }

    public int size() { return types.size(); }
}
