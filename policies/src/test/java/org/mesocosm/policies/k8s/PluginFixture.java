package org.mesocosm.policies.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.constraints.PodConstraints;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.NormalizeScorePlugin;
import org.mesocosm.runtime.pods.Plugin;
import org.mesocosm.runtime.pods.PodScheduler;
import org.mesocosm.runtime.pods.PreFilterPlugin;
import org.mesocosm.runtime.pods.PreScorePlugin;
import org.mesocosm.runtime.pods.Profile;
import org.mesocosm.runtime.pods.ScorePlugin;
import org.mesocosm.runtime.pods.SchedulerSettings;
import org.mesocosm.runtime.pods.Status;

/**
 * A cluster for kube-style plugin tables: nodes, pods already placed (pinned by hostname), and one
 * incoming pod held pending, on which single plugins are then run as a cycle would run them.
 */
final class PluginFixture {
    record Node(String id, long cpu, long mem, Map<String, String> attributes) {
        static Node of(String id, long cpu, long mem, String... kv) {
            return new Node(id, cpu, mem, map(kv));
        }
    }

    record Pod(String node, long cpu, long mem, Map<String, String> labels, PodConstraints constraints) {
        static Pod on(String node, long cpu, long mem, String... labels) {
            return new Pod(node, cpu, mem, map(labels), PodConstraints.NONE);
        }

        Pod with(PodConstraints c) {
            return new Pod(node, cpu, mem, labels, c);
        }
    }

    final PodHarness harness;
    final List<Plugin> plugins;
    final Task incoming;

    PluginFixture(ScoringStrategy strategy, List<Node> nodes, List<Pod> existing, TaskSpec incomingSpec) {
        plugins = List.of(new PrioritySort(), new TaintTolerationPlugin(), new NodeAffinityPlugin(), new NodeResourcesFit(strategy),
                new PodTopologySpread(), new InterPodAffinity(), new BalancedAllocation(), new HoldBinder(), new DefaultBinder());
        harness = new PodHarness(new PodScheduler("test", new Profile("test", plugins, Map.of()), SchedulerSettings.DEFAULT),
                new MasterObserver() {});
        for (Node n : nodes) harness.node(n.id(), n.cpu(), n.mem(), n.attributes());
        for (Pod p : existing) {
            TaskSpec s = PodHarness.pods("p", 1, p.cpu(), p.mem()).withNodeSelector(Map.of(Agent.HOSTNAME, p.node()))
                    .withLabels(p.labels()).withPodConstraints(p.constraints());
            Task t = harness.submit(0, s).get(0);
            assertEquals(p.node(), t.agent() == null ? null : t.agent().id(), "fixture pod " + p + " placed where asked");
        }
        Map<String, String> labels = new LinkedHashMap<>(incomingSpec.labels());
        labels.put(HoldBinder.LABEL, "true");
        incoming = harness.submit(0, incomingSpec.withLabels(labels)).get(0);
    }

    @SuppressWarnings("unchecked")
    <T extends Plugin> T plugin(String name) {
        for (Plugin p : plugins) if (p.name().equals(name)) return (T) p;
        throw new IllegalArgumentException(name);
    }

    NodeInfo node(String id) {
        return harness.info(id);
    }

    /** PreFilter then Filter on one node; a PreFilter that skips means the filter passes. */
    Status filter(String plugin, String nodeId) {
        Plugin p = plugin(plugin);
        CycleState st = new CycleState();
        if (p instanceof PreFilterPlugin pf) {
            Status s = pf.preFilter(st, incoming);
            if (s.isSkip()) return Status.SUCCESS;
            if (!s.isSuccess()) return s;
        }
        return ((FilterPlugin) p).filter(st, incoming, node(nodeId));
    }

    /** PreFilter, PreScore, Score and NormalizeScore over the given nodes; a skipped plugin scores nothing (null). */
    Map<String, Long> scores(String plugin, List<String> nodeIds) {
        Plugin p = plugin(plugin);
        CycleState st = new CycleState();
        if (p instanceof PreFilterPlugin pf) pf.preFilter(st, incoming);
        NodeInfo[] ns = new NodeInfo[nodeIds.size()];
        for (int i = 0; i < ns.length; i++) ns[i] = node(nodeIds.get(i));
        if (p instanceof PreScorePlugin ps && ps.preScore(st, incoming, ns, ns.length).isSkip()) return null;
        long[] sc = new long[ns.length];
        for (int i = 0; i < ns.length; i++) sc[i] = ((ScorePlugin) p).score(st, incoming, ns[i]);
        if (p instanceof NormalizeScorePlugin n) n.normalizeScore(st, incoming, ns, sc, ns.length);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < ns.length; i++) out.put(nodeIds.get(i), sc[i]);
        return out;
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static List<String> ids(List<Node> nodes) {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) out.add(n.id());
        return out;
    }
}
