package org.mesocosm.cli.experiments;

import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.workloads.MixedWorkload;
import org.mesocosm.workloads.Workloads;

/**
 * A built-in workload from the {@link Workloads} registry, optionally at another offered load.
 *
 * @param name registry name
 * @param referenceNodes 0: the workload is built for each run's cluster size; N &gt; 0: always for
 *                       N default nodes, whatever cluster it runs on
 * @param load offered load (fraction of the reference capacity on the dominant resource), or NaN
 *             for the workload's own; changing it changes the arrival rate, not the task count
 */
public record SyntheticWorkload(String name, int referenceNodes, double load) implements WorkloadFactory {

    public SyntheticWorkload {
        if (!Workloads.names().contains(name)) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; valid names: " + String.join(", ", Workloads.names()));
        }
        if (referenceNodes < 0) throw new IllegalArgumentException("workload reference nodes must be >= 0: " + referenceNodes);
        if (!Double.isNaN(load) && !(load > 0 && load <= 10)) throw new IllegalArgumentException("load must be in (0, 10]: " + load);
    }

    /** Grows with the cluster: the registry's workload for each run's size. */
    public static SyntheticWorkload scaled(String name, double load) {
        return new SyntheticWorkload(name, 0, load);
    }

    /** Fixed demand: the workload built for {@code referenceNodes} nodes, on any cluster. */
    public static SyntheticWorkload fixed(String name, int referenceNodes) {
        return new SyntheticWorkload(name, referenceNodes, Double.NaN);
    }

    @Override
    public WorkloadSource create(int clusterNodes, long seed) {
        int nodes = referenceNodes > 0 ? referenceNodes : clusterNodes;
        WorkloadSource source = Workloads.create(name, nodes, seed);
        if (Double.isNaN(load)) return source;
        if (!(source instanceof MixedWorkload m)) {
            throw new IllegalArgumentException("workload '" + name + "' has no load setting to sweep");
        }
        return new MixedWorkload(m.name(), withLoad(m.settings(), load), seed);
    }

    /** Services keep their share of capacity unless it would exceed half the new load, as Settings.forCluster does. */
    static MixedWorkload.Settings withLoad(MixedWorkload.Settings s, double load) {
        return s.withServiceShare(Math.min(s.serviceShare(), load / 2)).withLoad(load);
    }

    @Override
    public long expectedTasks(int clusterNodes) {
        WorkloadSource s = Workloads.create(name, referenceNodes > 0 ? referenceNodes : clusterNodes, 0);
        return s instanceof MixedWorkload m ? m.settings().expectedTasks() : 0;
    }

    /** The load runs will offer, when known. */
    public double effectiveLoad(int clusterNodes) {
        if (!Double.isNaN(load)) return load;
        WorkloadSource s = Workloads.create(name, referenceNodes > 0 ? referenceNodes : clusterNodes, 0);
        return s instanceof MixedWorkload m ? m.settings().load() : Double.NaN;
    }
}
