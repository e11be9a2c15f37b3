package org.mesocosm.runtime.model.constraints;

import java.util.List;

/**
 * Kubernetes-style placement constraints of a task, beyond its node selector. Every part is
 * optional; {@link #NONE} is what workloads without constraints get, and policies that do not
 * understand constraints (offers) ignore them.
 *
 * @param tolerations taints this task tolerates
 * @param nodeAffinity required and preferred agent attributes
 * @param podAffinity be near tasks with certain labels
 * @param podAntiAffinity be away from tasks with certain labels
 * @param topologySpread spread matching tasks over agent attribute values
 */
public record PodConstraints(List<Toleration> tolerations, NodeAffinity nodeAffinity, PodAffinity podAffinity,
                             PodAffinity podAntiAffinity, List<TopologySpreadConstraint> topologySpread) {

    public static final PodConstraints NONE = new PodConstraints(List.of(), NodeAffinity.NONE, PodAffinity.NONE, PodAffinity.NONE, List.of());

    public PodConstraints {
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        nodeAffinity = nodeAffinity == null ? NodeAffinity.NONE : nodeAffinity;
        podAffinity = podAffinity == null ? PodAffinity.NONE : podAffinity;
        podAntiAffinity = podAntiAffinity == null ? PodAffinity.NONE : podAntiAffinity;
        topologySpread = topologySpread == null ? List.of() : List.copyOf(topologySpread);
    }

    public boolean isEmpty() {
        return tolerations.isEmpty() && nodeAffinity.isEmpty() && podAffinity.isEmpty() && podAntiAffinity.isEmpty()
                && topologySpread.isEmpty();
    }

    /** True if the task has inter-pod affinity or anti-affinity terms of any kind. */
    public boolean hasPodAffinity() {
        return !podAffinity.isEmpty() || !podAntiAffinity.isEmpty();
    }

    public PodConstraints withTolerations(Toleration... ts) {
        return new PodConstraints(List.of(ts), nodeAffinity, podAffinity, podAntiAffinity, topologySpread);
    }

    public PodConstraints withNodeAffinity(NodeAffinity a) {
        return new PodConstraints(tolerations, a, podAffinity, podAntiAffinity, topologySpread);
    }

    public PodConstraints withPodAffinity(PodAffinity a) {
        return new PodConstraints(tolerations, nodeAffinity, a, podAntiAffinity, topologySpread);
    }

    public PodConstraints withPodAntiAffinity(PodAffinity a) {
        return new PodConstraints(tolerations, nodeAffinity, podAffinity, a, topologySpread);
    }

    public PodConstraints withTopologySpread(TopologySpreadConstraint... cs) {
        return new PodConstraints(tolerations, nodeAffinity, podAffinity, podAntiAffinity, List.of(cs));
    }
}
