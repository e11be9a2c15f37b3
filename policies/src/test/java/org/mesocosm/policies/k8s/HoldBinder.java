package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.BindPlugin;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.Status;

/**
 * For plugin tests: refuses to bind pods labelled {@code hold}, so they stay pending and a test
 * can run single plugins on them; every other pod goes on to the next binder.
 */
final class HoldBinder implements BindPlugin {
    static final String LABEL = "hold";

    @Override
    public String name() { return "HoldBinder"; }

    @Override
    public Status bind(CycleState state, Task pod, NodeInfo node) {
        return pod.spec().labels().containsKey(LABEL) ? Status.error(name(), "held for a test") : Status.SKIP;
    }
}
