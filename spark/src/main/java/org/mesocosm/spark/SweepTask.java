package org.mesocosm.spark;

import java.io.Serializable;
import org.mesocosm.cli.experiments.Csv;
import org.mesocosm.cli.experiments.RunPoint;
import org.mesocosm.cli.experiments.SyntheticWorkload;
import org.mesocosm.workloads.ClusterShapes;

/**
 * One simulation of a sweep, as plain values Spark can ship to an executor: the resolved grid
 * point, the seed, and its row number in sweep.csv.
 *
 * @param load offered load the point asks for, or NaN for the workload's own
 * @param effectiveLoad the load the run offers (what sweep.csv shows)
 */
public record SweepTask(int index, String policy, String workload, int nodes, double load, double effectiveLoad,
                        long maxMicros, long seed) implements Serializable {

    /** The experiment engine's description of this run. */
    public RunPoint runPoint() {
        return new RunPoint(policy, SyntheticWorkload.scaled(workload, load), nodes, ClusterShapes.DEFAULT_NODE, maxMicros);
    }

    /** How the task is named in progress lines and errors. */
    public String describe() {
        return "#" + index + " (policy=" + policy + " workload=" + workload + " nodes=" + nodes
                + " load=" + Csv.number(effectiveLoad) + " seed=" + seed + ")";
    }
}
