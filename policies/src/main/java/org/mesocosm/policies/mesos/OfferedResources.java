package org.mesocosm.policies.mesos;

import java.util.Set;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.pods.ClusterEvent;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.EnqueueExtensions;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.Status;

/**
 * The k8s framework's first filter: a node is feasible only while the framework holds an offer of
 * it, for what is left of that offer. On a what-if copy of a node (preemption), what the copy's
 * removed pods hold counts as offered too; a node it was not offered but runs pods of its own on
 * has nothing offered, so only the eviction of its own pods can make room there: preemption evicts
 * only the framework's own pods (the pod scheduler knows no others).
 *
 * <p>Queueing hint: a pod it rejected may fit after a node came or resources were freed on a node
 * (by any framework's task, or its own pod's deletion), if that node now has room for it, free or
 * held in offers that may come back; a pod placed elsewhere never helps.
 */
final class OfferedResources implements FilterPlugin, EnqueueExtensions {
    static final String NAME = "OfferedResources";
    private static final Status NOT_OFFERED = Status.unresolvable(NAME, "node not offered to the k8s framework");
    private static final Status TOO_SMALL = Status.unschedulable(NAME, "offer too small");
    private final K8sFramework framework;
    private FrameworkHandle handle;

    OfferedResources(K8sFramework framework) {
        this.framework = framework;
    }

    @Override public String name() { return NAME; }

    @Override public void init(FrameworkHandle h) { this.handle = h; }

    @Override
    public Set<ClusterEvent.Type> events() {
        return Set.of(ClusterEvent.Type.NODE_ADDED, ClusterEvent.Type.POD_DELETED, ClusterEvent.Type.RESOURCES_FREED);
    }

    @Override
    public boolean isSchedulableAfter(ClusterEvent event, Task pod) {
        Agent a = event.node().agent();
        return a.isUp() && a.free().plus(a.offered()).fits(pod.request());
    }

    @Override
    public Status filter(CycleState state, Task pod, NodeInfo node) {
        Resources left = framework.offeredLeft(node.index());
        NodeInfo live = handle.node(node.index());
        if (left == null) {
            if (!framework.runsPodsOn(node.index())) return NOT_OFFERED;
            if (node == live) return TOO_SMALL; // nothing to launch from: only on a what-if copy, with its own pods evicted
            left = Resources.ZERO;
        }
        Resources r = pod.request();
        // on a what-if copy with victims removed, what they held comes back to the offer
        boolean fits = r.cpuMillis() <= left.cpuMillis() + live.requestedCpu() - node.requestedCpu()
                && r.memMiB() <= left.memMiB() + live.requestedMem() - node.requestedMem()
                && r.diskMiB() <= left.diskMiB() + live.requestedDisk() - node.requestedDisk()
                && r.gpus() <= left.gpus() + live.requestedGpus() - node.requestedGpus();
        return fits ? Status.SUCCESS : TOO_SMALL;
    }
}
