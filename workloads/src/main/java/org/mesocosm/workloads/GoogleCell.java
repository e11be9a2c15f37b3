package org.mesocosm.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;

/**
 * The machines of the Google 2011 cell: Reiss et al., "Heterogeneity and dynamicity of clouds at
 * scale: Google trace analysis", SoCC 2012, Table 1 (machine configurations, CPU and memory
 * normalized to the largest machine): 6,732 machines of 0.50 CPU / 0.50 memory, 3,863 of
 * 0.50/0.25, 1,001 of 0.50/0.75, 795 of 1.00/1.00, 126 of 0.25/0.25, 52 of 0.50/0.12, 5 of
 * 0.50/0.03, 5 of 0.50/0.97, 3 of 1.00/0.50 and 1 of 0.50/0.06: 12,583 in all, on platforms A
 * (0.25 CPU), B (0.50) and C (1.00). Normalized units become millicores and MiB through a declared
 * largest machine (32 cores, 128 GiB by default, as for trace replays).
 */
public final class GoogleCell {
    /** {count, cpu x 100, memory x 100, platform}: Table 1 of Reiss et al. 2012. */
    private static final int[][] TABLE = {
        {6732, 50, 50, 'B'}, {3863, 50, 25, 'B'}, {1001, 50, 75, 'B'}, {795, 100, 100, 'C'}, {126, 25, 25, 'A'},
        {52, 50, 12, 'B'}, {5, 50, 3, 'B'}, {5, 50, 97, 'B'}, {3, 100, 50, 'C'}, {1, 50, 6, 'B'}};
    public static final int TRACE_MACHINES = 12_583;

    private GoogleCell() {}

    /**
     * {@code machines} machines in the proportions of Table 1 (largest-remainder rounding, so the
     * counts add up exactly), scaled by {@code largest}: what 1.0 CPU and 1.0 memory mean.
     */
    public static List<NodeGroup> nodeGroups(int machines, Resources largest) {
        if (machines < 1) throw new IllegalArgumentException("machines must be >= 1: " + machines);
        long[] counts = new long[TABLE.length];
        double[] rest = new double[TABLE.length];
        long given = 0;
        for (int i = 0; i < TABLE.length; i++) {
            double exact = (double) TABLE[i][0] * machines / TRACE_MACHINES;
            counts[i] = (long) Math.floor(exact);
            rest[i] = exact - counts[i];
            given += counts[i];
        }
        while (given < machines) {
            int best = 0;
            for (int i = 1; i < TABLE.length; i++) if (rest[i] > rest[best]) best = i;
            counts[best]++;
            rest[best] = -1;
            given++;
        }
        List<NodeGroup> groups = new ArrayList<>();
        for (int i = 0; i < TABLE.length; i++) {
            if (counts[i] == 0) continue;
            Resources cap = new Resources(largest.cpuMillis() * TABLE[i][1] / 100, largest.memMiB() * TABLE[i][2] / 100, 0, 0);
            groups.add(new NodeGroup((int) counts[i], cap, Map.of("platform", String.valueOf((char) TABLE[i][3]))));
        }
        return List.copyOf(groups);
    }

    /** Total capacity of {@link #nodeGroups}. */
    public static Resources capacity(List<NodeGroup> groups) {
        Resources total = Resources.ZERO;
        for (NodeGroup g : groups) total = total.plus(g.capacity().times(g.count()));
        return total;
    }
}
