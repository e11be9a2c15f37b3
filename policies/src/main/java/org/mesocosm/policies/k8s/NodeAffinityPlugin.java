package org.mesocosm.policies.k8s;

import java.util.EnumSet;
import java.util.Set;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.constraints.NodeAffinity;
import org.mesocosm.runtime.pods.ClusterEvent;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.EnqueueExtensions;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.CacheablePlugin;
import org.mesocosm.runtime.pods.TaintCounts;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.NormalizeScorePlugin;
import org.mesocosm.runtime.pods.PreFilterPlugin;
import org.mesocosm.runtime.pods.PreScorePlugin;
import org.mesocosm.runtime.pods.Status;

/**
 * kube-scheduler's NodeAffinity (which also enforces the node selector). Filter: the node
 * matches the pod's node selector and at least one required term. Score: the sum of the weights
 * of the preferred terms the node matches, normalized so the best node gets 100.
 */
public final class NodeAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, NormalizeScorePlugin, EnqueueExtensions, CacheablePlugin {
    public static final String NAME = "NodeAffinity";
    static final Status MISMATCH = Status.unresolvable(NAME, "node(s) didn't match Pod's node affinity/selector");

    @Override
    public String name() { return NAME; }

    @Override
    public Status preFilter(CycleState state, Task pod) {
        return NodeMatch.hasRequirements(pod) ? Status.SUCCESS : Status.SKIP;
    }

    @Override
    public Status filter(CycleState state, Task pod, NodeInfo node) {
        return NodeMatch.matches(pod, node.attributes()) ? Status.SUCCESS : MISMATCH;
    }

    @Override
    public Status preScore(CycleState state, Task pod, NodeInfo[] nodes, int count) {
        return pod.spec().podConstraints().nodeAffinity().preferred().isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        NodeAffinity a = pod.spec().podConstraints().nodeAffinity();
        return a.preferredScore(node.attributes());
    }

    @Override
    public Status normalizeScore(CycleState state, Task pod, NodeInfo[] nodes, long[] scores, int count) {
        Scores.defaultNormalize(MAX_NODE_SCORE, false, scores, count);
        return Status.SUCCESS;
    }

    /** Filter reads only the pod's spec and the node's attributes; the preferred terms' score is normalized over the feasible nodes, so not cacheable. */
    @Override
    public int plan(CycleState state, Task pod, TaintCounts taints) {
        if (!pod.spec().podConstraints().nodeAffinity().preferred().isEmpty()) return NOT_CACHEABLE;
        return NodeMatch.hasRequirements(pod) ? FILTERS : 0;
    }

    @Override
    public Set<ClusterEvent.Type> events() {
        return EnumSet.of(ClusterEvent.Type.NODE_ADDED);
    }

    @Override
    public boolean isSchedulableAfter(ClusterEvent e, Task pod) {
        return NodeMatch.matches(pod, e.node().attributes());
    }
}
