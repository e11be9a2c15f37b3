package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.CacheablePlugin;
import org.mesocosm.runtime.pods.TaintCounts;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.NodeTable;
import org.mesocosm.runtime.pods.ScorePlugin;

/**
 * kube-scheduler's NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be
 * used in equal proportion, so neither is stranded. With f = min(1, requested / capacity) per
 * resource (requested includes the incoming pod), score = (1 - std(f)) * 100; for two resources
 * std = |f_cpu - f_mem| / 2.
 */
public final class BalancedAllocation implements ScorePlugin, CacheablePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() { return NAME; }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        PodRequest r = PodRequest.get(state, pod);
        return score(node.requestedCpu() + r.cpu(), node.capacityCpu(), node.requestedMem() + r.mem(), node.capacityMem());
    }

    @Override
    public long score(CycleState state, Task pod, NodeTable t, int slot) {
        PodRequest r = PodRequest.get(state, pod);
        return score(t.requestedCpu(slot) + r.cpu(), t.capacityCpu(slot), t.requestedMem(slot) + r.mem(), t.capacityMem(slot));
    }

    @Override
    public int plan(CycleState state, Task pod, TaintCounts taints) { return SCORES; }

    /** The formula on its own, for tests: resources with zero capacity are left out. */
    public static long score(long requestedCpu, long capacityCpu, long requestedMem, long capacityMem) {
        double fCpu = -1, fMem = -1;
        if (capacityCpu > 0) fCpu = Math.min(1.0, (double) requestedCpu / capacityCpu);
        if (capacityMem > 0) fMem = Math.min(1.0, (double) requestedMem / capacityMem);
        double std = fCpu >= 0 && fMem >= 0 ? Math.abs((fCpu - fMem) / 2) : 0;
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }
}
