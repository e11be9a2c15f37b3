package org.mesocosm.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;

/**
 * Cluster layouts for the synthetic workloads.
 *
 * <p>Topology, illustrative: node i of a cluster sits in rack {@code "r" + i / 40} and zone
 * {@code "z" + i % 3}. Zones are striped across racks, so every rack spans all zones and a
 * spread over racks and a spread over zones are genuinely different constraints.
 *
 * <p>Design: {@link NodeGroup} holds identical nodes, so {@link #uniform} returns one group per
 * (rack, zone) pair, ordered by rack then zone: at most three groups per rack, about n/13 groups
 * in all, rather than one per node. {@link #expand} is the one canonical way to turn groups into
 * nodes: it walks the groups in list order and numbers nodes {@code n00000, n00001, ...}, so
 * every consumer sees the same ids, in the same order, with the same attributes. Grouping
 * reorders nodes, so the expanded node {@code n00001} is not the i = 1 of the formula above; what
 * a scheduler can observe (40 nodes per rack, zone sizes within one of each other) is the same.
 */
public final class ClusterShapes {

    /** A common large machine: 32 cores, 128 GiB. */
    public static final Resources DEFAULT_NODE = new Resources(32_000, 131_072, 0, 0);
    public static final int NODES_PER_RACK = 40;
    public static final int ZONES = 3;
    public static final String RACK = "rack";
    public static final String ZONE = "zone";

    private ClusterShapes() {}

    /** {@code nodes} nodes of {@code shape}, grouped by (rack, zone). */
    public static List<NodeGroup> uniform(int nodes, Resources shape) {
        if (nodes < 0) throw new IllegalArgumentException("nodes must be >= 0: " + nodes);
        if (shape == null) throw new IllegalArgumentException("node shape is required");
        List<NodeGroup> groups = new ArrayList<>();
        for (int rackStart = 0; rackStart < nodes; rackStart += NODES_PER_RACK) {
            int rackEnd = Math.min(nodes, rackStart + NODES_PER_RACK);
            int[] perZone = new int[ZONES];
            for (int i = rackStart; i < rackEnd; i++) perZone[i % ZONES]++;
            for (int z = 0; z < ZONES; z++) {
                if (perZone[z] == 0) continue;
                groups.add(new NodeGroup(perZone[z], shape,
                        Map.of(RACK, "r" + rackStart / NODES_PER_RACK, ZONE, "z" + z)));
            }
        }
        return List.copyOf(groups);
    }

    /** Expands groups into nodes, numbered in group order. */
    public static List<NodeSpec> expand(List<NodeGroup> groups) {
        List<NodeSpec> out = new ArrayList<>();
        for (NodeGroup g : groups) {
            for (int k = 0; k < g.count(); k++) out.add(new NodeSpec(nodeId(out.size()), g.capacity(), g.attributes()));
        }
        return out;
    }

    static String nodeId(int i) {
        String digits = Integer.toString(i);
        StringBuilder sb = new StringBuilder(6).append('n');
        for (int k = digits.length(); k < 5; k++) sb.append('0');
        return sb.append(digits).toString();
    }
}
