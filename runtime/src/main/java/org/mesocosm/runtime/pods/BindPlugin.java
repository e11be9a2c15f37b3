package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * Puts the pod on the chosen node (through {@link FrameworkHandle#context()}). Binders are asked
 * in order; one that returns {@link Status#SKIP} leaves the pod to the next. At least one per profile.
 */
public interface BindPlugin extends Plugin {
    Status bind(CycleState state, Task pod, NodeInfo node);
}
