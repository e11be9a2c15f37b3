package org.mesocosm.cli.experiments;

import org.mesocosm.runtime.model.WorkloadSource;

/**
 * Where an experiment's jobs come from. Each run gets a fresh source for its seed, so runs share
 * nothing. A factory decides whether the workload grows with the cluster (compare, sweep: the
 * load is relative to the cluster) or stays fixed while the cluster varies (plan: the demand is
 * given, the cluster is sized to it). A trace is one more implementation.
 */
public interface WorkloadFactory {
    /** What result files call this workload. */
    String name();

    /** A new source for a run on {@code clusterNodes} nodes with {@code seed}. */
    WorkloadSource create(int clusterNodes, long seed);

    /** Tasks a run is expected to create, for progress lines; 0 when unknown. */
    long expectedTasks(int clusterNodes);
}
