package org.mesocosm.policies.gpu;

import java.util.List;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/**
 * FGD's fragmentation measure (Weng et al., ATC '23, section 3), bound to one cluster's models.
 * <p>Task-level fragmentation F_n(m) of node n for task type m, in milli-GPU:
 * <ul>
 *   <li>all of n's free GPU if m cannot run on n: m needs no GPU, or n has the wrong model, or too
 *       little CPU, or no device (sharing) / not k fully free devices (whole) for it;</li>
 *   <li>else the free milli of the devices too small for m: free &lt; gpu_milli for a sharing type,
 *       free &lt; 1000 (partly used devices) for a whole-GPU type.</li>
 * </ul>
 * Node fragmentation F_n(M) = sum over m of p_m x F_n(m). Memory is not part of a type, so it
 * does not enter the measure.
 */
public final class Fragmentation {
    private final int n;
    private final long[] cpu;
    private final int[] gpus, milli;
    private final double[] pop;
    private final boolean[][] modelOk; // [type][model id]

    public Fragmentation(TargetWorkload m, List<String> clusterModels) {
        n = m.size();
        cpu = new long[n];
        gpus = new int[n];
        milli = new int[n];
        pop = new double[n];
        modelOk = new boolean[n][clusterModels.size()];
        for (int t = 0; t < n; t++) {
            TargetWorkload.TaskType tt = m.types().get(t);
            cpu[t] = tt.cpuMilli();
            gpus[t] = tt.gpu().gpus();
            milli[t] = tt.gpu().milli();
            pop[t] = tt.popularity();
            for (int mi = 0; mi < clusterModels.size(); mi++) modelOk[t][mi] = tt.gpu().acceptsModel(clusterModels.get(mi));
        }
    }

    /** F_n(M) of a node with this free CPU, model and free milli per device. */
    public double of(long cpuFree, int modelId, int[] free) {
        long total = 0, partial = 0;
        int full = 0, maxFree = 0;
        for (int f : free) {
            total += f;
            if (f == GpuDemand.DEVICE_MILLI) full++;
            else partial += f;
            if (f > maxFree) maxFree = f;
        }
        if (total == 0) return 0;
        double s = 0;
        for (int t = 0; t < n; t++) s += pop[t] * forType(t, total, partial, full, maxFree, cpuFree, modelId, free);
        return s;
    }

    /** F_n(m) for type t, given the node's totals (so a node scan is done once for all types). */
    private long forType(int t, long total, long partial, int full, int maxFree, long cpuFree, int modelId, int[] free) {
        if (gpus[t] == 0 || cpu[t] > cpuFree || !modelOk[t][modelId]) return total;
        if (milli[t] == GpuDemand.DEVICE_MILLI) return full >= gpus[t] ? partial : total;
        if (maxFree < milli[t]) return total;
        long small = 0;
        for (int f : free) if (f < milli[t]) small += f;
        return small;
    }

    /** F_n(m) of one type: for tests and for explaining a number. */
    public long ofType(int type, long cpuFree, int modelId, int[] free) {
        long total = 0, partial = 0;
        int full = 0, maxFree = 0;
        for (int f : free) {
            total += f;
            if (f == GpuDemand.DEVICE_MILLI) full++;
            else partial += f;
            maxFree = Math.max(maxFree, f);
        }
        return total == 0 ? 0 : forType(type, total, partial, full, maxFree, cpuFree, modelId, free);
    }

    /** F_n(M) of a node of the cluster as it stands. */
    public double ofNode(GpuCluster c, int node) {
        return of(c.cpuFree(node), c.modelId(node), c.freeView(node));
    }
}
