package org.mesocosm.cli.fgd;

/**
 * One run's measures by integer bin of arrived GPU (% of capacity): the mean over the events
 * (pods) whose arrived share falls in [b, b+1), NaN where no event fell. All in % of the
 * cluster's GPU capacity, except {@code fragRatioPct} (% of the idle GPU).
 */
public record BinnedCurve(String workload, String policy, long seed, double[] arrivedPct, double[] allocPct,
                          double[] fragPct, double[] fragRatioPct, int pods, int failed) {

    public int bins() { return arrivedPct.length; }

    /** Arrived minus allocated in bin b: the GPU the policy could not place. */
    public double unallocatedPct(int b) { return arrivedPct[b] - allocPct[b]; }
}
