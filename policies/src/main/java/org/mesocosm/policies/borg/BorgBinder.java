package org.mesocosm.policies.borg;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.BindPlugin;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.Status;

/** Launches on guaranteed resources when they suffice, else on reclaimed ones (see {@link BorgFit}). */
public final class BorgBinder implements BindPlugin {
    public static final String NAME = "BorgBinder";
    private final BorgFit fit;
    private FrameworkHandle handle;

    public BorgBinder(BorgFit fit) {
        this.fit = fit;
    }

    @Override
    public String name() { return NAME; }

    @Override
    public void init(FrameworkHandle h) { this.handle = h; }

    @Override
    public Status bind(CycleState state, Task pod, NodeInfo node) {
        if (BorgFit.fitsGuaranteed(pod.request(), node)) {
            handle.context().launch(pod, node.agent());
        } else if (fit.mayReclaim(pod) && BorgFit.fitsReclaimed(pod.request(), node)) {
            handle.context().launchReclaimed(pod, node.agent());
        } else {
            return Status.error(NAME, "node " + node.id() + " no longer fits " + pod.id());
        }
        return Status.SUCCESS;
    }
}
