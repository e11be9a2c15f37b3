package org.mesocosm.policies.borg;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.BindPlugin;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.QueuedPod;
import org.mesocosm.runtime.pods.Status;

/**
 * Launches on guaranteed resources when they suffice, else on reclaimed ones (see {@link BorgFit}).
 * The choice is made as the filter saw the node: with the pods that preemption nominated to it
 * (at least as important as this one) counted as already there, so a best-effort task that fits
 * only beside them goes on reclaimed resources and does not eat the guaranteed room kept for them.
 */
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
        NodeInfo view = withNominated(pod, node);
        if (BorgFit.fitsGuaranteed(pod.request(), view)) {
            handle.context().launch(pod, node.agent());
        } else if (fit.mayReclaim(pod) && BorgFit.fitsReclaimed(pod.request(), view)) {
            handle.context().launchReclaimed(pod, node.agent());
        } else {
            return Status.error(NAME, "node " + node.id() + " no longer fits " + pod.id());
        }
        return Status.SUCCESS;
    }

    private NodeInfo withNominated(Task pod, NodeInfo node) {
        NodeInfo view = node;
        for (QueuedPod q : handle.nominatedPods(node)) {
            if (q.task() == pod || q.priority() < pod.priority()) continue;
            if (view == node) view = node.copy();
            view.addPod(PlacedPod.nominated(q.task(), node));
        }
        return view;
    }
}
