package org.mesocosm.policies.borg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.policies.k8s.DefaultPreemption;
import org.mesocosm.policies.k8s.K8sPolicy;
import org.mesocosm.policies.k8s.NodeAffinityPlugin;
import org.mesocosm.policies.k8s.PreemptionRule;
import org.mesocosm.policies.k8s.PrioritySort;
import org.mesocosm.policies.k8s.TaintTolerationPlugin;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.pods.Plugin;
import org.mesocosm.runtime.pods.PodScheduler;
import org.mesocosm.runtime.pods.Profile;
import org.mesocosm.runtime.pods.ScorePlugin;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;

/**
 * {@code borg}: Borg-style placement (Verma et al., EuroSys 2015) on the pod-scheduling framework.
 * Tasks are queued by priority; feasibility is {@link BorgFit} (plus node selector and taints);
 * the score is best fit or E-PVM; when a task fits nowhere, tasks of lower <em>bands</em> are
 * preempted (production over batch and best effort, batch over best effort, never within a band
 * or upward), fewest and least important first; and best-effort tasks may run on resources that
 * other tasks were allocated but do not use, within a declared overcommit.
 */
public final class BorgPolicy implements PolicyProvider {

    @Override
    public String name() { return "borg"; }

    @Override
    public String description() {
        return "Borg-style: priority bands (production, batch, best-effort), downward-only preemption, "
                + "best-fit or E-PVM scoring, reclaiming unused resources for best-effort work";
    }

    @Override
    public List<PolicyParams.Param> parameters() {
        return List.of(
                new PolicyParams.Param("score", "best-fit", "best-fit (pack tightly) or e-pvm (spread: least rise in exponential cost)"),
                new PolicyParams.Param("production", "200", "lowest priority of the production band"),
                new PolicyParams.Param("batch", "100", "lowest priority of the batch band; lower is best effort"),
                new PolicyParams.Param("reclaim", "true", "place best-effort tasks on allocated-but-unused resources (true|false)"),
                new PolicyParams.Param("overcommit", "50%", "how far requests may exceed a machine's capacity through reclamation"),
                new PolicyParams.Param("reclaim-after", "60s", "how long after a task starts its reservation drops to its usage"),
                new PolicyParams.Param("sample", "adaptive", "share of nodes to find feasible before scoring, as in k8s"),
                new PolicyParams.Param("backoff", "1s", "backoff after a task's first failed attempt; doubles per attempt"),
                new PolicyParams.Param("max-backoff", "10s", "cap on the backoff"),
                new PolicyParams.Param("max-unschedulable", "5m", "retry a task no cluster event helped after this long anyway"));
    }

    @Override
    public PlacementPolicy create(PolicyParams p) {
        Bands bands;
        try {
            bands = new Bands(p.integer("production", Bands.DEFAULT.production()), p.integer("batch", Bands.DEFAULT.batch()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy 'borg': " + e.getMessage());
        }
        boolean reclaim = K8sPolicy.bool(p, "reclaim", true);
        int overcommit = reclaim ? percent(p, "overcommit", 50) : 0;
        ScorePlugin score = switch (p.string("score", "best-fit")) {
            case "best-fit" -> new BestFitScore();
            case "e-pvm", "epvm" -> new EpvmScore();
            default -> throw new IllegalArgumentException("policy 'borg': score must be best-fit or e-pvm, not '" + p.string("score", "") + "'");
        };
        BorgFit fit = new BorgFit(bands, reclaim);
        List<Plugin> plugins = new ArrayList<>();
        plugins.add(new PrioritySort());
        plugins.add(new TaintTolerationPlugin());
        plugins.add(new NodeAffinityPlugin());
        plugins.add(fit);
        plugins.add(score);
        plugins.add(new DefaultPreemption(rule(bands)));
        if (reclaim) plugins.add(new UsageReclaimer(p.micros("reclaim-after", 60_000_000L)));
        plugins.add(new BorgBinder(fit));
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(TaintTolerationPlugin.NAME, 1);
        weights.put(NodeAffinityPlugin.NAME, 1);
        weights.put(score.name(), 3);
        return new PodScheduler(name(), new Profile("borg", plugins, weights), K8sPolicy.settings(p, name()), overcommit);
    }

    /** Preemption only from a higher band to a lower one. */
    public static PreemptionRule rule(Bands bands) {
        return (preemptor, victim) -> bands.of(preemptor).mayPreempt(bands.of(victim));
    }

    private static int percent(PolicyParams p, String key, int dflt) {
        String v = p.string(key, dflt + "%").trim();
        int pct;
        try {
            pct = Integer.parseInt(v.endsWith("%") ? v.substring(0, v.length() - 1).trim() : v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("policy 'borg': " + key + " must be a whole percentage like 50%, not '" + v + "'");
        }
        if (pct < 0 || pct > 1000) throw new IllegalArgumentException("policy 'borg': " + key + " must be 0%..1000%, not '" + v + "'");
        return pct;
    }
}
