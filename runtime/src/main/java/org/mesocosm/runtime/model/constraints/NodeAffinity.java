package org.mesocosm.runtime.model.constraints;

import java.util.List;
import java.util.Map;

/**
 * Which agents a pod may (required) and would rather (preferred) run on.
 *
 * @param required terms ORed: an agent qualifies if it matches at least one; empty = any agent
 * @param preferred weighted terms: an agent scores the sum of the weights of the terms it matches
 */
public record NodeAffinity(List<NodeSelectorTerm> required, List<Preferred> preferred) {

    public static final NodeAffinity NONE = new NodeAffinity(List.of(), List.of());

    /** @param weight 1..100, as in Kubernetes */
    public record Preferred(int weight, NodeSelectorTerm term) {
        public Preferred {
            if (weight < 1 || weight > 100) throw new IllegalArgumentException("preferred node affinity weight must be in 1..100: " + weight);
            if (term == null) throw new IllegalArgumentException("preferred node affinity: term missing");
        }
    }

    public NodeAffinity {
        required = required == null ? List.of() : List.copyOf(required);
        preferred = preferred == null ? List.of() : List.copyOf(preferred);
    }

    public static NodeAffinity required(NodeSelectorTerm... terms) {
        return new NodeAffinity(List.of(terms), List.of());
    }

    public static NodeAffinity preferred(Preferred... terms) {
        return new NodeAffinity(List.of(), List.of(terms));
    }

    public boolean isEmpty() {
        return required.isEmpty() && preferred.isEmpty();
    }

    /** True if the required terms let the pod run on an agent with these attributes. */
    public boolean requiredMatch(Map<String, String> attributes) {
        if (required.isEmpty()) return true;
        for (NodeSelectorTerm t : required) if (t.matches(attributes)) return true;
        return false;
    }

    /** Sum of the weights of the preferred terms the agent matches. */
    public long preferredScore(Map<String, String> attributes) {
        long s = 0;
        for (Preferred p : preferred) if (p.term().matches(attributes)) s += p.weight();
        return s;
    }
}
