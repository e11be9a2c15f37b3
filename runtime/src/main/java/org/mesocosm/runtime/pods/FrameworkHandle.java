package org.mesocosm.runtime.pods;

import java.util.List;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/** What plugins may see and do beyond their own phase (kube-scheduler's framework.Handle). */
public interface FrameworkHandle {

    long now();

    /** The master: launch, preempt, timers. */
    PlacementContext context();

    Profile profile();

    /** One past the highest node index; nodes are {@code node(0) .. node(nodeSlots() - 1)}, in registration order. */
    int nodeSlots();

    /** The node with this index (up or down), or null if no agent has it yet. */
    NodeInfo node(int index);

    NodeInfo nodeInfo(Agent agent);

    int nodesUp();

    /** Every placed pod, indexed by label. */
    PodIndex pods();

    /** Pods nominated to this node by earlier preemptions, waiting for their victims to go. */
    List<QueuedPod> nominatedPods(NodeInfo node);

    /** The node a pending pod is nominated to, or null. */
    NodeInfo nominatedNodeOf(Task pod);

    /** Drops a pending pod's nomination (a more important pod took the room) and lets it be retried. */
    void clearNomination(Task pod);

    /** Runs every PreFilter plugin as a cycle would, marking in {@code state} the filters they skip. */
    Status runPreFilterPlugins(CycleState state, Task pod);

    /**
     * Runs every filter plugin on a node, as a cycle would: first with the pods nominated to the
     * node that are at least as important as {@code pod} (on copies), then without them.
     */
    Status runFilterPluginsWithNominatedPods(CycleState state, Task pod, NodeInfo node);

    /** Tells every PreFilter that a what-if copy of {@code node} gained a pod. */
    void runPreFilterExtensionAddPod(CycleState state, Task pod, PlacedPod added, NodeInfo node);

    /** Tells every PreFilter that a what-if copy of {@code node} lost a pod. */
    void runPreFilterExtensionRemovePod(CycleState state, Task pod, PlacedPod removed, NodeInfo node);

    /**
     * Changes what a placed pod is counted as using (reclamation). Lowering it raises a
     * {@link ClusterEvent.Type#RESOURCES_FREED} event, which may requeue pods.
     */
    void setReservation(PlacedPod pod, Resources reservation);
}
