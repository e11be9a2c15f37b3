package org.mesocosm.runtime.model.constraints;

/**
 * "Near (or away from) tasks matching {@code selector}, where near means: on agents with the same
 * value of the attribute {@code topologyKey}" (e.g. {@code hostname}, {@code rack}, {@code zone}).
 * Namespaces are not modelled: the selector looks at every task in the cluster.
 */
public record PodAffinityTerm(LabelSelector selector, String topologyKey) {

    public PodAffinityTerm {
        if (selector == null) throw new IllegalArgumentException("pod affinity term: selector missing");
        if (topologyKey == null || topologyKey.isBlank()) throw new IllegalArgumentException("pod affinity term: topologyKey must not be blank");
    }

    public static PodAffinityTerm of(LabelSelector selector, String topologyKey) {
        return new PodAffinityTerm(selector, topologyKey);
    }

    /** @param weight 1..100, as in Kubernetes */
    public record Weighted(int weight, PodAffinityTerm term) {
        public Weighted {
            if (weight < 1 || weight > 100) throw new IllegalArgumentException("preferred pod affinity weight must be in 1..100: " + weight);
            if (term == null) throw new IllegalArgumentException("preferred pod affinity: term missing");
        }
    }
}
