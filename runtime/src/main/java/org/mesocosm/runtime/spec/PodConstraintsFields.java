package org.mesocosm.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.runtime.model.constraints.LabelSelector;
import org.mesocosm.runtime.model.constraints.NodeAffinity;
import org.mesocosm.runtime.model.constraints.NodeSelectorRequirement;
import org.mesocosm.runtime.model.constraints.NodeSelectorTerm;
import org.mesocosm.runtime.model.constraints.PodAffinity;
import org.mesocosm.runtime.model.constraints.PodAffinityTerm;
import org.mesocosm.runtime.model.constraints.PodConstraints;
import org.mesocosm.runtime.model.constraints.TopologySpreadConstraint;

/**
 * The Kubernetes-style placement fields of a task group (what the {@code k8s} policy and the
 * {@code mesos} policy's k8s framework honour), in their required forms:
 * <pre>
 *   "node_affinity":     [{"key": "zone", "operator": "in", "values": ["a", "b"]}]    one term: all must hold
 *   "pod_affinity":      [{"labels": {"app": "db"}, "topology_key": "zone"}]
 *   "pod_anti_affinity": [{"labels": {"app": "web"}, "topology_key": "hostname"}]
 *   "topology_spread":   [{"max_skew": 1, "topology_key": "zone", "labels": {"app": "web"},
 *                          "when_unsatisfiable": "do_not_schedule"}]
 * </pre>
 * Operators: in, not_in, exists, does_not_exist, gt, lt. {@link #write} writes back exactly what
 * {@link #read} can read; constraints beyond it (preferred terms, label expressions, tolerations:
 * from traces) are not written.
 */
final class PodConstraintsFields {
    static final List<String> FIELDS = List.of("node_affinity", "pod_affinity", "pod_anti_affinity", "topology_spread");
    private static final java.util.Set<String> REQUIREMENT = JobSpecReader.fields("key", "operator", "values");
    private static final java.util.Set<String> TERM = JobSpecReader.fields("labels", "topology_key");
    private static final java.util.Set<String> SPREAD = JobSpecReader.fields("max_skew", "topology_key", "labels", "when_unsatisfiable");

    private PodConstraintsFields() {}

