package org.mesocosm.policies.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mesocosm.policies.k8s.PluginFixture.Node;
import static org.mesocosm.policies.k8s.PluginFixture.Pod;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mesocosm.runtime.master.Agent;
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
import org.mesocosm.runtime.pods.Status;

/**
 * Filter plugins, table-driven in the style of kube-scheduler's plugin tests: each case is a
 * cluster, the pods on it, an incoming pod, and per node the status code wanted (and, for
 * rejections, the reason).
 */
class FilterPluginTableTest {

    record Want(Status.Code code, String reason) {
        static final Want OK = new Want(Status.Code.SUCCESS, null);

        static Want unschedulable(String reason) { return new Want(Status.Code.UNSCHEDULABLE, reason); }

        static Want unresolvable(String reason) { return new Want(Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reason); }
    }

    record Case(String name, String plugin, List<Node> nodes, List<Pod> existing, TaskSpec pod, Map<String, Want> want) {
        @Override public String toString() { return plugin + ": " + name; }
    }

    static final List<Node> TWO_NODES = List.of(Node.of("n1", 4000, 8192, "zone", "a"), Node.of("n2", 4000, 8192, "zone", "b"));
    static final List<Node> ZONES = List.of(Node.of("a1", 4000, 8192, "zone", "a"), Node.of("a2", 4000, 8192, "zone", "a"),
            Node.of("b1", 4000, 8192, "zone", "b"), Node.of("c1", 4000, 8192));

    static TaskSpec pod(long cpu, long mem) {
        return PodHarness.pods("in", 1, cpu, mem);
    }

    static TaskSpec pod(PodConstraints c, String... labels) {
        return pod(100, 128).withPodConstraints(c).withLabels(PluginFixture.map(labels));
    }

    static PodConstraints antiAffinity(String key, String value, String topology) {
        return PodConstraints.NONE.withPodAntiAffinity(PodAffinity.required(PodAffinityTerm.of(LabelSelector.of(key, value), topology)));
    }

    static PodConstraints affinity(String key, String value, String topology) {
        return PodConstraints.NONE.withPodAffinity(PodAffinity.required(PodAffinityTerm.of(LabelSelector.of(key, value), topology)));
    }

    static PodConstraints spread(int maxSkew, String key) {
        return PodConstraints.NONE.withTopologySpread(new TopologySpreadConstraint(maxSkew, key,
                TopologySpreadConstraint.WhenUnsatisfiable.DO_NOT_SCHEDULE, LabelSelector.of("app", "web")));
    }

