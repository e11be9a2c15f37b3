package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/**
 * A pod as its node sees it: the task, and what it holds there. Its reservation is what the
 * scheduler counts it as using: its whole request, unless a reclamation policy has lowered it
 * towards its measured usage (Borg).
 */
public final class PlacedPod {
    /** kube-scheduler's defaults for a container with no request, used only for scoring (non-zero requests). */
    public static final long DEFAULT_MILLI_CPU = 100;
    public static final long DEFAULT_MEM_MIB = 200;

    private final Task task;
    private final NodeInfo node;
    final long cpu, mem, disk, gpus;
    final long nonZeroCpu, nonZeroMem;
    long resCpu, resMem, resDisk, resGpus;
    final boolean reclaimed;
    /** True while it only stands for a nominated pod in a what-if copy of a node. */
    final boolean nominatedOnly;
    /** Its index in the live node's pod list (-1 when not on it): lets the node remove it without a search. */
    int liveSlot = -1;
    /** Its index in the scheduler's list of every placed pod ({@link PodIndex}). */
    int indexSlot = -1;

    PlacedPod(Task task, NodeInfo node, boolean nominatedOnly) {
        this.task = task;
        this.node = node;
        Resources r = task.request();
        cpu = r.cpuMillis();
        mem = r.memMiB();
        disk = r.diskMiB();
        gpus = r.gpus();
        nonZeroCpu = cpu == 0 ? DEFAULT_MILLI_CPU : cpu;
        nonZeroMem = mem == 0 ? DEFAULT_MEM_MIB : mem;
        resCpu = cpu;
        resMem = mem;
        resDisk = disk;
        resGpus = gpus;
        reclaimed = task.isReclaimed();
        this.nominatedOnly = nominatedOnly;
    }

    /** A pod nominated to {@code node}, added to a what-if copy of it. */
    public static PlacedPod nominated(Task task, NodeInfo node) {
        return new PlacedPod(task, node, true);
    }

    public Task task() { return task; }

    /** The node it runs on (the live node, also for pods in what-if copies). */
    public NodeInfo node() { return node; }

    public int priority() { return task.priority(); }

    /** What the scheduler counts it as holding: its request, or less once part of it is reclaimed. */
    public Resources reservation() { return new Resources(resCpu, resMem, resDisk, resGpus); }

    public boolean isReclaimed() { return reclaimed; }

    /** True if it only stands for a pod nominated to the node, in a what-if copy. */
    public boolean isNominatedOnly() { return nominatedOnly; }

    /** True if a kill was requested (preempted, job killed): it holds resources but is on its way out. */
    public boolean isTerminating() { return !nominatedOnly && task.isKillRequested(); }

    @Override
    public String toString() {
        return task.id() + "@" + node.id();
    }
}
