package org.mesocosm.workloads;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.model.WorkloadSource;

/** The built-in synthetic workloads by name; {@code mixed} is the default. */
public final class Workloads {

    /** Builds a workload for a cluster of {@code nodes} default nodes. */
    @FunctionalInterface
    private interface Factory {
        WorkloadSource create(int nodes, long seed);
    }

    private record Entry(String name, Factory factory) {}

    private static final List<Entry> ENTRIES = register(
            new Entry("mixed", MixedWorkload::defaultFor),
            // Only BATCH jobs: no services holding capacity, no pipelines.
            new Entry("batch", (nodes, seed) -> new MixedWorkload("batch",
                    defaultSettings(nodes).withServiceShare(0).withPipelineFraction(0), seed)),
            // Services hold most of the load and are most of the tasks: a small batch stream (0.1 of
            // capacity) fills in, and the task target is cut so services are not swamped by it.
            new Entry("services", (nodes, seed) -> new MixedWorkload("services",
                    defaultSettings(nodes).withServiceShare(0.6).withPipelineFraction(0)
                            .withTotalTasks(Math.max(1000, 10L * nodes)), seed)),
            // Calibrated to the Google 2011 trace (GoogleLikeSettings): 29 days of arrivals scaled to the cluster size.
            new Entry("google-like", (nodes, seed) -> new GoogleLikeWorkload(
                    GoogleLikeSettings.forCluster(nodes, ClusterShapes.DEFAULT_NODE), seed)),
            // The mixed workload offering 1.3 of the cluster for 3 h: queues build, so priority-aware
            // policies preempt best-effort work and reclaim what tasks leave unused (MixedWorkload.OVERLOAD_LOAD).
            new Entry("overload", (nodes, seed) -> new MixedWorkload("overload", MixedWorkload.overloadSettings(nodes), seed)));

    private Workloads() {}

    private static MixedWorkload.Settings defaultSettings(int nodes) {
        return MixedWorkload.steadySettings(nodes, MixedWorkload.DEFAULT_LOAD);
    }

    private static List<Entry> register(Entry... entries) {
        List<Entry> list = new ArrayList<>();
        for (Entry e : entries) {
            for (Entry seen : list) {
                if (seen.name().equals(e.name())) throw new IllegalStateException("workload '" + e.name() + "' registered twice");
            }
            list.add(e);
        }
        return List.copyOf(list);
    }

    /** Registered names, the default first. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(ENTRIES.size());
        for (Entry e : ENTRIES) names.add(e.name());
        return List.copyOf(names);
    }

    /** The workload {@code name} for {@code nodes} nodes of {@link ClusterShapes#DEFAULT_NODE}. */
    public static WorkloadSource create(String name, int nodes, long seed) {
        for (Entry e : ENTRIES) {
            if (e.name().equals(name)) return e.factory().create(nodes, seed);
        }
        throw new IllegalArgumentException("unknown workload '" + name + "'; valid names: " + String.join(", ", names()));
    }
}
