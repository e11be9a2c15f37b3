package org.mesocosm.policies.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.constraints.LabelSelector;
import org.mesocosm.runtime.model.constraints.NodeAffinity;
import org.mesocosm.runtime.model.constraints.NodeSelectorRequirement;
import org.mesocosm.runtime.model.constraints.NodeSelectorTerm;
import org.mesocosm.runtime.model.constraints.PodAffinity;
import org.mesocosm.runtime.model.constraints.PodAffinityTerm;
import org.mesocosm.runtime.model.constraints.PodConstraints;
import org.mesocosm.runtime.model.constraints.Taint;
import org.mesocosm.runtime.model.constraints.Toleration;
import org.mesocosm.runtime.model.constraints.TopologySpreadConstraint;
import org.mesocosm.runtime.pods.BindPlugin;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.NormalizeScorePlugin;
import org.mesocosm.runtime.pods.Plugin;
import org.mesocosm.runtime.pods.PodScheduler;
import org.mesocosm.runtime.pods.PreFilterPlugin;
import org.mesocosm.runtime.pods.PreScorePlugin;
import org.mesocosm.runtime.pods.Profile;
import org.mesocosm.runtime.pods.ScorePlugin;
import org.mesocosm.runtime.pods.Status;
import org.mesocosm.runtime.policy.PolicyParams;

/**
 * With {@code sample=100%} the scheduling cycle (rotating start, early stop, array scoring) must
 * choose exactly what a plain full scan chooses: every node filtered, every feasible node scored
 * with the same plugins and weights, the best total taken, ties to the lowest node index. A
 * watching binder recomputes the plain answer at each bind, on the state the cycle saw.
 */
class FullScanEquivalenceTest {
    static final int SEEDS = 10;

    /** Runs first among the binders; records the cycle's choice and the plain scan's, then passes the pod on. */
    static final class WatchingBinder implements BindPlugin {
        FrameworkHandle handle;
        Profile profile;
        final List<String> mismatches = new ArrayList<>();
        int binds;

        @Override public String name() { return "WatchingBinder"; }

        @Override public void init(FrameworkHandle h) {
            handle = h;
            profile = h.profile();
        }

        @Override
        public Status bind(CycleState state, Task pod, NodeInfo chosen) {
            binds++;
            NodeInfo plain = fullScan(pod);
            if (plain != chosen) mismatches.add(pod.id() + ": cycle chose " + chosen.id() + ", full scan " + (plain == null ? "none" : plain.id()));
            return Status.SKIP;
        }

        NodeInfo fullScan(Task pod) {
            CycleState st = new CycleState();
            Set<String> skipped = new HashSet<>();
            for (Plugin p : profile.plugins()) {
                if (!(p instanceof PreFilterPlugin pf)) continue;
                Status s = pf.preFilter(st, pod);
                if (s.isSkip()) skipped.add(p.name());
                else if (!s.isSuccess()) return null;
            }
            List<NodeInfo> feasible = new ArrayList<>();
            for (int i = 0; i < handle.nodeSlots(); i++) {
                NodeInfo n = handle.node(i);
                if (n == null || !n.isUp()) continue;
                boolean ok = true;
                for (Plugin p : profile.plugins()) {
                    if (p instanceof FilterPlugin f && !skipped.contains(p.name()) && !f.filter(st, pod, n).isSuccess()) {
                        ok = false;
                        break;
                    }
                }
                if (ok) feasible.add(n);
            }
            if (feasible.size() <= 1) return feasible.isEmpty() ? null : feasible.get(0);
            NodeInfo[] ns = feasible.toArray(new NodeInfo[0]);
            long[] total = new long[ns.length];
            for (Plugin p : profile.plugins()) {
                if (p instanceof PreScorePlugin ps && ps.preScore(st, pod, ns, ns.length).isSkip()) skipped.add(p.name() + "/score");
            }
            for (Plugin p : profile.plugins()) {
                if (!(p instanceof ScorePlugin sp) || skipped.contains(p.name() + "/score")) continue;
                long[] sc = new long[ns.length];
                for (int i = 0; i < ns.length; i++) sc[i] = sp.score(st, pod, ns[i]);
                if (sp instanceof NormalizeScorePlugin norm) norm.normalizeScore(st, pod, ns, sc, ns.length);
                for (int i = 0; i < ns.length; i++) total[i] += profile.weight(p.name()) * sc[i];
            }
            int best = 0;
            for (int i = 1; i < ns.length; i++) if (total[i] > total[best]) best = i;
            return ns[best];
        }
    }

