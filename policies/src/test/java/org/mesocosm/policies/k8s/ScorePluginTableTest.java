package org.mesocosm.policies.k8s;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mesocosm.policies.k8s.PluginFixture.Node;
import static org.mesocosm.policies.k8s.PluginFixture.Pod;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

/**
 * Score plugins and scoring functions with known answers. The resource cases are kube-scheduler's
 * own (least_allocated_test.go, most_allocated_test.go, balanced_allocation_test.go: "nothing
 * scheduled, resources requested, differently sized machines"): a pod of 3000m/5000Mi on nodes of
 * 4000m/10000Mi and 6000m/10000Mi.
 */
class ScorePluginTableTest {

    record Fn(String name, ScoringStrategy strategy, long reqCpu, long capCpu, long reqMem, long capMem, long want) {
        @Override public String toString() { return name; }
    }

    static Stream<Fn> strategies() {
        ScoringStrategy least = ScoringStrategy.LEAST_ALLOCATED, most = ScoringStrategy.MOST_ALLOCATED;
        return Stream.of(
                new Fn("least: nothing requested", least, 0, 4000, 0, 10000, 100),
                new Fn("least: node1 (25 + 50) / 2", least, 3000, 4000, 5000, 10000, 37),
                new Fn("least: node2", least, 3000, 6000, 5000, 10000, 50),
                new Fn("least: over capacity scores 0 for that resource", least, 5000, 4000, 5000, 10000, 25),
                new Fn("least: a node without memory is scored on cpu only", least, 1000, 4000, 0, 0, 75),
                new Fn("most: nothing requested", most, 0, 4000, 0, 10000, 0),
                new Fn("most: node1 (75 + 50) / 2", most, 3000, 4000, 5000, 10000, 62),
                new Fn("most: node2", most, 3000, 6000, 5000, 10000, 50),
                new Fn("most: over capacity is capped at 100", most, 8000, 4000, 10000, 10000, 100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void scoringStrategy(Fn c) {
        assertEquals(c.want(), c.strategy().nodeScore(c.reqCpu(), c.capCpu(), c.reqMem(), c.capMem()), c.name());
    }

    record Balanced(String name, long reqCpu, long capCpu, long reqMem, long capMem, long want) {
        @Override public String toString() { return name; }
    }

    static Stream<Balanced> balanced() {
        return Stream.of(
                new Balanced("node1: fractions 0.75 and 0.5, std 0.125", 3000, 4000, 5000, 10000, 87),
                new Balanced("node2: equal fractions", 3000, 6000, 5000, 10000, 100),
                new Balanced("empty node", 0, 4000, 0, 10000, 100),
                new Balanced("fractions 1 and 0", 4000, 4000, 0, 10000, 50),
                new Balanced("fraction capped at 1", 8000, 4000, 0, 10000, 50));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("balanced")
    void balancedAllocation(Balanced c) {
        assertEquals(c.want(), BalancedAllocation.score(c.reqCpu(), c.capCpu(), c.reqMem(), c.capMem()), c.name());
    }

    /** A plugin's normalized scores over a small cluster; null = the plugin skips scoring. */
    record Case(String name, String plugin, ScoringStrategy strategy, List<Node> nodes, List<Pod> existing, TaskSpec pod, Map<String, Long> want) {
        @Override public String toString() { return plugin + ": " + name; }
    }

    static final List<Node> SIZED = List.of(Node.of("node1", 4000, 10000), Node.of("node2", 6000, 10000));
    static final List<Node> THREE = List.of(Node.of("n1", 4000, 8192, "zone", "a", "disk", "ssd"),
            Node.of("n2", 4000, 8192, "zone", "a"), Node.of("n3", 4000, 8192, "zone", "b"));

    static Stream<Case> plugins() {
        TaskSpec big = PodHarness.pods("in", 1, 3000, 5000);
        TaskSpec small = PodHarness.pods("in", 1, 100, 128);
        NodeAffinity preferSsdOrB = NodeAffinity.preferred(
                new NodeAffinity.Preferred(5, NodeSelectorTerm.of(NodeSelectorRequirement.in("disk", "ssd"))),
                new NodeAffinity.Preferred(3, NodeSelectorTerm.of(NodeSelectorRequirement.in("zone", "b"))));
        List<Node> tainted = List.of(Node.of("t2", 4000, 8192, Taint.ATTRIBUTE, "a:PreferNoSchedule;b:PreferNoSchedule"),
                Node.of("t1", 4000, 8192, Taint.ATTRIBUTE, "a:PreferNoSchedule"), Node.of("t0", 4000, 8192));
        return Stream.of(
                new Case("least-allocated", NodeResourcesFit.NAME, ScoringStrategy.LEAST_ALLOCATED, SIZED, List.of(), big,
                        Map.of("node1", 37L, "node2", 50L)),
                new Case("most-allocated", NodeResourcesFit.NAME, ScoringStrategy.MOST_ALLOCATED, SIZED, List.of(), big,
                        Map.of("node1", 62L, "node2", 50L)),
                new Case("least-allocated counts pods already there", NodeResourcesFit.NAME, ScoringStrategy.LEAST_ALLOCATED, SIZED,
                        List.of(Pod.on("node2", 3000, 5000)), big, Map.of("node1", 37L, "node2", 0L)),
                new Case("balanced allocation", BalancedAllocation.NAME, ScoringStrategy.LEAST_ALLOCATED, SIZED, List.of(), big,
                        Map.of("node1", 87L, "node2", 100L)),
                new Case("preferred node affinity: weights 5 and 3, best scaled to 100", NodeAffinityPlugin.NAME, null, THREE, List.of(),
                        small.withPodConstraints(PodConstraints.NONE.withNodeAffinity(preferSsdOrB)),
                        Map.of("n1", 100L, "n2", 0L, "n3", 60L)),
                new Case("PreferNoSchedule: fewer untolerated taints score higher", TaintTolerationPlugin.NAME, null, tainted, List.of(), small,
                        Map.of("t2", 0L, "t1", 50L, "t0", 100L)),
                new Case("a tolerated PreferNoSchedule taint does not count", TaintTolerationPlugin.NAME, null, tainted, List.of(),
                        small.withPodConstraints(PodConstraints.NONE.withTolerations(Toleration.exists("a", Taint.Effect.PREFER_NO_SCHEDULE))),
                        Map.of("t2", 0L, "t1", 100L, "t0", 100L)),
                new Case("preferred pod affinity by zone, min-max scaled", InterPodAffinity.NAME, null, THREE,
                        List.of(Pod.on("n3", 100, 128, "app", "db")),
                        small.withPodConstraints(PodConstraints.NONE.withPodAffinity(PodAffinity.preferred(
                                new PodAffinityTerm.Weighted(10, PodAffinityTerm.of(LabelSelector.of("app", "db"), "zone"))))),
                        Map.of("n1", 0L, "n2", 0L, "n3", 100L)),
                new Case("preferred pod anti-affinity by zone", InterPodAffinity.NAME, null, THREE,
                        List.of(Pod.on("n1", 100, 128, "app", "db")),
                        small.withPodConstraints(PodConstraints.NONE.withPodAntiAffinity(PodAffinity.preferred(
                                new PodAffinityTerm.Weighted(10, PodAffinityTerm.of(LabelSelector.of("app", "db"), "zone"))))),
                        Map.of("n1", 0L, "n2", 0L, "n3", 100L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plugins")
    void pluginScores(Case c) {
        PluginFixture f = new PluginFixture(c.strategy() == null ? ScoringStrategy.LEAST_ALLOCATED : c.strategy(), c.nodes(), c.existing(), c.pod());
        Map<String, Long> got = f.scores(c.plugin(), PluginFixture.ids(c.nodes()));
        assertEquals(c.want(), got, c.toString());
    }

    record Norm(String name, boolean reverse, long[] in, long[] want) {
        @Override public String toString() { return name; }
    }

    static Stream<Norm> normalizations() {
        return Stream.of(
                new Norm("highest becomes 100", false, new long[] {2, 5, 10}, new long[] {20, 50, 100}),
                new Norm("reversed", true, new long[] {2, 5, 10}, new long[] {80, 50, 0}),
                new Norm("all zero stays zero", false, new long[] {0, 0}, new long[] {0, 0}),
                new Norm("all zero reversed becomes 100", true, new long[] {0, 0}, new long[] {100, 100}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalizations")
    void defaultNormalizeScore(Norm c) {
        long[] s = c.in().clone();
        Scores.defaultNormalize(100, c.reverse(), s, s.length);
        assertArrayEquals(c.want(), s, c.name());
    }
}
