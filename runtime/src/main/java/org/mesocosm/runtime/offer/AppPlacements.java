package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.model.PlacementConstraint;

/**
 * Where the active instances of one app (a task group of a job) run, by value of each
 * constrained field, and whether one more instance may go to a given agent. A framework updates
 * it when it decides a placement (so that decisions within one batch of offers see each other)
 * and when an instance releases its resources.
 */
final class AppPlacements {
    private final List<PlacementConstraint> constraints;
    /** Per constraint: instance count per field value (sorted maps: no hash order anywhere). */
    private final List<Map<String, Integer>> counts = new ArrayList<>();
    private final Cluster cluster;
    private final DistinctValues distinct;
    private int instances;

    AppPlacements(List<PlacementConstraint> constraints, Cluster cluster, DistinctValues distinct) {
        this.constraints = constraints;
        this.cluster = cluster;
        this.distinct = distinct;
        for (int i = 0; i < constraints.size(); i++) counts.add(new TreeMap<>());
    }

    int instances() { return instances; }

    static String value(Agent a, String field) {
        return field.equals("hostname") ? a.id() : a.attributes().get(field);
    }

    /** True if one more instance on {@code a} violates no constraint. */
    boolean allows(Agent a) {
        for (int i = 0; i < constraints.size(); i++) {
            PlacementConstraint c = constraints.get(i);
            String v = value(a, c.field());
            if (c.operator() == PlacementConstraint.Operator.UNLIKE || c.operator() == PlacementConstraint.Operator.LIKE) {
                if (!c.matchesPattern(v)) return false;
                continue;
            }
            if (v == null) return false;
            Map<String, Integer> byValue = counts.get(i);
            int here = byValue.getOrDefault(v, 0);
            boolean ok = switch (c.operator()) {
                case UNIQUE -> here == 0;
                case MAX_PER -> here < c.number();
                case CLUSTER -> c.value() != null ? c.value().equals(v) : byValue.isEmpty() || here > 0;
                case GROUP_BY -> groupByAllows(c, byValue, here);
                default -> throw new IllegalStateException("unexpected operator " + c.operator());
            };
            if (!ok) return false;
        }
        return true;
    }

    /** Marathon's rule: a new value is always fine; a used one only once enough values are used and it has the fewest. */
    private boolean groupByAllows(PlacementConstraint c, Map<String, Integer> byValue, int here) {
        if (here == 0) return true;
        int wanted = c.number() > 0 ? c.number() : distinct.count(cluster, c.field());
        int min = Integer.MAX_VALUE;
        for (int n : byValue.values()) min = Math.min(min, n);
        return byValue.size() >= wanted && here == min;
    }

    void placed(Agent a) {
        change(a, 1);
    }

    void released(Agent a) {
        change(a, -1);
    }

    private void change(Agent a, int d) {
        instances += d;
        for (int i = 0; i < constraints.size(); i++) {
            String v = value(a, constraints.get(i).field());
            if (v == null) continue;
            Map<String, Integer> byValue = counts.get(i);
            int n = byValue.getOrDefault(v, 0) + d;
            if (n <= 0) byValue.remove(v);
            else byValue.put(v, n);
        }
    }

    /** How many distinct values a field has among the agents that are up, recomputed when the cluster changes. */
    static final class DistinctValues {
        private final Map<String, Integer> cache = new TreeMap<>();
        private long version = -1;

        int count(Cluster cluster, String field) {
            if (version != cluster.version()) {
                cache.clear();
                version = cluster.version();
            }
            return cache.computeIfAbsent(field, f -> {
                Set<String> values = new TreeSet<>();
                for (Agent a : cluster.agents()) {
                    String v = a.isUp() ? value(a, f) : null;
                    if (v != null) values.add(v);
                }
                return values.size();
            });
        }
    }
}
