package org.mesocosm.reports.fgd;

import java.util.List;

/**
 * One policy's runs of the fragmentation experiment, one array per seed, all indexed by integer bin
 * of arrived GPU (% of capacity); NaN where a run had no event in a bin.
 */
public record PolicyRuns(String policy, List<Long> seeds, List<double[]> unallocatedPct, List<double[]> fragPct) {
    public PolicyRuns {
        seeds = List.copyOf(seeds);
        unallocatedPct = List.copyOf(unallocatedPct);
        fragPct = List.copyOf(fragPct);
        if (seeds.size() != unallocatedPct.size() || seeds.size() != fragPct.size()) {
            throw new IllegalArgumentException(policy + ": one array per seed wanted");
        }
    }

    /** The seeds' values in bin b, NaNs left out. */
    public double[] at(List<double[]> perSeed, int b) {
        return perSeed.stream().mapToDouble(a -> b < a.length ? a[b] : Double.NaN).filter(v -> !Double.isNaN(v)).toArray();
    }
}
