package org.mesocosm.spark;

import java.io.Serializable;
import java.util.List;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.workloads.Workloads;

/**
 * The concrete settings of one simulation: the grid point's values over the sweep's defaults.
 *
 * @param load offered load, or {@code NaN} for the workload's own
 */
public record SweepParameters(String policy, String workload, int nodes, double load, double failures, long maxMicros, long seed) {

    /** Parameters a grid may sweep. */
    public static final List<String> NAMES = List.of("policy", "workload", "nodes", "load", "failures");

    /** What a point takes for a parameter it does not sweep. */
    public record Defaults(String policy, String workload, int nodes, String load, double failures, String maxTime) implements Serializable {
        public static Defaults standard() {
            return new Defaults("drf", "mixed", 1000, "", 0, "30d");
        }
    }

    /** Resolves a task; bad values are {@link IllegalArgumentException}s naming the task and the parameter. */
    public static SweepParameters of(SweepTask task, Defaults d) {
        SweepPoint p = task.point();
        String where = "point " + task.describe() + ": ";
        String policy = p.get("policy", d.policy());
        String workload = p.get("workload", d.workload());
        int nodes;
        double load;
        double failures;
        long maxMicros;
        try {
            nodes = Integer.parseInt(p.get("nodes", String.valueOf(d.nodes())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "nodes: not a whole number: '" + p.get("nodes", "") + "'");
        }
        if (nodes < 1) throw new IllegalArgumentException(where + "nodes must be at least 1, got " + nodes);
        String loadText = p.get("load", d.load());
        try {
            load = loadText.isEmpty() ? Double.NaN : Double.parseDouble(loadText);
            failures = Double.parseDouble(p.get("failures", String.valueOf(d.failures())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "load and failures must be numbers: " + e.getMessage());
        }
        if (!Double.isNaN(load) && !(load > 0 && load <= 10)) throw new IllegalArgumentException(where + "load must be in (0, 10], got " + loadText);
        if (!(failures >= 0)) throw new IllegalArgumentException(where + "failures must be >= 0, got " + failures);
        maxMicros = Durations.parseMicros(d.maxTime());
        if (maxMicros <= 0) throw new IllegalArgumentException("--max-time must be positive");
        if (!Workloads.names().contains(workload)) {
            throw new IllegalArgumentException(where + "unknown workload '" + workload + "'; valid: " + String.join(", ", Workloads.names()));
        }
        PolicyRegistry.load().create(policy); // throws with the policy's own message when the name or a parameter is wrong
        return new SweepParameters(policy, workload, nodes, load, failures, maxMicros, task.seed());
    }
}
