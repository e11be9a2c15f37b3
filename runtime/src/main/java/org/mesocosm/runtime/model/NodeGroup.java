package org.mesocosm.runtime.model;

import java.util.Map;

/** {@code count} identical nodes of one shape, with attributes (e.g. rack, zone). */
public record NodeGroup(int count, Resources capacity, Map<String, String> attributes) {
    public NodeGroup {
        if (count < 0) throw new IllegalArgumentException("node count must be >= 0");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
