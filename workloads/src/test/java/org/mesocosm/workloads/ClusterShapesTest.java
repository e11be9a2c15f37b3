package org.mesocosm.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.NodeGroup;

class ClusterShapesTest {

    @Test
    void groupsFollowTheRackAndZoneFormula() {
        for (int nodes : new int[] {0, 1, 2, 39, 40, 41, 100, 1000, 12_500}) {
            Map<String, Integer> want = new TreeMap<>();
            for (int i = 0; i < nodes; i++) want.merge("r" + i / 40 + "/z" + i % 3, 1, Integer::sum);
            Map<String, Integer> got = new TreeMap<>();
            int total = 0;
            for (NodeGroup g : ClusterShapes.uniform(nodes, ClusterShapes.DEFAULT_NODE)) {
                assertEquals(ClusterShapes.DEFAULT_NODE, g.capacity());
                assertTrue(got.put(g.attributes().get("rack") + "/" + g.attributes().get("zone"), g.count()) == null);
                total += g.count();
            }
            assertEquals(want, got, "nodes=" + nodes);
            assertEquals(nodes, total);
        }
    }

    @Test
    void expandNumbersNodesInGroupOrder() {
        List<NodeGroup> groups = ClusterShapes.uniform(1000, ClusterShapes.DEFAULT_NODE);
        assertEquals(25 * 3, groups.size());
        List<NodeSpec> nodes = ClusterShapes.expand(groups);
        assertEquals(1000, nodes.size());
        assertEquals("n00000", nodes.get(0).id());
        assertEquals("n00999", nodes.get(999).id());
        Set<String> ids = new HashSet<>();
        for (NodeSpec n : nodes) assertTrue(ids.add(n.id()));
        assertEquals(Map.of("rack", "r0", "zone", "z0"), nodes.get(0).attributes());
        assertEquals(Map.of("rack", "r24", "zone", "z2"), nodes.get(999).attributes());
        assertEquals(nodes, ClusterShapes.expand(ClusterShapes.uniform(1000, ClusterShapes.DEFAULT_NODE)));
    }

    @Test
    void rejectsNegativeNodeCount() {
        assertThrows(IllegalArgumentException.class, () -> ClusterShapes.uniform(-1, ClusterShapes.DEFAULT_NODE));
    }
}
