package org.mesocosm.policies.k8s;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.constraints.PodAffinityTerm;
import org.mesocosm.runtime.model.constraints.PodConstraints;
import org.mesocosm.runtime.pods.ClusterEvent;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.EnqueueExtensions;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.CacheablePlugin;
import org.mesocosm.runtime.pods.TaintCounts;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.NormalizeScorePlugin;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.PreFilterExtensions;
import org.mesocosm.runtime.pods.PreFilterPlugin;
import org.mesocosm.runtime.pods.PreScorePlugin;
import org.mesocosm.runtime.pods.StateKey;
import org.mesocosm.runtime.pods.Status;

/**
 * kube-scheduler's InterPodAffinity. PreFilter counts, per topology pair, (1) placed pods whose
 * required anti-affinity matches the incoming pod, (2) placed pods matching all of the incoming
 * pod's required affinity terms, (3) placed pods matching its required anti-affinity terms.
 * Filter: affinity needs a match in the node's domain for every term (unless no pod matches
 * anywhere and the pod matches its own terms: the first of a group); anti-affinity, both ways,
 * needs none. Score: preferred terms, both ways, plus existing pods' required affinity to the
 * incoming pod (weight 1), summed over the node's domains and scaled min-max to 0..100.
 * Counting goes through the label index, not over every pod.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin,
        NormalizeScorePlugin, EnqueueExtensions, CacheablePlugin {
    public static final String NAME = "InterPodAffinity";
    static final Status AFFINITY = Status.unresolvable(NAME, "node(s) didn't match pod affinity rules");
    static final Status ANTI_AFFINITY = Status.unschedulable(NAME, "node(s) didn't match pod anti-affinity rules");
    static final Status EXISTING_ANTI_AFFINITY = Status.unschedulable(NAME, "node(s) didn't satisfy existing pods anti-affinity rules");
    private static final StateKey<FilterState> FILTER = StateKey.of(NAME + "/filter", FilterState.class);
    private static final PreFilterExtensions WHAT_IFS = new WhatIfCounts.Extensions(FILTER);
    private static final StateKey<TopologyCounts> SCORE = StateKey.of(NAME + "/score", TopologyCounts.class);
    /** kube-scheduler's hardPodAffinityWeight default. */
    private static final long HARD_POD_AFFINITY_WEIGHT = 1;

    private FrameworkHandle handle;

    /** What Filter needs; copied for preemption's what-ifs. */
    static final class FilterState implements WhatIfCounts {
        final List<PodAffinityTerm> affinity;
        final List<PodAffinityTerm> antiAffinity;
        final Map<String, String> labels;
        TopologyCounts existingAnti = new TopologyCounts();
        TopologyCounts affinityCounts = new TopologyCounts();
        TopologyCounts antiCounts = new TopologyCounts();

        FilterState(Task pod) {
            PodConstraints c = pod.spec().podConstraints();
            affinity = c.podAffinity().required();
            antiAffinity = c.podAntiAffinity().required();
            labels = pod.spec().labels();
        }

        @Override
        public FilterState copy() {
            FilterState s = new FilterState(this);
            s.existingAnti = existingAnti.copy();
            s.affinityCounts = affinityCounts.copy();
            s.antiCounts = antiCounts.copy();
            return s;
        }

        private FilterState(FilterState o) {
            affinity = o.affinity;
            antiAffinity = o.antiAffinity;
            labels = o.labels;
        }

        /** kube's updateWithPod. */
        @Override
        public void update(PlacedPod p, NodeInfo node, long d) {
            Map<String, String> theirLabels = p.task().spec().labels();
            for (PodAffinityTerm t : p.task().spec().podConstraints().podAntiAffinity().required()) {
                if (t.selector().matches(labels)) existingAnti.add(node, t.topologyKey(), d);
            }
            if (!affinity.isEmpty() && matchesAll(affinity, theirLabels)) {
                for (PodAffinityTerm t : affinity) affinityCounts.add(node, t.topologyKey(), d);
            }
            for (PodAffinityTerm t : antiAffinity) {
                if (t.selector().matches(theirLabels)) antiCounts.add(node, t.topologyKey(), d);
            }
        }
    }

    @Override
    public String name() { return NAME; }

    @Override
    public void init(FrameworkHandle h) { this.handle = h; }

    static boolean matchesAll(List<PodAffinityTerm> terms, Map<String, String> labels) {
        for (PodAffinityTerm t : terms) if (!t.selector().matches(labels)) return false;
        return true;
    }

    @Override
    public Status preFilter(CycleState state, Task pod) {
        FilterState s = new FilterState(pod);
        for (PlacedPod p : handle.pods().withAffinity()) {
            for (PodAffinityTerm t : p.task().spec().podConstraints().podAntiAffinity().required()) {
                if (t.selector().matches(s.labels)) s.existingAnti.add(p.node(), t.topologyKey(), 1);
            }
        }
        if (!s.affinity.isEmpty()) {
            for (PlacedPod p : handle.pods().candidates(s.affinity.get(0).selector())) {
                if (!matchesAll(s.affinity, p.task().spec().labels())) continue;
                for (PodAffinityTerm t : s.affinity) s.affinityCounts.add(p.node(), t.topologyKey(), 1);
            }
        }
        for (PodAffinityTerm t : s.antiAffinity) s.antiCounts.addMatching(handle.pods(), t, 1);
        if (s.affinity.isEmpty() && s.antiAffinity.isEmpty() && s.existingAnti.isEmpty()) return Status.SKIP;
        state.put(FILTER, s);
        return Status.SUCCESS;
    }

    @Override
    public PreFilterExtensions preFilterExtensions() { return WHAT_IFS; }

    @Override
    public Status filter(CycleState state, Task pod, NodeInfo node) {
        FilterState s = state.require(FILTER);
        if (!satisfiesAffinity(s, node)) return AFFINITY;
        if (!s.antiCounts.isEmpty()) {
            for (PodAffinityTerm t : s.antiAffinity) {
                String v = node.label(t.topologyKey());
                if (v != null && s.antiCounts.get(t.topologyKey(), v) > 0) return ANTI_AFFINITY;
            }
        }
        if (!s.existingAnti.isEmpty() && s.existingAnti.anyPositiveOn(node)) return EXISTING_ANTI_AFFINITY;
        return Status.SUCCESS;
    }

    private static boolean satisfiesAffinity(FilterState s, NodeInfo node) {
        boolean podsExist = true;
        for (PodAffinityTerm t : s.affinity) {
            String v = node.label(t.topologyKey());
            if (v == null) return false; // every topology key must exist on the node
            if (s.affinityCounts.get(t.topologyKey(), v) <= 0) podsExist = false;
        }
        // the first pod of a group with affinity to itself may go anywhere (else none ever would)
        return podsExist || (s.affinityCounts.isEmpty() && matchesAll(s.affinity, s.labels));
    }

    @Override
    public Status preScore(CycleState state, Task pod, NodeInfo[] nodes, int count) {
        PodConstraints c = pod.spec().podConstraints();
        Map<String, String> labels = pod.spec().labels();
        TopologyCounts score = new TopologyCounts();
        for (PodAffinityTerm.Weighted w : c.podAffinity().preferred()) score.addMatching(handle.pods(), w.term(), w.weight());
        for (PodAffinityTerm.Weighted w : c.podAntiAffinity().preferred()) score.addMatching(handle.pods(), w.term(), -w.weight());
        for (PlacedPod p : handle.pods().withAffinity()) {
            PodConstraints theirs = p.task().spec().podConstraints();
            for (PodAffinityTerm t : theirs.podAffinity().required()) {
                if (t.selector().matches(labels)) score.add(p.node(), t.topologyKey(), HARD_POD_AFFINITY_WEIGHT);
            }
            for (PodAffinityTerm.Weighted w : theirs.podAffinity().preferred()) {
                if (w.term().selector().matches(labels)) score.add(p.node(), w.term().topologyKey(), w.weight());
            }
            for (PodAffinityTerm.Weighted w : theirs.podAntiAffinity().preferred()) {
                if (w.term().selector().matches(labels)) score.add(p.node(), w.term().topologyKey(), -w.weight());
            }
        }
        if (score.isEmpty()) return Status.SKIP;
        state.put(SCORE, score);
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        return state.require(SCORE).sumOn(node);
    }

    @Override
    public Status normalizeScore(CycleState state, Task pod, NodeInfo[] nodes, long[] scores, int count) {
        Scores.minMaxNormalize(scores, count);
        return Status.SUCCESS;
    }

    /**
     * Counts other pods: cacheable only when neither this pod nor any placed pod has affinity terms: PreFilter skipped
     * (nothing to count) and PreScore would skip (no term to score).
     */
    @Override
    public int plan(CycleState state, Task pod, TaintCounts taints) {
        return state.get(FILTER) == null && !pod.spec().podConstraints().hasPodAffinity() && handle.pods().withAffinity().isEmpty() ? 0 : NOT_CACHEABLE;
    }

    @Override
    public Set<ClusterEvent.Type> events() {
        return EnumSet.of(ClusterEvent.Type.POD_ADDED, ClusterEvent.Type.POD_DELETED, ClusterEvent.Type.NODE_ADDED);
    }

    /** A new pod may satisfy affinity; a pod gone may lift anti-affinity (its own or ours). */
    @Override
    public boolean isSchedulableAfter(ClusterEvent e, Task pod) {
        if (e.type() == ClusterEvent.Type.NODE_ADDED) return true;
        if (e.pod() == null) return false;
        PodConstraints mine = pod.spec().podConstraints();
        Map<String, String> theirLabels = e.pod().task().spec().labels();
        if (e.type() == ClusterEvent.Type.POD_ADDED) {
            for (PodAffinityTerm t : mine.podAffinity().required()) if (t.selector().matches(theirLabels)) return true;
            return false;
        }
        for (PodAffinityTerm t : mine.podAntiAffinity().required()) if (t.selector().matches(theirLabels)) return true;
        for (PodAffinityTerm t : e.pod().task().spec().podConstraints().podAntiAffinity().required()) {
            if (t.selector().matches(pod.spec().labels())) return true;
        }
        return false;
    }
}
