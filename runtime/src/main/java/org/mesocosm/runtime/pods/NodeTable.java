package org.mesocosm.runtime.pods;

import java.util.Arrays;

/**
 * The numbers of every live node that resource Filter and Score plugins read, packed by slot into
 * one array, eight longs (one cache line) per node: capacity, requests and kube's non-zero
 * requests for cpu and memory, what is left of disk and gpus. A {@link CachedScan} miss evaluates
 * nodes in slot order, so reading them here is a sequential walk the CPU prefetches, where
 * reading each node's {@link NodeInfo} object is a cache miss per node (a 12,500-node cluster's
 * node objects do not fit in the caches next to everything else a cycle touches).
 *
 * <p>It is also the scheduler's register of its live nodes by slot. Kept equal to them by the
 * scheduler: a new node and every change of a live node is followed by {@link #sync}. What-if
 * copies of nodes are never in the table.
 */
public final class NodeTable {
    private static final int STRIDE = 8;
    private static final int CAP_CPU = 0, CAP_MEM = 1, REQ_CPU = 2, REQ_MEM = 3, NZ_CPU = 4, NZ_MEM = 5, FREE_DISK = 6, FREE_GPUS = 7;

    private long[] v = new long[0];
    private boolean[] up = new boolean[0];
    private boolean[] hardTainted = new boolean[0];
    private NodeInfo[] nodes = new NodeInfo[0];

    /** Puts a live node in its slot, or copies its numbers there again after a change. */
    void sync(NodeInfo n) {
        int s = n.index();
        if (s >= nodes.length) grow(s + 1);
        nodes[s] = n;
        up[s] = n.isUp();
        hardTainted[s] = n.hasHardTaints();
        int o = s * STRIDE;
        long[] a = v;
        a[o + CAP_CPU] = n.capCpu;
        a[o + CAP_MEM] = n.capMem;
        a[o + REQ_CPU] = n.reqCpu;
        a[o + REQ_MEM] = n.reqMem;
        a[o + NZ_CPU] = n.nonZeroCpu;
        a[o + NZ_MEM] = n.nonZeroMem;
        a[o + FREE_DISK] = n.capDisk - n.reqDisk;
        a[o + FREE_GPUS] = n.capGpus - n.reqGpus;
    }

    private void grow(int slots) {
        int n = Math.max(slots, nodes.length * 2);
        v = Arrays.copyOf(v, n * STRIDE);
        up = Arrays.copyOf(up, n);
        hardTainted = Arrays.copyOf(hardTainted, n);
        nodes = Arrays.copyOf(nodes, n);
    }

    /** The node at the slot, or null if none registered there. */
    public NodeInfo node(int slot) { return slot < nodes.length ? nodes[slot] : null; }

    public boolean isUp(int slot) { return slot < up.length && up[slot]; }

    /** The node has a NoSchedule or NoExecute taint. */
    public boolean hasHardTaints(int slot) { return hardTainted[slot]; }

    public long capacityCpu(int slot) { return v[slot * STRIDE + CAP_CPU]; }
    public long capacityMem(int slot) { return v[slot * STRIDE + CAP_MEM]; }
    public long requestedCpu(int slot) { return v[slot * STRIDE + REQ_CPU]; }
    public long requestedMem(int slot) { return v[slot * STRIDE + REQ_MEM]; }
    /** Sum of requests with kube-scheduler's non-zero defaults, for scoring. */
    public long nonZeroRequestedCpu(int slot) { return v[slot * STRIDE + NZ_CPU]; }
    public long nonZeroRequestedMem(int slot) { return v[slot * STRIDE + NZ_MEM]; }
    /** Capacity minus requests. */
    public long freeDisk(int slot) { return v[slot * STRIDE + FREE_DISK]; }
    public long freeGpus(int slot) { return v[slot * STRIDE + FREE_GPUS]; }
}