    static Stream<Case> cases() {
        String fit = NodeResourcesFit.NAME, aff = NodeAffinityPlugin.NAME, taint = TaintTolerationPlugin.NAME;
        String ipa = InterPodAffinity.NAME, pts = PodTopologySpread.NAME;
        List<Pod> n1Busy = List.of(Pod.on("n1", 3000, 1024));
        return Stream.of(
                // NodeResourcesFit
                new Case("no pods, fits", fit, TWO_NODES, List.of(), pod(4000, 8192), Map.of("n1", Want.OK, "n2", Want.OK)),
                new Case("exactly what is left", fit, TWO_NODES, n1Busy, pod(1000, 7168), Map.of("n1", Want.OK)),
                new Case("one millicore too many", fit, TWO_NODES, n1Busy, pod(1001, 1024),
                        Map.of("n1", Want.unschedulable("Insufficient cpu"), "n2", Want.OK)),
                new Case("short on both, both reported", fit, TWO_NODES, n1Busy, pod(2000, 8000),
                        Map.of("n1", Want.unschedulable("Insufficient cpu, Insufficient memory"), "n2", Want.OK)),
                // NodeAffinity: node selector, required terms
                new Case("selector matches", aff, TWO_NODES, List.of(), pod(100, 128).withNodeSelector(Map.of("zone", "b")),
                        Map.of("n1", Want.unresolvable("node(s) didn't match Pod's node affinity/selector"), "n2", Want.OK)),
                new Case("required In", aff, TWO_NODES, List.of(),
                        pod(PodConstraints.NONE.withNodeAffinity(NodeAffinity.required(NodeSelectorTerm.of(NodeSelectorRequirement.in("zone", "a", "c"))))),
                        Map.of("n1", Want.OK, "n2", Want.unresolvable("node(s) didn't match Pod's node affinity/selector"))),
                new Case("required NotIn", aff, TWO_NODES, List.of(),
                        pod(PodConstraints.NONE.withNodeAffinity(NodeAffinity.required(NodeSelectorTerm.of(NodeSelectorRequirement.notIn("zone", "a"))))),
                        Map.of("n1", Want.unresolvable("node(s) didn't match Pod's node affinity/selector"), "n2", Want.OK)),
                new Case("terms are ORed", aff, TWO_NODES, List.of(),
                        pod(PodConstraints.NONE.withNodeAffinity(NodeAffinity.required(NodeSelectorTerm.of(NodeSelectorRequirement.in("zone", "a")),
                                NodeSelectorTerm.of(NodeSelectorRequirement.in("zone", "b"))))),
                        Map.of("n1", Want.OK, "n2", Want.OK)),
                new Case("DoesNotExist", aff, ZONES, List.of(),
                        pod(PodConstraints.NONE.withNodeAffinity(NodeAffinity.required(NodeSelectorTerm.of(NodeSelectorRequirement.doesNotExist("zone"))))),
                        Map.of("a1", Want.unresolvable("node(s) didn't match Pod's node affinity/selector"), "c1", Want.OK)),
                // TaintToleration
                new Case("untolerated NoSchedule", taint,
                        List.of(Node.of("t", 4000, 8192, Taint.ATTRIBUTE, "dedicated=gpu:NoSchedule"), Node.of("u", 4000, 8192)), List.of(),
                        pod(100, 128), Map.of("t", Want.unresolvable("node(s) had untolerated taint {dedicated: gpu}"), "u", Want.OK)),
                new Case("tolerated by Equal", taint, List.of(Node.of("t", 4000, 8192, Taint.ATTRIBUTE, "dedicated=gpu:NoSchedule")), List.of(),
                        pod(PodConstraints.NONE.withTolerations(Toleration.equal("dedicated", "gpu", Taint.Effect.NO_SCHEDULE))),
                        Map.of("t", Want.OK)),
                new Case("Equal with another value does not tolerate", taint,
                        List.of(Node.of("t", 4000, 8192, Taint.ATTRIBUTE, "dedicated=gpu:NoSchedule")), List.of(),
                        pod(PodConstraints.NONE.withTolerations(Toleration.equal("dedicated", "db", Taint.Effect.NO_SCHEDULE))),
                        Map.of("t", Want.unresolvable("node(s) had untolerated taint {dedicated: gpu}"))),
                new Case("Exists tolerates any value; PreferNoSchedule never filters", taint,
                        List.of(Node.of("t", 4000, 8192, Taint.ATTRIBUTE, "dedicated=gpu:NoExecute;slow:PreferNoSchedule")), List.of(),
                        pod(PodConstraints.NONE.withTolerations(Toleration.exists("dedicated", null))), Map.of("t", Want.OK)),
                // InterPodAffinity
                new Case("anti-affinity to a pod on the node", ipa, TWO_NODES, List.of(Pod.on("n1", 100, 128, "app", "web")),
                        pod(antiAffinity("app", "web", Agent.HOSTNAME), "app", "web"),
                        Map.of("n1", Want.unschedulable("node(s) didn't match pod anti-affinity rules"), "n2", Want.OK)),
                new Case("anti-affinity by zone covers the whole zone", ipa, ZONES, List.of(Pod.on("a1", 100, 128, "app", "web")),
                        pod(antiAffinity("app", "web", "zone")),
                        Map.of("a1", Want.unschedulable("node(s) didn't match pod anti-affinity rules"),
                                "a2", Want.unschedulable("node(s) didn't match pod anti-affinity rules"), "b1", Want.OK, "c1", Want.OK)),
                new Case("an existing pod's anti-affinity keeps the incoming pod away", ipa, TWO_NODES,
                        List.of(Pod.on("n1", 100, 128, "app", "db").with(antiAffinity("app", "web", Agent.HOSTNAME))),
                        pod(PodConstraints.NONE, "app", "web"),
                        Map.of("n1", Want.unschedulable("node(s) didn't satisfy existing pods anti-affinity rules"), "n2", Want.OK)),
                new Case("affinity: only where a matching pod runs", ipa, ZONES, List.of(Pod.on("b1", 100, 128, "app", "db")),
                        pod(affinity("app", "db", "zone")),
                        Map.of("a1", Want.unresolvable("node(s) didn't match pod affinity rules"), "b1", Want.OK,
                                "c1", Want.unresolvable("node(s) didn't match pod affinity rules"))),
                new Case("affinity to itself: the first pod of a group may go anywhere", ipa, TWO_NODES, List.of(),
                        pod(affinity("app", "web", "zone"), "app", "web"), Map.of("n1", Want.OK, "n2", Want.OK)),
                // PodTopologySpread (maxSkew 1 over zones a, b; c1 has no zone label)
                new Case("skew would exceed 1", pts, ZONES, List.of(Pod.on("a1", 100, 128, "app", "web")),
                        pod(spread(1, "zone"), "app", "web"),
                        Map.of("a1", Want.unschedulable("node(s) didn't match pod topology spread constraints"),
                                "a2", Want.unschedulable("node(s) didn't match pod topology spread constraints"), "b1", Want.OK,
                                "c1", Want.unresolvable("node(s) didn't match pod topology spread constraints (missing required label)"))),
                new Case("balanced zones: either", pts, ZONES, List.of(Pod.on("a1", 100, 128, "app", "web"), Pod.on("b1", 100, 128, "app", "web")),
                        pod(spread(1, "zone"), "app", "web"), Map.of("a2", Want.OK, "b1", Want.OK)),
                new Case("maxSkew 2 allows one more", pts, ZONES, List.of(Pod.on("a1", 100, 128, "app", "web")),
                        pod(spread(2, "zone"), "app", "web"), Map.of("a1", Want.OK, "b1", Want.OK)),
                new Case("pods not selected do not count", pts, ZONES, List.of(Pod.on("a1", 100, 128, "app", "db"), Pod.on("a2", 100, 128, "app", "db")),
                        pod(spread(1, "zone"), "app", "web"), Map.of("a1", Want.OK, "b1", Want.OK)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(Case c) {
        PluginFixture f = new PluginFixture(ScoringStrategy.LEAST_ALLOCATED, c.nodes(), c.existing(), c.pod());
        for (Map.Entry<String, Want> e : c.want().entrySet()) {
            Status s = f.filter(c.plugin(), e.getKey());
            assertEquals(e.getValue().code(), s.code(), c + " on " + e.getKey() + ": " + s);
            if (e.getValue().reason() != null) assertEquals(e.getValue().reason(), String.join(", ", s.reasons()), c + " on " + e.getKey());
        }
    }
}
