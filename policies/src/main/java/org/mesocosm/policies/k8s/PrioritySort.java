package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.pods.QueueSortPlugin;
import org.mesocosm.runtime.pods.QueuedPod;

/** kube-scheduler's PrioritySort: higher priority first, then the pod that entered the active queue first, then creation order. */
public final class PrioritySort implements QueueSortPlugin {
    public static final String NAME = "PrioritySort";

    @Override
    public String name() { return NAME; }

    @Override
    public int compare(QueuedPod a, QueuedPod b) {
        if (a.priority() != b.priority()) return Integer.compare(b.priority(), a.priority());
        if (a.timestamp() != b.timestamp()) return Long.compare(a.timestamp(), b.timestamp());
        return Long.compare(a.seq(), b.seq());
    }
}