    static PodConstraints read(SpecObject o) {
        PodConstraints c = PodConstraints.NONE;
        List<NodeSelectorRequirement> reqs = new ArrayList<>();
        for (SpecObject r : objects(o, "node_affinity", REQUIREMENT)) {
            String op = r.requiredString("operator");
            NodeSelectorRequirement.Operator operator;
            try {
                operator = NodeSelectorRequirement.Operator.valueOf(op.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SpecError(r.path("operator"), "'" + op + "' is not one of in, not_in, exists, does_not_exist, gt, lt");
            }
            try {
                reqs.add(new NodeSelectorRequirement(r.requiredString("key"), operator, r.stringList("values")));
            } catch (IllegalArgumentException e) {
                throw new SpecError(r.path("values"), e.getMessage());
            }
            r.finish();
        }
        if (!reqs.isEmpty()) c = c.withNodeAffinity(NodeAffinity.required(new NodeSelectorTerm(reqs)));
        List<PodAffinityTerm> near = terms(o, "pod_affinity");
        if (!near.isEmpty()) c = c.withPodAffinity(new PodAffinity(near, List.of()));
        List<PodAffinityTerm> apart = terms(o, "pod_anti_affinity");
        if (!apart.isEmpty()) c = c.withPodAntiAffinity(new PodAffinity(apart, List.of()));
        List<TopologySpreadConstraint> spread = new ArrayList<>();
        for (SpecObject s : objects(o, "topology_spread", SPREAD)) {
            String when = s.string("when_unsatisfiable", "do_not_schedule");
            TopologySpreadConstraint.WhenUnsatisfiable w;
            try {
                w = TopologySpreadConstraint.WhenUnsatisfiable.valueOf(when.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SpecError(s.path("when_unsatisfiable"), "'" + when + "' is not do_not_schedule or schedule_anyway");
            }
            try {
                spread.add(new TopologySpreadConstraint((int) s.integer("max_skew", 1, 1, 1_000_000), s.requiredString("topology_key"), w,
                        LabelSelector.of(s.stringMap("labels", null, null))));
            } catch (IllegalArgumentException e) {
                throw new SpecError(s.path("topology_key"), e.getMessage());
            }
            s.finish();
        }
        if (!spread.isEmpty()) c = c.withTopologySpread(spread.toArray(new TopologySpreadConstraint[0]));
        return c;
    }

    private static List<PodAffinityTerm> terms(SpecObject o, String field) {
        List<PodAffinityTerm> out = new ArrayList<>();
        for (SpecObject t : objects(o, field, TERM)) {
            Map<String, String> labels = t.stringMap("labels", null, null);
            if (labels.isEmpty()) throw new SpecError(t.path("labels"), "is required: the labels of the tasks to be near or away from");
            try {
                out.add(PodAffinityTerm.of(LabelSelector.of(labels), t.requiredString("topology_key")));
            } catch (IllegalArgumentException e) {
                throw new SpecError(t.path("topology_key"), e.getMessage());
            }
            t.finish();
        }
        return out;
    }

    private static List<SpecObject> objects(SpecObject o, String field, java.util.Set<String> fields) {
        JsonNode arr = o.raw(field);
        List<SpecObject> out = new ArrayList<>();
        if (arr == null) return out;
        if (!arr.isArray()) throw new SpecError(o.path(field), "must be a list" + SpecObject.found(arr));
        for (int i = 0; i < arr.size(); i++) {
            if (!arr.get(i).isObject()) throw new SpecError(o.path(field) + "[" + i + "]", "must be an object" + SpecObject.found(arr.get(i)));
            out.add(new SpecObject(arr.get(i), o.path(field) + "[" + i + "]", fields));
        }
        return out;
    }

    /** Writes what {@link #read} reads back equal; nothing when the constraints hold more than that. */
    static void write(ObjectNode o, PodConstraints c) {
        if (c.isEmpty() || !expressible(c)) return;
        if (!c.nodeAffinity().required().isEmpty()) {
            ArrayNode a = o.putArray("node_affinity");
            for (NodeSelectorRequirement r : c.nodeAffinity().required().get(0).requirements()) {
                ObjectNode x = a.addObject().put("key", r.key()).put("operator", r.operator().name().toLowerCase(Locale.ROOT));
                if (!r.values().isEmpty()) r.values().forEach(x.putArray("values")::add);
            }
        }
        writeTerms(o, "pod_affinity", c.podAffinity().required());
        writeTerms(o, "pod_anti_affinity", c.podAntiAffinity().required());
        if (!c.topologySpread().isEmpty()) {
            ArrayNode a = o.putArray("topology_spread");
            for (TopologySpreadConstraint s : c.topologySpread()) {
                ObjectNode x = a.addObject().put("max_skew", s.maxSkew()).put("topology_key", s.topologyKey());
                s.selector().matchLabels().forEach(x.putObject("labels")::put);
                x.put("when_unsatisfiable", s.whenUnsatisfiable().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void writeTerms(ObjectNode o, String field, List<PodAffinityTerm> terms) {
        if (terms.isEmpty()) return;
        ArrayNode a = o.putArray(field);
        for (PodAffinityTerm t : terms) {
            ObjectNode x = a.addObject();
            t.selector().matchLabels().forEach(x.putObject("labels")::put);
            x.put("topology_key", t.topologyKey());
        }
    }

    private static boolean expressible(PodConstraints c) {
        if (!c.tolerations().isEmpty() || !c.nodeAffinity().preferred().isEmpty() || c.nodeAffinity().required().size() > 1) return false;
        if (!c.podAffinity().preferred().isEmpty() || !c.podAntiAffinity().preferred().isEmpty()) return false;
        for (PodAffinityTerm t : c.podAffinity().required()) if (!plain(t.selector())) return false;
        for (PodAffinityTerm t : c.podAntiAffinity().required()) if (!plain(t.selector())) return false;
        for (TopologySpreadConstraint s : c.topologySpread()) if (!plain(s.selector()) || s.selector().matchLabels().isEmpty()) return false;
        return true;
    }

    private static boolean plain(LabelSelector s) {
        return s.expressions().isEmpty() && !s.matchLabels().isEmpty();
    }
}
