package org.mesocosm.policies.borg;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.ScorePlugin;

/**
 * Borg's best fit: prefer the node the task fills most tightly, i.e. with the least left over
 * after placing it. Score = 100 minus the mean, over cpu and memory, of the share of the node left
 * free (capacity minus reservations minus the request), so a node the task fills exactly scores
 * 100 and an empty one nearly 0. Packs tasks onto few machines, leaving whole machines free for
 * large tasks, at the cost of more preemption when load rises.
 */
public final class BestFitScore implements ScorePlugin {
    public static final String NAME = "BestFit";

    @Override
    public String name() { return NAME; }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        return score(node.reservedCpu() + pod.request().cpuMillis(), node.capacityCpu(),
                node.reservedMem() + pod.request().memMiB(), node.capacityMem());
    }

    /** @param usedCpu reservations plus the request */
    static long score(long usedCpu, long capCpu, long usedMem, long capMem) {
        long left = 0, dims = 0;
        if (capCpu > 0) {
            left += Math.max(0, capCpu - usedCpu) * MAX_NODE_SCORE / capCpu;
            dims++;
        }
        if (capMem > 0) {
            left += Math.max(0, capMem - usedMem) * MAX_NODE_SCORE / capMem;
            dims++;
        }
        return dims == 0 ? 0 : MAX_NODE_SCORE - left / dims;
    }
}
