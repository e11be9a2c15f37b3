package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.IndexedPlugin;
import org.mesocosm.runtime.pods.NodeIndex;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.ScorePlugin;

/**
 * kube-scheduler's NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be
 * used in equal proportion, so neither is stranded. With f = min(1, requested / capacity) per
 * resource (requested includes the incoming pod), score = (1 - std(f)) * 100; for two resources
 * std = |f_cpu - f_mem| / 2.
 */
public final class BalancedAllocation implements ScorePlugin, IndexedPlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() { return NAME; }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        PodRequest r = PodRequest.get(state, pod);
        return score(node.requestedCpu() + r.cpu(), node.capacityCpu(), node.requestedMem() + r.mem(), node.capacityMem());
    }

    @Override
    public int plan(CycleState state, Task pod, NodeIndex index) { return SCORES; }

    /**
     * With every node of the range fitting the pod (no fraction clipped at 1),
     * f_cpu - f_mem = skew + cpu/capCpu - mem/capMem, where the index keeps the range of
     * skew = requestedCpu/capCpu - requestedMem/capMem; the score is best where |f_cpu - f_mem| is
     * least. Otherwise (some fraction may be clipped) no bound but the maximum.
     */
    @Override
    public long scoreBound(CycleState state, Task pod, NodeIndex index, int t) {
        PodRequest r = PodRequest.get(state, pod);
        long minCapCpu = index.minCapacityCpu(t), minCapMem = index.minCapacityMem(t);
        if (minCapCpu <= 0 || minCapMem <= 0 || r.cpu() > index.minFreeCpu(t) || r.mem() > index.minFreeMem(t)) return MAX_NODE_SCORE;
        double lo = index.minSkew(t) + (double) r.cpu() / index.maxCapacityCpu(t) - (double) r.mem() / minCapMem;
        double hi = index.maxSkew(t) + (double) r.cpu() / minCapCpu - (double) r.mem() / index.maxCapacityMem(t);
        double least = lo > 0 ? lo : hi < 0 ? -hi : 0;
        // the margin covers rounding: the bound may come out one high, never low
        long bound = (long) ((1 - least / 2 + 1e-9) * MAX_NODE_SCORE);
        return Math.min(MAX_NODE_SCORE, bound);
    }

    /** The formula on its own, for tests: resources with zero capacity are left out. */
    public static long score(long requestedCpu, long capacityCpu, long requestedMem, long capacityMem) {
        double fCpu = -1, fMem = -1;
        if (capacityCpu > 0) fCpu = Math.min(1.0, (double) requestedCpu / capacityCpu);
        if (capacityMem > 0) fMem = Math.min(1.0, (double) requestedMem / capacityMem);
        double std = fCpu >= 0 && fMem >= 0 ? Math.abs((fCpu - fMem) / 2) : 0;
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }
}