    @Test
    void sampleOfAllNodesChoosesWhatAFullScanChooses() {
        int binds = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (String score : List.of("least-allocated", "most-allocated")) {
                try {
                    binds += run(seed, score);
                } catch (AssertionError e) {
                    fail("seed " + seed + ", score " + score + ": " + e.getMessage(), e);
                }
            }
        }
        assertTrue(binds > 1000, "enough decisions were compared: " + binds);
    }

    static int run(long seed, String score) {
        SplittableRandom r = new SplittableRandom(seed);
        WatchingBinder watch = new WatchingBinder();
        PolicyParams params = PolicyParams.of("k8s", Map.of("score", score, "sample", "100%", "preemption", "false"));
        PodScheduler sched = new PodScheduler("k8s", K8sPolicy.profile(params, watch), K8sPolicy.settings(params, "k8s"));
        PodHarness h = new PodHarness(sched, new MasterObserver() {});
        int nodes = 5 + r.nextInt(150);
        for (int i = 0; i < nodes; i++) {
            Map<String, String> attrs = new LinkedHashMap<>();
            if (r.nextInt(6) != 0) attrs.put("zone", "z" + r.nextInt(3));
            if (r.nextInt(3) == 0) attrs.put("disk", r.nextBoolean() ? "ssd" : "hdd");
            int taint = r.nextInt(10);
            if (taint == 0) attrs.put(Taint.ATTRIBUTE, "dedicated=db:NoSchedule");
            else if (taint == 1) attrs.put(Taint.ATTRIBUTE, "slow:PreferNoSchedule");
            h.node("n" + i, 1000L * (4 + r.nextInt(29)), 1024L * (4 + r.nextInt(61)), attrs);
        }
        int jobs = 20 + r.nextInt(80);
        for (int j = 0; j < jobs; j++) {
            String app = "a" + r.nextInt(4);
            TaskSpec spec = PodHarness.pods("p", 1 + r.nextInt(4), 100L * (1 + r.nextInt(40)), 128L * (1 + r.nextInt(64)))
                    .withLabels(Map.of("app", app)).withPodConstraints(constraints(r, app));
            h.submit(r.nextInt(3) * 100, spec);
        }
        assertEquals(List.of(), watch.mismatches);
        return watch.binds;
    }

    static PodConstraints constraints(SplittableRandom r, String app) {
        PodConstraints c = PodConstraints.NONE;
        LabelSelector same = LabelSelector.of("app", app);
        switch (r.nextInt(8)) {
            case 0 -> c = c.withPodAntiAffinity(PodAffinity.required(PodAffinityTerm.of(same, Agent.HOSTNAME)));
            case 1 -> c = c.withPodAffinity(PodAffinity.preferred(new PodAffinityTerm.Weighted(1 + r.nextInt(100), PodAffinityTerm.of(same, "zone"))));
            case 2 -> c = c.withPodAntiAffinity(PodAffinity.preferred(new PodAffinityTerm.Weighted(1 + r.nextInt(100), PodAffinityTerm.of(same, "zone"))));
            case 3 -> c = c.withTopologySpread(new TopologySpreadConstraint(1 + r.nextInt(2), "zone",
                    r.nextBoolean() ? TopologySpreadConstraint.WhenUnsatisfiable.DO_NOT_SCHEDULE : TopologySpreadConstraint.WhenUnsatisfiable.SCHEDULE_ANYWAY, same));
            case 4 -> c = c.withNodeAffinity(NodeAffinity.preferred(new NodeAffinity.Preferred(1 + r.nextInt(100),
                    NodeSelectorTerm.of(NodeSelectorRequirement.in("disk", "ssd")))));
            case 5 -> c = c.withNodeAffinity(NodeAffinity.required(NodeSelectorTerm.of(NodeSelectorRequirement.in("zone", "z0", "z1"))));
            default -> { }
        }
        if (r.nextInt(5) == 0) c = c.withTolerations(Toleration.exists("dedicated", null), Toleration.exists("slow", null));
        return c;
    }
}
