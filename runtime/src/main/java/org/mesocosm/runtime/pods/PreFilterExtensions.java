package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * Keeps a PreFilter's cycle state right when preemption evaluates "what if these pods were gone"
 * (or nominated pods were there) on a copy of a node and a copy of the state.
 */
public interface PreFilterExtensions {
    void addPod(CycleState state, Task pod, PlacedPod added, NodeInfo node);

    void removePod(CycleState state, Task pod, PlacedPod removed, NodeInfo node);
}
