package org.mesocosm.policies.mesos;

import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.constraints.LabelSelector;
import org.mesocosm.runtime.model.constraints.NodeAffinity;
import org.mesocosm.runtime.model.constraints.NodeSelectorRequirement;
import org.mesocosm.runtime.model.constraints.NodeSelectorTerm;
import org.mesocosm.runtime.model.constraints.PodAffinity;
import org.mesocosm.runtime.model.constraints.PodAffinityTerm;
import org.mesocosm.runtime.model.constraints.PodConstraints;
import org.mesocosm.runtime.model.constraints.TopologySpreadConstraint;

/** Pod-style task groups for the k8s framework's tests: 1 cpu, 1 GiB each, labelled app=NAME. */
final class K8sSpecs {
    private K8sSpecs() {}

    static TaskSpec antiAffine(String app, int n) {
        PodConstraints apart = PodConstraints.NONE.withPodAntiAffinity(PodAffinity.required(PodAffinityTerm.of(LabelSelector.of("app", app), Agent.HOSTNAME)));
        return MesosHarness.group(app, n, 1000, 1024).withLabels(Map.of("app", app)).withPodConstraints(apart);
    }

    static TaskSpec nodeAffinity(String app, int n, String key, String value) {
        PodConstraints c = PodConstraints.NONE.withNodeAffinity(NodeAffinity.required(NodeSelectorTerm.of(NodeSelectorRequirement.in(key, value))));
        return MesosHarness.group(app, n, 1000, 1024).withLabels(Map.of("app", app)).withPodConstraints(c);
    }

    static TaskSpec spread(String app, int n, String key) {
        PodConstraints c = PodConstraints.NONE.withTopologySpread(new TopologySpreadConstraint(1, key,
                TopologySpreadConstraint.WhenUnsatisfiable.DO_NOT_SCHEDULE, LabelSelector.of("app", app)));
        return MesosHarness.group(app, n, 1000, 1024).withLabels(Map.of("app", app)).withPodConstraints(c);
    }
}
