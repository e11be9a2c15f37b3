package org.mesocosm.runtime.pods;

import java.util.Arrays;

/**
 * A segment tree over the node slots that summarizes every range of nodes: per resource the
 * least and most any up node has free (capacity minus requests), the least and most requested
 * with kube's non-zero defaults, the least and most capacity, the range of
 * {@code requested cpu / capacity - requested memory / capacity}, and how many nodes are up and
 * carry taints. {@link IndexedSearch} uses it to skip ranges where no node fits a pod and ranges
 * whose best possible score cannot beat the best node found so far, so a cycle need not filter
 * and score the whole sample node by node.
 *
 * <p>Summaries cover up nodes only; a range with no up node has empty summaries (minimums
 * above maximums) and {@link #up} 0. Kept current by the scheduler on every change of a live
 * node's requests, state or registration ({@link #update}); one update is O(log nodes).
 */
public final class NodeIndex {
    // column offsets within one tree node's stride
    static final int MIN_FREE_CPU = 0, MIN_FREE_MEM = 1, MIN_FREE_DISK = 2, MIN_FREE_GPUS = 3;
    static final int MAX_FREE_CPU = 4, MAX_FREE_MEM = 5, MAX_FREE_DISK = 6, MAX_FREE_GPUS = 7;
    static final int MIN_NZ_CPU = 8, MAX_NZ_CPU = 9, MIN_NZ_MEM = 10, MAX_NZ_MEM = 11;
    static final int MIN_CAP_CPU = 12, MAX_CAP_CPU = 13, MIN_CAP_MEM = 14, MAX_CAP_MEM = 15;
    static final int MIN_SKEW = 16, MAX_SKEW = 17; // doubles, stored as raw bits
    static final int UP = 18, HARD_TAINTED = 19, SOFT_TAINTED = 20;
    private static final int STRIDE = 21;
    private static final int MINS_END = 4; // [0, 4): min columns; [4, 8): max columns of free
    private static final long NONE_MIN = Long.MAX_VALUE, NONE_MAX = Long.MIN_VALUE;

    private long[] data;
    /** Leaves: slot i is tree node {@code size + i}. A power of two. */
    private int size;

    NodeIndex() {
        size = 64;
        data = new long[2 * size * STRIDE];
        for (int t = 1; t < 2 * size; t++) clear(t);
    }

    /** Number of leaves (node slots the tree can hold). */
    public int leaves() { return size; }

    /** Tree node of a slot's leaf. */
    int leaf(int slot) { return size + slot; }

    /** Re-reads one live node into its leaf and every range above it. */
    void update(NodeInfo n, NodeInfo[] all, int slots) {
        int slot = n.index();
        if (slot >= size) grow(slot, all, slots);
        int t = size + slot;
        write(t, n);
        for (t >>= 1; t >= 1; t >>= 1) combine(t);
    }

    private void grow(int slot, NodeInfo[] all, int slots) {
        int s = size;
        while (s <= slot) s <<= 1;
        size = s;
        data = new long[2 * size * STRIDE];
        for (int t = size; t < 2 * size; t++) {
            int i = t - size;
            NodeInfo n = i < slots && i < all.length ? all[i] : null;
            if (n == null) clear(t);
            else write(t, n);
        }
        for (int t = size - 1; t >= 1; t--) combine(t);
    }

    private void clear(int t) {
        int o = t * STRIDE;
        for (int c = 0; c < STRIDE; c++) data[o + c] = 0;
        for (int c = MIN_FREE_CPU; c <= MIN_FREE_GPUS; c++) data[o + c] = NONE_MIN;
        for (int c = MAX_FREE_CPU; c <= MAX_FREE_GPUS; c++) data[o + c] = NONE_MAX;
        data[o + MIN_NZ_CPU] = NONE_MIN; data[o + MAX_NZ_CPU] = NONE_MAX;
        data[o + MIN_NZ_MEM] = NONE_MIN; data[o + MAX_NZ_MEM] = NONE_MAX;
        data[o + MIN_CAP_CPU] = NONE_MIN; data[o + MAX_CAP_CPU] = NONE_MAX;
        data[o + MIN_CAP_MEM] = NONE_MIN; data[o + MAX_CAP_MEM] = NONE_MAX;
        data[o + MIN_SKEW] = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        data[o + MAX_SKEW] = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
    }

