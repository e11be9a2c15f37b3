package org.mesocosm.policies.k8s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.constraints.TopologySpreadConstraint;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PlacedPod;

/**
 * Per constraint, the number of matching pods in each domain (value of the topology key), over
 * the nodes that count for the pod: those matching its node selector and required node affinity
 * and having every topology key of the constraints (kube-scheduler's defaults: nodeAffinityPolicy
 * Honor, nodeTaintsPolicy Ignore). Terminating pods are not counted, as in kube-scheduler.
 */
final class SpreadCounts implements WhatIfCounts {
    final TopologySpreadConstraint[] constraints;
    private final Task pod;
    private final Map<String, long[]>[] counts;
    private final long[] min;
    private boolean minStale = true;

    @SuppressWarnings("unchecked")
    SpreadCounts(Task pod, List<TopologySpreadConstraint> cs) {
        this.pod = pod;
        constraints = cs.toArray(new TopologySpreadConstraint[0]);
        counts = new Map[constraints.length];
        for (int i = 0; i < counts.length; i++) counts[i] = new HashMap<>();
        min = new long[constraints.length];
    }

    @SuppressWarnings("unchecked")
    private SpreadCounts(SpreadCounts o) {
        pod = o.pod;
        constraints = o.constraints;
        counts = new Map[constraints.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new HashMap<>();
            for (Map.Entry<String, long[]> e : o.counts[i].entrySet()) counts[i].put(e.getKey(), e.getValue().clone());
        }
        min = o.min.clone();
        minStale = o.minStale;
    }

    @Override
    public SpreadCounts copy() { return new SpreadCounts(this); }

    /** Does the node count for this pod's spreading? */
    boolean eligible(NodeInfo n) {
        return hasAllKeys(n) && NodeMatch.matches(pod, n.attributes());
    }

    boolean hasAllKeys(NodeInfo n) {
        for (TopologySpreadConstraint c : constraints) if (n.label(c.topologyKey()) == null) return false;
        return true;
    }

    /** Registers every domain of the eligible nodes (with count 0), then counts matching pods. */
    void countAll(FrameworkHandle h) {
        boolean[] eligible = new boolean[h.nodeSlots()];
        for (int i = 0; i < eligible.length; i++) {
            NodeInfo n = h.node(i);
            if (n == null || !n.isUp() || !eligible(n)) continue;
            eligible[i] = true;
            for (int c = 0; c < constraints.length; c++) counts[c].putIfAbsent(n.label(constraints[c].topologyKey()), new long[1]);
        }
        for (int c = 0; c < constraints.length; c++) {
            TopologySpreadConstraint tc = constraints[c];
            for (PlacedPod p : h.pods().candidates(tc.selector())) {
                if (p.isTerminating() || !eligible[p.node().index()] || !tc.selector().matches(p.task().spec().labels())) continue;
                counts[c].get(p.node().label(tc.topologyKey()))[0]++;
            }
        }
        minStale = true;
    }

    @Override
    public void update(PlacedPod p, NodeInfo node, long delta) {
        if (p.isTerminating() || !eligible(node)) return; // never counted
        for (int c = 0; c < constraints.length; c++) {
            TopologySpreadConstraint tc = constraints[c];
            if (!tc.selector().matches(p.task().spec().labels())) continue;
            counts[c].computeIfAbsent(node.label(tc.topologyKey()), v -> new long[1])[0] += delta;
            minStale = true;
        }
    }

    long count(int c, String value) {
        long[] n = counts[c].get(value);
        return n == null ? 0 : n[0];
    }

    /** Domains known for constraint {@code c}. */
    int domains(int c) { return counts[c].size(); }

    /** The smallest count over the domains of constraint {@code c} (0 if there are none). */
    long min(int c) {
        if (minStale) {
            for (int i = 0; i < constraints.length; i++) {
                long m = Long.MAX_VALUE;
                for (long[] v : counts[i].values()) m = Math.min(m, v[0]);
                min[i] = m == Long.MAX_VALUE ? 0 : m;
            }
            minStale = false;
        }
        return min[c];
    }
}
