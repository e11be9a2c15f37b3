package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.workloads.ClusterShapes;

/**
 * A sweep grid resolved into its points, grid value or default for every key, in grid order, and
 * checked before any run starts. {@code mesocosm sweep} and the Spark job both expand grids here,
 * so they run the same points and write the same sweep.csv; {@code mesocosm compare} makes its
 * points (one per policy) here too.
 */
public final class SweepGrid {

    /** What a point takes for a key the grid does not sweep. */
    public record Defaults(String policy, String workload, int nodes) {}

    /**
     * @param requestedLoad the grid's {@code load} value, NaN when load is not swept
     * @param effectiveLoad the offered load the workload runs at (its own when not swept)
     */
    public record Point(String policy, String workload, int nodes, double requestedLoad, double effectiveLoad,
                        SyntheticWorkload source) {
        /** The simulation this point asks for, on default-shaped nodes. */
        public RunPoint run(long maxMicros) {
            return new RunPoint(policy, source, nodes, ClusterShapes.DEFAULT_NODE, maxMicros);
        }
    }

    /** sweep.csv's columns: the point's keys, seed, status, every metric, the digest. */
    public static final List<String> CSV_KEYS = List.of("policy", "workload", "nodes", "load");

    private SweepGrid() {}

    /** @throws IllegalArgumentException naming the grid key and value at fault */
    public static List<Point> resolve(Grid g, Defaults d) {
        List<String> policies = g.values("policy").isEmpty() ? List.of(d.policy()) : g.values("policy");
        PolicyList.parseAndCheck(String.join(",", policies));
        List<Point> out = new ArrayList<>();
        for (Grid.Point gp : g.points()) {
            String policy = gp.values().getOrDefault("policy", d.policy());
            String workload = gp.values().getOrDefault("workload", d.workload());
            int nodes = gp.get("nodes") == null ? checkNodes(d.nodes()) : parseNodes(gp.get("nodes"));
            double load = gp.get("load") == null ? Double.NaN : parseLoad(gp.get("load"));
            out.add(point(policy, workload, nodes, load));
        }
        return out;
    }

    /**
     * One point per policy, all on one workload (at its own load) and cluster size: the points of
     * {@code mesocosm compare}. The policies are taken as given (checked by the caller).
     *
     * @throws IllegalArgumentException naming the option at fault
     */
    public static List<Point> perPolicy(List<String> policies, String workload, int nodes) {
        List<Point> out = new ArrayList<>();
        checkNodes(nodes);
        for (String policy : policies) out.add(point(policy, workload, nodes, Double.NaN));
        return out;
    }

    private static int checkNodes(int nodes) {
        if (nodes < 1) throw new IllegalArgumentException("--nodes must be at least 1, got " + nodes);
        return nodes;
    }

    private static Point point(String policy, String workload, int nodes, double load) {
        SyntheticWorkload w = SyntheticWorkload.scaled(workload, load);
        w.create(nodes, 0); // a workload without a load knob fails here, before any run
        return new Point(policy, workload, nodes, load, w.effectiveLoad(nodes), w);
    }

    /** The header of sweep.csv. */
    public static String[] csvHeader() {
        List<String> header = new ArrayList<>(CSV_KEYS);
        header.addAll(List.of("seed", "status"));
        for (Metric m : Metric.values()) header.add(m.key());
        header.add("event_log_sha256");
        return header.toArray(String[]::new);
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
