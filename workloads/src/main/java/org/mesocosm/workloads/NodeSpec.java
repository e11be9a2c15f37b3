package org.mesocosm.workloads;

import java.util.Map;
import org.mesocosm.runtime.model.Resources;

/** One node, as a simulator registers it: an id, its capacity and its attributes. */
public record NodeSpec(String id, Resources capacity, Map<String, String> attributes) {
    public NodeSpec {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("node id must not be blank");
        if (capacity == null) throw new IllegalArgumentException("node '" + id + "': capacity missing");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
