package org.mesocosm.runtime.pods;

import java.util.Arrays;

/**
 * Per block of {@link #SIZE} consecutive node slots, a summary of the cached outcomes of one
 * epoch of {@link CachedScan}: how many of its nodes are feasible, the best score among them and
 * the first slot with that score. A summary holds while every node of the block is unchanged and
 * the epoch is the same, so a window crosses the block in one step; a change to any node of the
 * block drops it.
 */
final class ScanBlocks {
    static final int SHIFT = 6;
    static final int SIZE = 1 << SHIFT;
    static final int MASK = SIZE - 1;

    /** Per block: the epoch its summary belongs to (0: none), and the number of slots it covered. */
    private long[] epoch = new long[0];
    private int[] length = new int[0];
    private int[] feasible = new int[0];
    private long[] best = new long[0];
    private int[] bestSlot = new int[0];

    void ensure(int slots) {
        int blocks = (slots + MASK) >>> SHIFT;
        if (epoch.length >= blocks) return;
        int n = Math.max(blocks, epoch.length * 2);
        epoch = Arrays.copyOf(epoch, n);
        length = Arrays.copyOf(length, n);
        feasible = Arrays.copyOf(feasible, n);
        best = Arrays.copyOf(best, n);
        bestSlot = Arrays.copyOf(bestSlot, n);
    }

    void invalidate(int slot) {
        int b = slot >>> SHIFT;
        if (b < epoch.length) epoch[b] = 0;
    }

    /** Feasible nodes of block {@code b} if its summary is of this epoch and covers {@code len} slots, else -1. */
    int feasible(int b, long e, int len) {
        return epoch[b] == e && length[b] == len ? feasible[b] : -1;
    }

    long best(int b) { return best[b]; }

    int bestSlot(int b) { return bestSlot[b]; }

    void store(int b, long e, int len, int feasibleNodes, long bestScore, int bestAt) {
        epoch[b] = e;
        length[b] = len;
        feasible[b] = feasibleNodes;
        best[b] = bestScore;
        bestSlot[b] = bestAt;
    }
}
