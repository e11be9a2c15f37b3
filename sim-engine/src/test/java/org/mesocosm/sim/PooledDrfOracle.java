package org.mesocosm.sim;

/**
 * DRF as the paper states it (Ghodsi et al., NSDI 2011, Algorithm 1, weighted as in §5.1): progressive
 * filling over the pooled cluster, one task at a time to the user with the smallest weighted dominant
 * share whose next task still fits in what the whole cluster has left. It cannot see that a task
 * must fit on one agent.
 */
final class PooledDrfOracle {
    private PooledDrfOracle() {}

    /** Tasks per role. */
    static int[] allocate(DrfInstance in) {
        int n = in.roleCount();
        long[] total = in.total();
        long[] used = new long[3];
        int[] count = new int[n];
        boolean[] done = new boolean[n];
        while (true) {
            int best = lowest(in, count, done);
            if (best < 0) return count;
            boolean fits = count[best] < in.tasks()[best];
            for (int d = 0; d < 3 && fits; d++) fits = used[d] + in.task()[best][d] <= total[d];
            if (!fits) { // this user is saturated; the others go on filling
                done[best] = true;
                continue;
            }
            for (int d = 0; d < 3; d++) used[d] += in.task()[best][d];
            count[best]++;
        }
    }

    /** The role not yet done with the smallest weighted dominant share; ties to the first by name, as the allocator's sorter breaks them. */
    static int lowest(DrfInstance in, int[] count, boolean[] done) {
        int best = -1;
        double bestKey = Double.MAX_VALUE;
        for (int i = 0; i < in.roleCount(); i++) {
            if (done[i]) continue;
            double key = in.weightedShare(i, count[i]);
            if (key < bestKey) {
                bestKey = key;
                best = i;
            }
        }
        return best;
    }
}
