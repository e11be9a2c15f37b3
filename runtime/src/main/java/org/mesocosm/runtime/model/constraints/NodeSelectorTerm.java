package org.mesocosm.runtime.model.constraints;

import java.util.List;
import java.util.Map;

/** Requirements that must all hold (a Kubernetes NodeSelectorTerm). An empty term matches nothing. */
public record NodeSelectorTerm(List<NodeSelectorRequirement> requirements) {

    public NodeSelectorTerm {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
    }

    public static NodeSelectorTerm of(NodeSelectorRequirement... rs) {
        return new NodeSelectorTerm(List.of(rs));
    }

    public boolean matches(Map<String, String> attributes) {
        if (requirements.isEmpty()) return false; // as in Kubernetes: an empty term selects no node
        for (NodeSelectorRequirement r : requirements) if (!r.matches(attributes)) return false;
        return true;
    }
}
