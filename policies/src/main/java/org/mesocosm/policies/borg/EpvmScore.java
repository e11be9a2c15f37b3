package org.mesocosm.policies.borg;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.NormalizeScorePlugin;
import org.mesocosm.runtime.pods.Status;

/**
 * E-PVM (Amir et al., "An opportunity cost approach for job assignment in a scalable computing
 * cluster", 2000), one of Borg's scoring models: each resource of a machine costs
 * {@code base^utilization}, so cost climbs steeply as a machine fills, and a task goes where it
 * raises the total cost least. Raw score: that marginal cost over cpu and memory, in millionths;
 * normalized so the cheapest node gets 100 and the dearest 0. It spreads load across machines
 * (the Borg paper: "E-PVM ends up spreading load across all the machines"). The base is the
 * number of machines (at least 2), as in Amir et al., where it grows with the cluster.
 */
public final class EpvmScore implements NormalizeScorePlugin {
    public static final String NAME = "EPVM";
    private FrameworkHandle handle;

    @Override
    public String name() { return NAME; }

    @Override
    public void init(FrameworkHandle h) { this.handle = h; }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        double base = Math.max(2, handle.nodesUp());
        return Math.round(1e6 * marginalCost(base, node.reservedCpu(), pod.request().cpuMillis(), node.capacityCpu(),
                node.reservedMem(), pod.request().memMiB(), node.capacityMem()));
    }

    /** The rise in {@code sum base^u} over cpu and memory when {@code reqX} is added to {@code usedX}. */
    static double marginalCost(double base, long usedCpu, long reqCpu, long capCpu, long usedMem, long reqMem, long capMem) {
        double c = 0;
        if (capCpu > 0) c += Math.pow(base, (double) (usedCpu + reqCpu) / capCpu) - Math.pow(base, (double) usedCpu / capCpu);
        if (capMem > 0) c += Math.pow(base, (double) (usedMem + reqMem) / capMem) - Math.pow(base, (double) usedMem / capMem);
        return c;
    }

    /** Lowest cost becomes 100, highest 0; all 100 if every node costs the same. */
    @Override
    public Status normalizeScore(CycleState state, Task pod, NodeInfo[] nodes, long[] scores, int count) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        for (int i = 0; i < count; i++) {
            scores[i] = max == min ? MAX_NODE_SCORE : (long) ((double) (max - scores[i]) / (max - min) * MAX_NODE_SCORE);
        }
        return Status.SUCCESS;
    }
}
