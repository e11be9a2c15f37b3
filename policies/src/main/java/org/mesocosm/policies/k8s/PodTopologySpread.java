package org.mesocosm.policies.k8s;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.constraints.TopologySpreadConstraint;
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
 * kube-scheduler's PodTopologySpread. Filter (DoNotSchedule constraints): matching pods in the
 * node's domain, plus one if the pod matches its own selector, minus the least loaded domain's
 * count, must not exceed maxSkew; a node without the topology key is unresolvable. Score
 * (ScheduleAnyway): per constraint, count * log(domains + 2) + (maxSkew - 1), rounded; then
 * normalized as kube does (fewest matching pods scores 100; nodes lacking a key score 0).
 * System default constraints are not applied.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin,
        NormalizeScorePlugin, EnqueueExtensions, CacheablePlugin {
    public static final String NAME = "PodTopologySpread";
    static final Status MISSING_LABEL = Status.unresolvable(NAME, "node(s) didn't match pod topology spread constraints (missing required label)");
    static final Status SKEW = Status.unschedulable(NAME, "node(s) didn't match pod topology spread constraints");
    private static final StateKey<SpreadCounts> FILTER = StateKey.of(NAME + "/filter", SpreadCounts.class);
    private static final PreFilterExtensions WHAT_IFS = new WhatIfCounts.Extensions(FILTER);
    private static final StateKey<ScoreState> SCORE = StateKey.of(NAME + "/score", ScoreState.class);

    private FrameworkHandle handle;

    /** Soft constraints' counts and kube's normalizing weights. */
    static final class ScoreState {
        final SpreadCounts counts;
        final double[] weight;

        ScoreState(SpreadCounts counts) {
            this.counts = counts;
            this.weight = new double[counts.constraints.length];
        }
    }

    @Override
    public String name() { return NAME; }

    @Override
    public void init(FrameworkHandle h) { this.handle = h; }

    static List<TopologySpreadConstraint> constraints(Task pod, boolean hard) {
        List<TopologySpreadConstraint> out = new ArrayList<>();
        for (TopologySpreadConstraint c : pod.spec().podConstraints().topologySpread()) if (c.isHard() == hard) out.add(c);
        return out;
    }

    @Override
    public Status preFilter(CycleState state, Task pod) {
        List<TopologySpreadConstraint> hard = constraints(pod, true);
        if (hard.isEmpty()) return Status.SKIP;
        SpreadCounts s = new SpreadCounts(pod, hard);
        s.countAll(handle);
        state.put(FILTER, s);
        return Status.SUCCESS;
    }

    @Override
    public PreFilterExtensions preFilterExtensions() { return WHAT_IFS; }

    @Override
    public Status filter(CycleState state, Task pod, NodeInfo node) {
        SpreadCounts s = state.require(FILTER);
        for (int c = 0; c < s.constraints.length; c++) {
            TopologySpreadConstraint tc = s.constraints[c];
            String v = node.label(tc.topologyKey());
            if (v == null) return MISSING_LABEL;
            long self = tc.selector().matches(pod.spec().labels()) ? 1 : 0;
            if (s.count(c, v) + self - s.min(c) > tc.maxSkew()) return SKEW;
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preScore(CycleState state, Task pod, NodeInfo[] nodes, int count) {
        List<TopologySpreadConstraint> soft = constraints(pod, false);
        if (soft.isEmpty()) return Status.SKIP;
        SpreadCounts counts = new SpreadCounts(pod, soft);
        ScoreState s = new ScoreState(counts);
        // Counting every domain gives the same counts at the feasible nodes' domains as kube's
        // counting of only those; the weights use the domains of the feasible nodes, as kube's do.
        counts.countAll(handle);
        int withKeys = 0;
        for (int i = 0; i < count; i++) if (counts.hasAllKeys(nodes[i])) withKeys++;
        for (int c = 0; c < soft.size(); c++) {
            TopologySpreadConstraint tc = soft.get(c);
            int size = tc.topologyKey().equals(Agent.HOSTNAME) ? withKeys : distinctValues(nodes, count, counts, tc);
            s.weight[c] = Math.log(size + 2);
        }
        state.put(SCORE, s);
        return Status.SUCCESS;
    }

    private static int distinctValues(NodeInfo[] nodes, int count, SpreadCounts keys, TopologySpreadConstraint c) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) if (keys.hasAllKeys(nodes[i])) seen.add(nodes[i].label(c.topologyKey()));
        return seen.size();
    }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        ScoreState s = state.require(SCORE);
        SpreadCounts counts = s.counts;
        if (!counts.hasAllKeys(node)) return 0;
        double score = 0;
        for (int c = 0; c < counts.constraints.length; c++) {
            TopologySpreadConstraint tc = counts.constraints[c];
            long cnt;
            if (tc.topologyKey().equals(Agent.HOSTNAME)) {
                cnt = 0;
                for (PlacedPod p : node.pods()) if (!p.isTerminating() && tc.selector().matches(p.task().spec().labels())) cnt++;
            } else {
                cnt = counts.count(c, node.label(tc.topologyKey()));
            }
            score += cnt * s.weight[c] + (tc.maxSkew() - 1);
        }
        return Math.round(score);
    }

    @Override
    public Status normalizeScore(CycleState state, Task pod, NodeInfo[] nodes, long[] scores, int count) {
        SpreadCounts counts = state.require(SCORE).counts;
        long min = Long.MAX_VALUE, max = 0;
        for (int i = 0; i < count; i++) {
            if (!counts.hasAllKeys(nodes[i])) continue;
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        for (int i = 0; i < count; i++) {
            if (!counts.hasAllKeys(nodes[i])) scores[i] = 0;
            else if (max == 0) scores[i] = MAX_NODE_SCORE;
            else scores[i] = MAX_NODE_SCORE * (max + min - scores[i]) / max;
        }
        return Status.SUCCESS;
    }

    /** Counts other pods: cacheable only for pods without spread constraints (PreFilter and PreScore both skip). */
    @Override
    public int plan(CycleState state, Task pod, TaintCounts taints) {
        return pod.spec().podConstraints().topologySpread().isEmpty() ? 0 : NOT_CACHEABLE;
    }

    @Override
    public Set<ClusterEvent.Type> events() {
        return EnumSet.of(ClusterEvent.Type.POD_ADDED, ClusterEvent.Type.POD_DELETED, ClusterEvent.Type.NODE_ADDED);
    }

    /** Only pods its constraints count can change a skew; a new node may be a new (empty) domain. */
    @Override
    public boolean isSchedulableAfter(ClusterEvent e, Task pod) {
        if (e.type() == ClusterEvent.Type.NODE_ADDED) return true;
        if (e.pod() == null) return false;
        for (TopologySpreadConstraint c : pod.spec().podConstraints().topologySpread()) {
            if (c.selector().matches(e.pod().task().spec().labels())) return true;
        }
        return false;
    }
}
