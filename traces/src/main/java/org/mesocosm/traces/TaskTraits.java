package org.mesocosm.traces;

import java.util.List;
import org.mesocosm.runtime.model.Resources;

/**
 * What a trace says about one task group beyond its request and run times: placement
 * constraints (Marathon style, e.g. {@code hostname:UNIQUE} for Google 2011's
 * different_machines_restriction) and measured usage. Carried beside the job in
 * {@link TraceRecord#traits()}, one per task group, so it reaches the replay whatever the
 * {@code TaskSpec} of the day can hold.
 *
 * @param constraints Marathon-style constraints, empty when none
 * @param usage mean measured usage per instance, or null when the trace has none
 */
public record TaskTraits(List<String> constraints, Resources usage) {
    public static final TaskTraits NONE = new TaskTraits(List.of(), null);
    /** Google 2011 different_machines_restriction = 1: no two instances on one machine. */
    public static final TaskTraits UNIQUE_HOST = new TaskTraits(List.of("hostname:UNIQUE"), null);

    public TaskTraits {
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }

    public boolean isNone() {
        return constraints.isEmpty() && usage == null;
    }
}
