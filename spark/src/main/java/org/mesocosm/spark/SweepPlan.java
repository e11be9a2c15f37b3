package org.mesocosm.spark;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.cli.experiments.Grid;
import org.mesocosm.cli.experiments.SweepGrid;

/**
 * Expands a grid into the tasks of a sweep with {@link SweepGrid}, as {@code mesocosm sweep} does:
 * grid points in grid order, then seeds. That order is the row order of sweep.csv, which the tests
 * hold equal to the local sweep's byte for byte.
 */
public final class SweepPlan {

    /** What a point takes for a key the grid does not sweep. */
    public record Defaults(String policy, String workload, int nodes) {}

    private SweepPlan() {}

    /** Every task, checked before any runs: a bad value is an {@link IllegalArgumentException} naming the key. */
    public static List<SweepTask> tasks(Grid grid, Defaults d, long[] seeds, long maxMicros) {
        List<SweepTask> tasks = new ArrayList<>();
        for (SweepGrid.Point p : SweepGrid.resolve(grid, new SweepGrid.Defaults(d.policy(), d.workload(), d.nodes()))) {
            for (long seed : seeds) {
                tasks.add(new SweepTask(tasks.size(), p.policy(), p.workload(), p.nodes(), p.requestedLoad(), p.effectiveLoad(),
                        maxMicros, seed));
            }
        }
        return tasks;
    }

    /** Seeds first..first+n-1, as the local sweep numbers them. */
    public static long[] seeds(int n, long first) {
        if (n < 1) throw new IllegalArgumentException("--seeds must be at least 1, got " + n);
        long[] s = new long[n];
        for (int i = 0; i < n; i++) s[i] = first + i;
        return s;
    }
}
