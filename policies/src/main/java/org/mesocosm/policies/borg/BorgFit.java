package org.mesocosm.policies.borg;

import java.util.EnumSet;
import java.util.Set;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.pods.ClusterEvent;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.EnqueueExtensions;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.Status;

/**
 * Borg's feasibility check, with reclamation. A task may go on a node in one of two ways:
 * <ul>
 *   <li><b>guaranteed</b>: its request fits beside the requests of the node's other guaranteed
 *       tasks (capacity minus guaranteed), beside what every task is estimated to use (capacity
 *       minus reserved), and within the declared overcommit ceiling with every request counted;</li>
 *   <li><b>reclaimed</b> (best-effort tasks only, when reclamation is on): its request fits beside
 *       what the tasks already there are estimated to use (their reservations, lowered towards
 *       their usage by {@link UsageReclaimer}), within the same ceiling. This is Borg's "scheduling
 *       non-prod work against reservations instead of limits".</li>
 * </ul>
 * {@link BorgBinder} launches on the guaranteed path when it is open, else on the reclaimed one.
 */
public final class BorgFit implements FilterPlugin, EnqueueExtensions {
    public static final String NAME = "BorgFit";
    static final Status NO_ROOM = Status.unschedulable(NAME, "Insufficient resources");

    private final Bands bands;
    private final boolean reclaim;

    public BorgFit(Bands bands, boolean reclaim) {
        this.bands = bands;
        this.reclaim = reclaim;
    }

    @Override
    public String name() { return NAME; }

    @Override
    public Status filter(CycleState state, Task pod, NodeInfo node) {
        Resources r = pod.request();
        if (!gpuDevicesFit(pod, node)) return NO_ROOM;
        if (fitsGuaranteed(r, node)) return Status.SUCCESS;
        if (mayReclaim(pod) && fitsReclaimed(r, node)) return Status.SUCCESS;
        return NO_ROOM;
    }

    /** A GPU task needs its devices free on the node's agent (the master's per-device ledger), guaranteed or reclaimed alike. */
    private static boolean gpuDevicesFit(Task pod, NodeInfo n) {
        return pod.gpu().none() || n.agent().gpuFits(pod.gpu());
    }

    /** May this task be placed on reclaimed resources at all? */
    boolean mayReclaim(Task pod) {
        return reclaim && bands.of(pod.priority()) == Band.BEST_EFFORT;
    }

    static boolean fitsGuaranteed(Resources r, NodeInfo n) {
        return r.cpuMillis() <= n.capacityCpu() - n.guaranteedCpu() && r.memMiB() <= n.capacityMem() - n.guaranteedMem()
                && r.diskMiB() <= n.capacityDisk() - n.guaranteedDisk() && r.gpus() <= n.capacityGpus() - n.guaranteedGpus()
                && fitsReserved(r, n) && fitsCeiling(r, n);
    }

    static boolean fitsReclaimed(Resources r, NodeInfo n) {
        return fitsReserved(r, n) && fitsCeiling(r, n);
    }

    private static boolean fitsReserved(Resources r, NodeInfo n) {
        return r.cpuMillis() <= n.capacityCpu() - n.reservedCpu() && r.memMiB() <= n.capacityMem() - n.reservedMem()
                && r.diskMiB() <= n.capacityDisk() - n.reservedDisk() && r.gpus() <= n.capacityGpus() - n.reservedGpus();
    }

    private static boolean fitsCeiling(Resources r, NodeInfo n) {
        return r.cpuMillis() <= n.ceilingCpu() - n.requestedCpu() && r.memMiB() <= n.ceilingMem() - n.requestedMem()
                && r.diskMiB() <= n.ceilingDisk() - n.requestedDisk() && r.gpus() <= n.ceilingGpus() - n.requestedGpus();
    }

    @Override
    public Set<ClusterEvent.Type> events() {
        return EnumSet.of(ClusterEvent.Type.POD_DELETED, ClusterEvent.Type.NODE_ADDED, ClusterEvent.Type.RESOURCES_FREED);
    }

    @Override
    public boolean isSchedulableAfter(ClusterEvent e, Task pod) {
        NodeInfo n = e.node();
        if (!gpuDevicesFit(pod, n)) return false;
        return fitsGuaranteed(pod.request(), n) || mayReclaim(pod) && fitsReclaimed(pod.request(), n);
    }
}
