package org.mesocosm.reports;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures drawn from {@link TaskActivity}: bad endings over time and the per-node heat map. */
final class ActivityFigures {
    static final int BUCKETS = 60;

    private ActivityFigures() {
    }

    static Figure ends(TaskActivity a, double endS) {
        String heading = "Failures, losses and kills over time";
        int total = a.failedEndS().length + a.lostEndS().length + a.killedEndS().length;
        String definition = "Task attempts in tasks.csv that ended FAILED (the task exited with an error), LOST "
                + "(its agent was lost) or KILLED (preempted for higher-priority work, or killed on request), "
                + "counted by their end_s";
        if (total == 0) {
            return new Figure.Skipped(Figures.ENDS, heading, "No attempt ended FAILED, LOST or KILLED. " + definition + ".");
        }
        if (!(endS > 0)) {
            return new Figure.Skipped(Figures.ENDS, heading, "The run has no simulated time to spread "
                    + Fmt.count(total) + " endings over.");
        }
        double width = endS / BUCKETS;
        double[] hours = new double[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            hours[b] = b * width / 3600.0;
        }
        Map<String, double[]> counts = new LinkedHashMap<>();
        counts.put("Failed (n = " + Fmt.count(a.failedEndS().length) + ")", histogram(a.failedEndS(), width));
        counts.put("Lost (n = " + Fmt.count(a.lostEndS().length) + ")", histogram(a.lostEndS(), width));
        counts.put("Killed (n = " + Fmt.count(a.killedEndS().length) + ")", histogram(a.killedEndS(), width));
        String caption = definition + ", in " + BUCKETS + " equal buckets of " + Fmt.number(width / 60.0)
                + " min of simulated time. A machine failure shows as a spike of LOST attempts; preemptions "
                + "as KILLED ones (the headline table has the run's preemption count).";
        return new Figure.Drawn(Figures.ENDS, heading, caption,
                "Step chart of failed, lost and killed task attempts per time bucket against simulated hours",
                Charts.endsOverTime(hours, width, counts));
    }

    static Figure nodeHeat(TaskActivity a, double endS, double nodes) {
        String heading = "Allocated CPU per node over time";
        if (a.agents().isEmpty()) {
            return new Figure.Skipped(Figures.NODE_HEAT, heading, "No placed task attempt in tasks.csv names its agent.");
        }
        if (!(endS > 0)) {
            return new Figure.Skipped(Figures.NODE_HEAT, heading, "The run has no simulated time.");
        }
        NodeHeat h = NodeHeat.of(a, endS);
        int rows = h.rowLabels().length;
        int agents = a.agents().size();
        String grouping = rows == agents ? "one row per agent" : "agents sorted by id in " + rows + " groups of "
                + (agents / rows == (agents + rows - 1) / rows ? Fmt.count(agents / rows) : Fmt.count(agents / rows) + " or "
                + Fmt.count((agents + rows - 1) / rows)) + " consecutive ids (about a rack each at 40 nodes a rack)";
        String coverage = Double.isFinite(nodes) && nodes > agents
                ? " " + Fmt.count(agents) + " of the " + Fmt.count(nodes) + " nodes ran a task; the others are not drawn."
                : "";
        String caption = "Mean CPU cores allocated per agent, from the requests (cpu_m) of the placed attempts in "
                + "tasks.csv held from placed_s to end_s (to the end of the run if still running), with "
                + grouping + " down and " + NodeHeat.MAX_COLUMNS + " buckets of " + Fmt.number(h.bucketS() / 60.0)
                + " min of simulated time across. Darker is more allocated; the scale on the right is in cores, "
                + "and the busiest cell holds " + Fmt.number(h.max()) + " cores per agent." + coverage
                + " Hot rows next to cold ones show placement packing some nodes and leaving others idle.";
        return new Figure.Drawn(Figures.NODE_HEAT, heading, caption,
                "Heat map of allocated CPU cores per agent group against simulated time", NodeHeatChart.of(h));
    }

    private static double[] histogram(double[] times, double width) {
        double[] counts = new double[BUCKETS];
        for (double t : times) {
            counts[Math.max(0, Math.min(BUCKETS - 1, (int) (t / width)))]++;
        }
        return counts;
    }
}
