package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/** Claims plugin-side state for the chosen node before binding; undone if a later step fails. */
public interface ReservePlugin extends Plugin {
    Status reserve(CycleState state, Task pod, NodeInfo node);

    void unreserve(CycleState state, Task pod, NodeInfo node);
}
