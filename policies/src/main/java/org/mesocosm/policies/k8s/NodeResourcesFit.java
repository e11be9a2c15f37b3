package org.mesocosm.policies.k8s;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.ClusterEvent;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.EnqueueExtensions;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.CacheablePlugin;
import org.mesocosm.runtime.pods.TaintCounts;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.NodeTable;
import org.mesocosm.runtime.pods.PreFilterPlugin;
import org.mesocosm.runtime.pods.PreScorePlugin;
import org.mesocosm.runtime.pods.ScorePlugin;
import org.mesocosm.runtime.pods.Status;

/**
 * kube-scheduler's NodeResourcesFit. Filter: the pod's request fits what the node has left
 * (capacity minus the requests of the pods on it) on every resource, and a GPU pod's devices fit
 * the node's per-device ledger; all shortfalls are reported.
 * Score: the configured {@link ScoringStrategy}; {@code null} strategy = filter only.
 */
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions, CacheablePlugin {
    public static final String NAME = "NodeResourcesFit";
    private static final String[] RESOURCE = {"cpu", "memory", "disk", "gpus"};
    /** Rejections by bit set of short resources (cpu=1, memory=2, disk=4, gpus=8), built once. */
    private static final Status[] INSUFFICIENT = new Status[16];

    static {
        for (int m = 1; m < 16; m++) {
            List<String> reasons = new ArrayList<>();
            for (int r = 0; r < 4; r++) if ((m & (1 << r)) != 0) reasons.add("Insufficient " + RESOURCE[r]);
            INSUFFICIENT[m] = Status.unschedulable(NAME, reasons.toArray(new String[0]));
        }
    }

    private final ScoringStrategy strategy;

    public NodeResourcesFit(ScoringStrategy strategy) {
        this.strategy = strategy;
    }

    public ScoringStrategy strategy() { return strategy; }

    @Override
    public String name() { return NAME; }

    @Override
    public Status preFilter(CycleState state, Task pod) {
        state.put(PodRequest.KEY, PodRequest.of(pod));
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, Task pod, NodeInfo node) {
        PodRequest r = state.require(PodRequest.KEY);
        int shortMask = 0;
        if (r.cpu() > node.capacityCpu() - node.requestedCpu()) shortMask |= 1;
        if (r.mem() > node.capacityMem() - node.requestedMem()) shortMask |= 2;
        if (r.disk() > node.capacityDisk() - node.requestedDisk()) shortMask |= 4;
        if (r.gpus() > node.capacityGpus() - node.requestedGpus() || !gpuDevicesFit(pod, node)) shortMask |= 8;
        return shortMask == 0 ? Status.SUCCESS : INSUFFICIENT[shortMask];
    }

    /** Without a strategy this plugin only filters. */
    @Override
    public Status preScore(CycleState state, Task pod, NodeInfo[] nodes, int count) {
        return strategy == null ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        PodRequest r = PodRequest.get(state, pod);
        return strategy.nodeScore(node.nonZeroRequestedCpu() + r.nonZeroCpu(), node.capacityCpu(),
                node.nonZeroRequestedMem() + r.nonZeroMem(), node.capacityMem());
    }

    @Override
    public int plan(CycleState state, Task pod, TaintCounts taints) {
        return strategy == null ? FILTERS : FILTERS | SCORES;
    }

    @Override
    public boolean fits(CycleState state, Task pod, NodeTable t, int slot) {
        PodRequest r = state.require(PodRequest.KEY);
        return r.cpu() <= t.capacityCpu(slot) - t.requestedCpu(slot) && r.mem() <= t.capacityMem(slot) - t.requestedMem(slot)
                && r.disk() <= t.freeDisk(slot) && r.gpus() <= t.freeGpus(slot) && gpuDevicesFit(pod, t.node(slot));
    }

    /**
     * A GPU pod also needs the devices: a share of one device with room, or k completely free ones,
     * of an acceptable model. The master's per-device ledger of the node's agent says; a count of
     * free GPUs cannot (two half-used devices are two GPUs "free" by count and none for a whole-GPU pod).
     */
    static boolean gpuDevicesFit(Task pod, NodeInfo node) {
        return pod.gpu().none() || node.agent().gpuFits(pod.gpu());
    }

    @Override
    public long score(CycleState state, Task pod, NodeTable t, int slot) {
        PodRequest r = PodRequest.get(state, pod);
        return strategy.nodeScore(t.nonZeroRequestedCpu(slot) + r.nonZeroCpu(), t.capacityCpu(slot),
                t.nonZeroRequestedMem(slot) + r.nonZeroMem(), t.capacityMem(slot));
    }

    @Override
    public Set<ClusterEvent.Type> events() {
        return EnumSet.of(ClusterEvent.Type.POD_DELETED, ClusterEvent.Type.NODE_ADDED, ClusterEvent.Type.RESOURCES_FREED);
    }

    /** Queueing hint: only a node that now has room for the whole request can help. */
    @Override
    public boolean isSchedulableAfter(ClusterEvent e, Task pod) {
        NodeInfo n = e.node();
        var req = pod.request();
        return req.cpuMillis() <= n.capacityCpu() - n.requestedCpu() && req.memMiB() <= n.capacityMem() - n.requestedMem()
                && req.diskMiB() <= n.capacityDisk() - n.requestedDisk() && req.gpus() <= n.capacityGpus() - n.requestedGpus()
                && gpuDevicesFit(pod, n);
    }
}
