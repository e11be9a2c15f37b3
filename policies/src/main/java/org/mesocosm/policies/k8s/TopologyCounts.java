package org.mesocosm.policies.k8s;

import java.util.HashMap;
import java.util.Map;
import org.mesocosm.runtime.model.constraints.PodAffinityTerm;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.PodIndex;

/**
 * Counts by topology pair (key, value), e.g. ("zone", "z1") -> 3 (kube-scheduler's
 * topologyToMatchedTermCount). Lookups with the node's own strings allocate nothing. Entries
 * that drop to zero are removed, so {@link #isEmpty()} means "no pair has a count". Only looked
 * up and summed, never iterated in an order that could matter.
 */
final class TopologyCounts {
    private final Map<String, Map<String, long[]>> byKey;

    TopologyCounts() {
        byKey = new HashMap<>();
    }

    private TopologyCounts(TopologyCounts o) {
        byKey = new HashMap<>();
        for (Map.Entry<String, Map<String, long[]>> e : o.byKey.entrySet()) {
            Map<String, long[]> m = new HashMap<>();
            for (Map.Entry<String, long[]> v : e.getValue().entrySet()) m.put(v.getKey(), v.getValue().clone());
            byKey.put(e.getKey(), m);
        }
    }

    TopologyCounts copy() { return new TopologyCounts(this); }

    boolean isEmpty() { return byKey.isEmpty(); }

    long get(String key, String value) {
        Map<String, long[]> m = byKey.get(key);
        if (m == null) return 0;
        long[] c = m.get(value);
        return c == null ? 0 : c[0];
    }

    /** Adds {@code delta} at the node's value for {@code key}; nodes without the key are not counted. */
    void add(NodeInfo node, String key, long delta) {
        String value = node.label(key);
        if (value != null) add(key, value, delta);
    }

    void add(String key, String value, long delta) {
        Map<String, long[]> m = byKey.computeIfAbsent(key, k -> new HashMap<>());
        long[] c = m.computeIfAbsent(value, v -> new long[1]);
        c[0] += delta;
        if (c[0] == 0) {
            m.remove(value);
            if (m.isEmpty()) byKey.remove(key);
        }
    }

    /**
     * Adds {@code weight} at the node of every placed pod that the term's selector matches: the
     * term's pods per domain. The label index narrows the pods; the selector decides.
     */
    void addMatching(PodIndex pods, PodAffinityTerm term, long weight) {
        for (PlacedPod p : pods.candidates(term.selector())) {
            if (term.selector().matches(p.task().spec().labels())) add(p.node(), term.topologyKey(), weight);
        }
    }

    /** True if the node's value for some counted key has a positive count. */
    boolean anyPositiveOn(NodeInfo node) {
        for (Map.Entry<String, Map<String, long[]>> e : byKey.entrySet()) {
            String v = node.label(e.getKey());
            if (v == null) continue;
            long[] c = e.getValue().get(v);
            if (c != null && c[0] > 0) return true;
        }
        return false;
    }

    /** The sum over counted keys of the count at the node's value (InterPodAffinity's score). */
    long sumOn(NodeInfo node) {
        long s = 0;
        for (Map.Entry<String, Map<String, long[]>> e : byKey.entrySet()) {
            String v = node.label(e.getKey());
            if (v == null) continue;
            long[] c = e.getValue().get(v);
            if (c != null) s += c[0];
        }
        return s;
    }
}
