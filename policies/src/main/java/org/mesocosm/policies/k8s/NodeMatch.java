package org.mesocosm.policies.k8s;

import java.util.Map;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.constraints.NodeAffinity;

/** Does a node satisfy a pod's node selector and required node affinity (kube's RequiredNodeAffinity)? */
final class NodeMatch {
    private NodeMatch() {}

    static boolean hasRequirements(Task pod) {
        return !pod.spec().nodeSelector().isEmpty() || !pod.spec().podConstraints().nodeAffinity().required().isEmpty();
    }

    static boolean matches(Task pod, Map<String, String> attributes) {
        for (Map.Entry<String, String> e : pod.spec().nodeSelector().entrySet()) {
            if (!e.getValue().equals(attributes.get(e.getKey()))) return false;
        }
        NodeAffinity a = pod.spec().podConstraints().nodeAffinity();
        return a.requiredMatch(attributes);
    }
}
