package org.mesocosm.cli.experiments;

import java.util.Locale;
import org.mesocosm.runtime.model.Resources;

/**
 * One point of an experiment: everything about a run except its seed.
 *
 * @param policy policy spec {@code NAME[:key=value,...]}, resolved through the PolicyRegistry
 * @param workload where the jobs come from
 * @param nodes cluster size
 * @param nodeShape capacity of every node
 * @param maxMicros simulated-time limit of each run
 */
public record RunPoint(String policy, WorkloadFactory workload, int nodes, Resources nodeShape, long maxMicros) {

    public RunPoint {
        if (nodes < 1) throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
        if (maxMicros <= 0) throw new IllegalArgumentException("the time limit must be positive");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%s, %s, %d nodes]", policy, workload.name(), nodes);
    }
}
