package org.mesocosm.sim;

import java.util.List;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.model.NodeGroup;

/**
 * Everything about a simulated run except the workload and the policy.
 *
 * @param nodes the cluster at time zero (traces may add and remove machines later)
 * @param seed root of every random stream
 * @param failuresPerNodePerDay machine failure rate (exponential inter-failure times); 0 = none
 * @param meanRepairMicros mean time to repair a failed machine (exponential), after detection
 * @param detectionMicros how long the master takes to notice a failed agent (missed heartbeats)
 * @param networkDelayMicros one-way delay between master and agents
 * @param maxSimMicros hard stop in simulated time
 * @param minSimMicros keep running at least this long even when all work is done (0 = stop when done)
 * @param sampleMicros interval of timeline samples
 */
public record SimConfig(List<NodeGroup> nodes, long seed, double failuresPerNodePerDay, long meanRepairMicros,
                        long detectionMicros, long networkDelayMicros, long maxSimMicros, long minSimMicros,
                        long sampleMicros, MasterConfig master) {

    public SimConfig {
        nodes = List.copyOf(nodes);
        if (failuresPerNodePerDay < 0 || Double.isNaN(failuresPerNodePerDay)) throw new IllegalArgumentException("failure rate must be >= 0");
        if (meanRepairMicros < 0 || detectionMicros < 0 || networkDelayMicros < 0) throw new IllegalArgumentException("delays must be >= 0");
        if (maxSimMicros <= 0 || sampleMicros <= 0) throw new IllegalArgumentException("max time and sample interval must be > 0");
    }

    public static SimConfig defaults(List<NodeGroup> nodes, long seed) {
        return new SimConfig(nodes, seed, 0, 600_000_000L, 15_000_000L, 500L, 30L * 86_400_000_000L, 0,
                60_000_000L, MasterConfig.DEFAULT);
    }

    public SimConfig withFailures(double perNodePerDay) {
        return new SimConfig(nodes, seed, perNodePerDay, meanRepairMicros, detectionMicros, networkDelayMicros, maxSimMicros,
                minSimMicros, sampleMicros, master);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(nodes, s, failuresPerNodePerDay, meanRepairMicros, detectionMicros, networkDelayMicros, maxSimMicros,
                minSimMicros, sampleMicros, master);
    }

    public SimConfig withTimeLimits(long minMicros, long maxMicros) {
        return new SimConfig(nodes, seed, failuresPerNodePerDay, meanRepairMicros, detectionMicros, networkDelayMicros, maxMicros,
                minMicros, sampleMicros, master);
    }

    public int nodeCount() {
        int n = 0;
        for (NodeGroup g : nodes) n += g.count();
        return n;
    }
}
