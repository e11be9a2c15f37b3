package org.mesocosm.runtime.pods;

/**
 * How many feasible nodes to find before scoring (kube-scheduler's percentageOfNodesToScore and
 * numFeasibleNodesToFind). Filtering stops once that many nodes passed, and the next cycle starts
 * where this one stopped, so over many pods every node gets its turn.
 */
public final class Sampling {
    /** Below this many nodes every node is considered; never fewer feasible nodes than this are sought. */
    public static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    /** The adaptive percentage never goes below this. */
    public static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    private Sampling() {}

    /**
     * @param percentage 1..100, or 0 for kube-scheduler's adaptive default: 50% at 100 nodes,
     *                   falling by 1 point per 125 nodes, to 5% from 5,625 nodes on
     * @param nodes nodes that are up
     */
    public static int numFeasibleNodesToFind(int percentage, int nodes) {
        if (nodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) return nodes;
        int pct = percentage;
        if (pct == 0) {
            pct = 50 - nodes / 125;
            if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
        }
        int n = (int) ((long) nodes * pct / 100);
        return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
    }
}
