package org.mesocosm.cli.fgd;

import java.util.List;
import org.mesocosm.policies.gpu.Fragmentation;
import org.mesocosm.policies.gpu.GpuCluster;
import org.mesocosm.policies.gpu.GpuPlacer;
import org.mesocosm.policies.gpu.GpuPolicies;
import org.mesocosm.policies.gpu.Placement;
import org.mesocosm.policies.gpu.TargetWorkload;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * One run of the inflation experiment: an empty cluster, the pods arriving one at a time, none
 * leaving; a pod that fits nowhere is dropped (its request still counts as arrived). After every
 * pod it measures arrived and allocated GPU and the cluster fragmentation F_N(M), and bins them by
 * arrived %. Single-threaded and seeded: the same inputs give the same curve.
 */
public final class InflationRun {
    private InflationRun() { }

    public static BinnedCurve run(String workload, List<GpuNodeSpec> nodes, List<GpuPod> pods, TargetWorkload target,
                                  String policy, long seed, double inflate) {
        GpuCluster c = new GpuCluster(nodes);
        if (c.capacityMilli() == 0) throw new IllegalArgumentException("the cluster has no GPU");
        List<GpuPod> arrivals = Arrivals.of(pods, c.capacityMilli(), inflate, seed);
        GpuPlacer placer = GpuPolicies.create(policy, c, target, seed);
        Fragmentation frag = new Fragmentation(target, c.models());
        double[] nodeFrag = new double[c.size()];
        double clusterFrag = 0;
        for (int n = 0; n < c.size(); n++) clusterFrag += nodeFrag[n] = frag.ofNode(c, n);

        int bins = (int) Math.floor(inflate * 100) + 1;
        double[] arrived = new double[bins], alloc = new double[bins], fr = new double[bins], ratio = new double[bins];
        int[] count = new int[bins], ratioCount = new int[bins];
        double cap = c.capacityMilli();
        long arrivedMilli = 0;
        int failed = 0;
        for (GpuPod p : arrivals) {
            Placement pl = placer.place(p);
            if (pl == null) {
                failed++;
            } else {
                c.bind(p, pl);
                int n = pl.node();
                double f = frag.ofNode(c, n);
                clusterFrag += f - nodeFrag[n];
                nodeFrag[n] = f;
            }
            arrivedMilli += p.gpu().totalMilli();
            double a = 100.0 * arrivedMilli / cap;
            int b = Math.min(bins - 1, (int) Math.floor(a));
            arrived[b] += a;
            alloc[b] += 100.0 * c.allocatedMilli() / cap;
            fr[b] += 100.0 * clusterFrag / cap;
            count[b]++;
            long idle = c.capacityMilli() - c.allocatedMilli();
            if (idle > 0) {
                ratio[b] += 100.0 * clusterFrag / idle;
                ratioCount[b]++;
            }
        }
        for (int b = 0; b < bins; b++) {
            arrived[b] = count[b] == 0 ? Double.NaN : arrived[b] / count[b];
            alloc[b] = count[b] == 0 ? Double.NaN : alloc[b] / count[b];
            fr[b] = count[b] == 0 ? Double.NaN : fr[b] / count[b];
            ratio[b] = ratioCount[b] == 0 ? Double.NaN : ratio[b] / ratioCount[b];
        }
        return new BinnedCurve(workload, policy, seed, arrived, alloc, fr, ratio, arrivals.size(), failed);
    }
}
