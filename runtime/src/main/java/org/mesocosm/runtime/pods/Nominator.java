package org.mesocosm.runtime.pods;

import java.util.ArrayList;
import java.util.List;

/**
 * Where preemption made room for which pods (kube-scheduler's nominatedNodeName): until the
 * victims are gone and the pod is placed, less important pods must not take that room. Kept
 * per node in nomination order.
 */
final class Nominator {
    private final List<List<QueuedPod>> byNode = new ArrayList<>();
    private int count;

    void nominate(QueuedPod p, NodeInfo node) {
        clear(p);
        while (byNode.size() <= node.index()) byNode.add(null);
        List<QueuedPod> l = byNode.get(node.index());
        if (l == null) byNode.set(node.index(), l = new ArrayList<>(2));
        l.add(p);
        p.nominated = node;
        count++;
    }

    /** Forgets the pod's nomination; returns the node it had, or null. */
    NodeInfo clear(QueuedPod p) {
        NodeInfo n = p.nominated;
        if (n == null) return null;
        byNode.get(n.index()).remove(p);
        p.nominated = null;
        count--;
        return n;
    }

    boolean isEmpty() { return count == 0; }

    /** Pods nominated to the node (live list: copy before changing nominations while iterating). */
    List<QueuedPod> on(NodeInfo node) {
        if (count == 0 || node.index() >= byNode.size()) return List.of();
        List<QueuedPod> l = byNode.get(node.index());
        return l == null ? List.of() : l;
    }

    /** True if some pod other than {@code pod}, at least as important, is nominated to the node. */
    boolean hasRivals(NodeInfo node, org.mesocosm.runtime.master.Task pod) {
        if (count == 0) return false;
        for (QueuedPod q : on(node)) if (q.task() != pod && q.priority() >= pod.priority()) return true;
        return false;
    }
}
