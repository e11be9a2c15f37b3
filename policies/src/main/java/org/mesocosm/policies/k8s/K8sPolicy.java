package org.mesocosm.policies.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.pods.Plugin;
import org.mesocosm.runtime.pods.PodScheduler;
import org.mesocosm.runtime.pods.Profile;
import org.mesocosm.runtime.pods.SchedulerSettings;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;

/**
 * {@code k8s}: kube-scheduler's default profile. Queue sort PrioritySort; filters
 * TaintToleration, NodeAffinity, NodeResourcesFit, PodTopologySpread, InterPodAffinity; scores
 * (weights as kube's defaults) TaintToleration 3, NodeAffinity 2, PodTopologySpread 2,
 * InterPodAffinity 2, NodeResourcesFit 1, NodeResourcesBalancedAllocation 1; PostFilter
 * DefaultPreemption; DefaultBinder.
 */
public final class K8sPolicy implements PolicyProvider {

    @Override
    public String name() { return "k8s"; }

    @Override
    public String description() {
        return "Kubernetes pod placement: priority queue with backoff, filter/score plugins, preemption of lower-priority pods";
    }

    @Override
    public List<PolicyParams.Param> parameters() {
        return List.of(
                new PolicyParams.Param("score", "least-allocated", "least-allocated (spread; + balanced allocation, kube's default), "
                        + "most-allocated (bin packing), or balanced (balanced allocation only)"),
                new PolicyParams.Param("sample", "adaptive", "share of nodes to find feasible before scoring (percentageOfNodesToScore): "
                        + "adaptive (50% at 100 nodes down to 5% at 5,625+, at least 100 nodes) or e.g. 50%"),
                new PolicyParams.Param("backoff", "1s", "backoff after a pod's first failed attempt; doubles per attempt"),
                new PolicyParams.Param("max-backoff", "10s", "cap on the backoff"),
                new PolicyParams.Param("max-unschedulable", "5m", "retry a pod no cluster event helped after this long anyway"),
                new PolicyParams.Param("preemption", "true", "evict lower-priority pods when a pod fits nowhere (true|false)"),
                new PolicyParams.Param("cache", "true", "reuse a node's filter and score results for the next pod of the same spec while "
                        + "the node is unchanged, where the plugins allow it: the same placements, less work (true|false)"));
    }

    @Override
    public PlacementPolicy create(PolicyParams p) {
        return new PodScheduler(name(), profile(p), settings(p, name()));
    }

    /**
     * The default profile for these parameters. {@code firstBinders} go before DefaultBinder (a
     * binder that returns SKIP passes the pod on), so tests can watch binding decisions.
     */
    static Profile profile(PolicyParams p, Plugin... firstBinders) {
        return profile(p, List.of(), firstBinders);
    }

    /** The default profile with {@code firstFilters} ahead of the default filters, under the parameters of {@code p}. */
    public static Profile profile(PolicyParams p, List<Plugin> firstFilters, Plugin... firstBinders) {
        return profile(p, firstFilters, List.of(), firstBinders);
    }

    /**
     * The default profile with {@code firstFilters} ahead of the default filters and {@code lastFilters}
     * after them (the mesos policy's k8s framework: only what it was offered, checked last so that a
     * node it rejects is one the pod would fit if offered), under the parameters of {@code p}.
     */
    public static Profile profile(PolicyParams p, List<Plugin> firstFilters, List<Plugin> lastFilters, Plugin... firstBinders) {
        String score = p.string("score", "least-allocated");
        NodeResourcesFit fit;
        boolean balanced;
        switch (score) {
            case "least-allocated" -> { fit = new NodeResourcesFit(ScoringStrategy.LEAST_ALLOCATED); balanced = true; }
            case "most-allocated" -> { fit = new NodeResourcesFit(ScoringStrategy.MOST_ALLOCATED); balanced = false; }
            case "balanced" -> { fit = new NodeResourcesFit(null); balanced = true; }
            default -> throw new IllegalArgumentException("policy 'k8s': score must be least-allocated, most-allocated or balanced, not '" + score + "'");
        }
        List<Plugin> plugins = new ArrayList<>();
        plugins.add(new PrioritySort());
        plugins.addAll(firstFilters);
        plugins.add(new TaintTolerationPlugin());
        plugins.add(new NodeAffinityPlugin());
        plugins.add(fit);
        plugins.add(new PodTopologySpread());
        plugins.add(new InterPodAffinity());
        if (balanced) plugins.add(new BalancedAllocation());
        plugins.addAll(lastFilters);
        if (bool(p, "preemption", true)) plugins.add(new DefaultPreemption(PreemptionRule.LOWER_PRIORITY));
        plugins.addAll(List.of(firstBinders));
        plugins.add(new DefaultBinder());
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(TaintTolerationPlugin.NAME, 3);
        weights.put(NodeAffinityPlugin.NAME, 2);
        weights.put(PodTopologySpread.NAME, 2);
        weights.put(InterPodAffinity.NAME, 2);
        weights.put(NodeResourcesFit.NAME, 1);
        if (balanced) weights.put(BalancedAllocation.NAME, 1);
        return new Profile("default-scheduler", plugins, weights);
    }

    /** The framework settings every pod-scheduling policy takes: sample, backoff, max-backoff, max-unschedulable, cache. */
    public static SchedulerSettings settings(PolicyParams p, String policy) {
        String sample = p.string("sample", "adaptive").trim();
        int pct;
        if (sample.equals("adaptive")) {
            pct = 0;
        } else {
            double v = p.number("sample", 0);
            if (!sample.endsWith("%")) v /= 100; // "50" means 50%, like "50%"
            pct = (int) Math.round(v * 100);
            if (pct < 1 || pct > 100) throw new IllegalArgumentException("policy '" + policy + "': sample must be adaptive or 1%..100%, not '" + sample + "'");
        }
        SchedulerSettings d = SchedulerSettings.DEFAULT;
        boolean cache = bool(p, "cache", true);
        try {
            return new SchedulerSettings(pct, p.micros("backoff", d.initialBackoffMicros()), p.micros("max-backoff", d.maxBackoffMicros()),
                    p.micros("max-unschedulable", d.maxUnschedulableMicros()), cache);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy '" + policy + "': " + e.getMessage());
        }
    }

    public static boolean bool(PolicyParams p, String key, boolean dflt) {
        String v = p.string(key, Boolean.toString(dflt)).trim().toLowerCase();
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException("policy '" + p.policy() + "': " + key + " must be true or false, not '" + v + "'");
    }
}
