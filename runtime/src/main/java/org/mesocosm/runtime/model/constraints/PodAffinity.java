package org.mesocosm.runtime.model.constraints;

import java.util.List;

/**
 * Inter-pod affinity or anti-affinity (the same shape serves both).
 *
 * @param required every term must be satisfied
 * @param preferred terms that add (affinity) or subtract (anti-affinity) their weight from an agent's score
 */
public record PodAffinity(List<PodAffinityTerm> required, List<PodAffinityTerm.Weighted> preferred) {

    public static final PodAffinity NONE = new PodAffinity(List.of(), List.of());

    public PodAffinity {
        required = required == null ? List.of() : List.copyOf(required);
        preferred = preferred == null ? List.of() : List.copyOf(preferred);
    }

    public static PodAffinity required(PodAffinityTerm... terms) {
        return new PodAffinity(List.of(terms), List.of());
    }

    public static PodAffinity preferred(PodAffinityTerm.Weighted... terms) {
        return new PodAffinity(List.of(), List.of(terms));
    }

    public boolean isEmpty() {
        return required.isEmpty() && preferred.isEmpty();
    }
}
