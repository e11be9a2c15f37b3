package org.mesocosm.runtime.model.constraints;

/**
 * Spread matching tasks evenly over the values of an agent attribute (a Kubernetes
 * topologySpreadConstraint): placing the pod must not make the difference between the most and
 * the least loaded domain exceed {@code maxSkew}.
 *
 * @param maxSkew at least 1
 * @param topologyKey the agent attribute whose values are the domains (e.g. {@code zone})
 * @param whenUnsatisfiable {@code DO_NOT_SCHEDULE}: a hard filter; {@code SCHEDULE_ANYWAY}: a preference
 * @param selector the tasks counted in each domain
 */
public record TopologySpreadConstraint(int maxSkew, String topologyKey, WhenUnsatisfiable whenUnsatisfiable, LabelSelector selector) {

    public enum WhenUnsatisfiable { DO_NOT_SCHEDULE, SCHEDULE_ANYWAY }

    public TopologySpreadConstraint {
        if (maxSkew < 1) throw new IllegalArgumentException("topology spread: maxSkew must be >= 1: " + maxSkew);
        if (topologyKey == null || topologyKey.isBlank()) throw new IllegalArgumentException("topology spread: topologyKey must not be blank");
        if (whenUnsatisfiable == null) throw new IllegalArgumentException("topology spread: whenUnsatisfiable missing");
        if (selector == null) throw new IllegalArgumentException("topology spread: selector missing");
    }

    public boolean isHard() {
        return whenUnsatisfiable == WhenUnsatisfiable.DO_NOT_SCHEDULE;
    }
}
