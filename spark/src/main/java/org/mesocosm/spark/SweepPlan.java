package org.mesocosm.spark;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.cli.experiments.Grid;
import org.mesocosm.cli.experiments.PolicyList;
import org.mesocosm.cli.experiments.SyntheticWorkload;

/**
 * Expands a grid into the tasks of a sweep, in the order and with the defaults of
 * {@code mesocosm sweep} (SweepCommand): grid points in grid order, then seeds. That order is the
 * row order of sweep.csv, which the tests hold equal to the local sweep's byte for byte.
 * (SweepCommand's resolver is private; this mirrors it until it is shared.)
 */
public final class SweepPlan {

    /** What a point takes for a key the grid does not sweep. */
    public record Defaults(String policy, String workload, int nodes) {}

    private SweepPlan() {}

    /** Every task, checked before any runs: a bad value is an {@link IllegalArgumentException} naming the key. */
    public static List<SweepTask> tasks(Grid grid, Defaults d, long[] seeds, long maxMicros) {
        List<String> policies = grid.values("policy").isEmpty() ? List.of(d.policy()) : grid.values("policy");
        PolicyList.parseAndCheck(String.join(",", policies));
        List<SweepTask> tasks = new ArrayList<>();
        for (Grid.Point gp : grid.points()) {
            String policy = gp.values().getOrDefault("policy", d.policy());
            String workload = gp.values().getOrDefault("workload", d.workload());
            int nodes = gp.get("nodes") == null ? d.nodes() : parseNodes(gp.get("nodes"));
            if (nodes < 1) throw new IllegalArgumentException("--nodes must be at least 1, got " + nodes);
            double load = gp.get("load") == null ? Double.NaN : parseLoad(gp.get("load"));
            SyntheticWorkload w = SyntheticWorkload.scaled(workload, load);
            w.create(nodes, 0); // a workload without a load knob fails here, before any run
            for (long seed : seeds) {
                tasks.add(new SweepTask(tasks.size(), policy, workload, nodes, load, w.effectiveLoad(nodes), maxMicros, seed));
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

    private static int parseNodes(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("grid key 'nodes': '" + v + "' is not a positive whole number");
        }
    }

    private static double parseLoad(String v) {
        try {
            double l = Double.parseDouble(v);
            if (!(l > 0 && l <= 10)) throw new NumberFormatException();
            return l;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("grid key 'load': '" + v + "' is not a number in (0, 10]");
        }
    }
}