    private void write(int t, NodeInfo n) {
        if (!n.isUp()) {
            clear(t);
            return;
        }
        int o = t * STRIDE;
        long[] d = data;
        d[o + MIN_FREE_CPU] = d[o + MAX_FREE_CPU] = n.capCpu - n.reqCpu;
        d[o + MIN_FREE_MEM] = d[o + MAX_FREE_MEM] = n.capMem - n.reqMem;
        d[o + MIN_FREE_DISK] = d[o + MAX_FREE_DISK] = n.capDisk - n.reqDisk;
        d[o + MIN_FREE_GPUS] = d[o + MAX_FREE_GPUS] = n.capGpus - n.reqGpus;
        d[o + MIN_NZ_CPU] = d[o + MAX_NZ_CPU] = n.nonZeroCpu;
        d[o + MIN_NZ_MEM] = d[o + MAX_NZ_MEM] = n.nonZeroMem;
        d[o + MIN_CAP_CPU] = d[o + MAX_CAP_CPU] = n.capCpu;
        d[o + MIN_CAP_MEM] = d[o + MAX_CAP_MEM] = n.capMem;
        double skew = n.capCpu > 0 && n.capMem > 0 ? (double) n.reqCpu / n.capCpu - (double) n.reqMem / n.capMem : 0;
        d[o + MIN_SKEW] = d[o + MAX_SKEW] = Double.doubleToRawLongBits(skew);
        d[o + UP] = 1;
        boolean hard = false, soft = false;
        for (var taint : n.taints()) {
            if (taint.isHard()) hard = true;
            else soft = true;
        }
        d[o + HARD_TAINTED] = hard ? 1 : 0;
        d[o + SOFT_TAINTED] = soft ? 1 : 0;
    }

    private void combine(int t) {
        long[] d = data;
        int o = t * STRIDE, l = 2 * t * STRIDE, r = l + STRIDE;
        for (int c = 0; c < MINS_END; c++) {
            d[o + c] = Math.min(d[l + c], d[r + c]);
            d[o + c + 4] = Math.max(d[l + c + 4], d[r + c + 4]);
        }
        for (int c = MIN_NZ_CPU; c < MIN_SKEW; c += 2) {
            d[o + c] = Math.min(d[l + c], d[r + c]);
            d[o + c + 1] = Math.max(d[l + c + 1], d[r + c + 1]);
        }
        d[o + MIN_SKEW] = Double.doubleToRawLongBits(Math.min(Double.longBitsToDouble(d[l + MIN_SKEW]), Double.longBitsToDouble(d[r + MIN_SKEW])));
        d[o + MAX_SKEW] = Double.doubleToRawLongBits(Math.max(Double.longBitsToDouble(d[l + MAX_SKEW]), Double.longBitsToDouble(d[r + MAX_SKEW])));
        d[o + UP] = d[l + UP] + d[r + UP];
        d[o + HARD_TAINTED] = d[l + HARD_TAINTED] + d[r + HARD_TAINTED];
        d[o + SOFT_TAINTED] = d[l + SOFT_TAINTED] + d[r + SOFT_TAINTED];
    }

    // ---- summaries of tree node t (1 = every node; children 2t, 2t+1) ----

    public long minFreeCpu(int t) { return data[t * STRIDE + MIN_FREE_CPU]; }
    public long minFreeMem(int t) { return data[t * STRIDE + MIN_FREE_MEM]; }
    public long minFreeDisk(int t) { return data[t * STRIDE + MIN_FREE_DISK]; }
    public long minFreeGpus(int t) { return data[t * STRIDE + MIN_FREE_GPUS]; }
    public long maxFreeCpu(int t) { return data[t * STRIDE + MAX_FREE_CPU]; }
    public long maxFreeMem(int t) { return data[t * STRIDE + MAX_FREE_MEM]; }
    public long maxFreeDisk(int t) { return data[t * STRIDE + MAX_FREE_DISK]; }
    public long maxFreeGpus(int t) { return data[t * STRIDE + MAX_FREE_GPUS]; }
    /** Least and most requested with kube-scheduler's non-zero defaults (what scoring uses). */
    public long minNonZeroCpu(int t) { return data[t * STRIDE + MIN_NZ_CPU]; }
    public long maxNonZeroCpu(int t) { return data[t * STRIDE + MAX_NZ_CPU]; }
    public long minNonZeroMem(int t) { return data[t * STRIDE + MIN_NZ_MEM]; }
    public long maxNonZeroMem(int t) { return data[t * STRIDE + MAX_NZ_MEM]; }
    public long minCapacityCpu(int t) { return data[t * STRIDE + MIN_CAP_CPU]; }
    public long maxCapacityCpu(int t) { return data[t * STRIDE + MAX_CAP_CPU]; }
    public long minCapacityMem(int t) { return data[t * STRIDE + MIN_CAP_MEM]; }
    public long maxCapacityMem(int t) { return data[t * STRIDE + MAX_CAP_MEM]; }
    /** Least {@code requestedCpu / capacityCpu - requestedMem / capacityMem} (0 for a node lacking either capacity). */
    public double minSkew(int t) { return Double.longBitsToDouble(data[t * STRIDE + MIN_SKEW]); }
    public double maxSkew(int t) { return Double.longBitsToDouble(data[t * STRIDE + MAX_SKEW]); }
    /** Up nodes in the range. */
    public long up(int t) { return data[t * STRIDE + UP]; }
    /** Up nodes with at least one NoSchedule/NoExecute taint. */
    public long hardTainted(int t) { return data[t * STRIDE + HARD_TAINTED]; }
    /** Up nodes with at least one PreferNoSchedule taint. */
    public long softTainted(int t) { return data[t * STRIDE + SOFT_TAINTED]; }

    @Override
    public String toString() {
        return "NodeIndex[leaves=" + size + ",up=" + up(1) + "]";
    }

    /** For tests: the raw summary of a tree node. */
    long[] summary(int t) { return Arrays.copyOfRange(data, t * STRIDE, t * STRIDE + STRIDE); }
}
