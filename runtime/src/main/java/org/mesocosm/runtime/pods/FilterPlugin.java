package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * Can the pod run on this node? Called in the hot loop: read precomputed cycle state and node
 * fields, return {@link Status#SUCCESS} or a constant rejection, allocate nothing.
 */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, Task pod, NodeInfo node);
}
