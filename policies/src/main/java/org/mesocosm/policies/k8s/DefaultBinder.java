package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.BindPlugin;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.Status;

/** Launches the pod on the chosen node through the master. */
public final class DefaultBinder implements BindPlugin {
    public static final String NAME = "DefaultBinder";
    private FrameworkHandle handle;

    @Override
    public String name() { return NAME; }

    @Override
    public void init(FrameworkHandle h) { this.handle = h; }

    @Override
    public Status bind(CycleState state, Task pod, NodeInfo node) {
        handle.context().launch(pod, node.agent());
        return Status.SUCCESS;
    }
}
