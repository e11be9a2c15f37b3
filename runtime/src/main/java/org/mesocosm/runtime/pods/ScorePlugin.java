package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * Ranks a feasible node for the pod; higher is better. Kubernetes plugins end in 0..100 (after
 * NormalizeScore); the framework multiplies by the plugin's weight and sums over plugins.
 */
public interface ScorePlugin extends Plugin {
    /** kube-scheduler's MaxNodeScore. */
    long MAX_NODE_SCORE = 100;

    long score(CycleState state, Task pod, NodeInfo node);
}
