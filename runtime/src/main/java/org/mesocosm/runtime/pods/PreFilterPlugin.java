package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * Runs once per cycle before any Filter: precomputes what Filter needs into the cycle state, or
 * rejects the pod outright. Returning {@link Status#SKIP} skips this plugin's Filter for the pod.
 */
public interface PreFilterPlugin extends Plugin {
    Status preFilter(CycleState state, Task pod);

    /** How to update this plugin's cycle state when a what-if copy of a node gains or loses a pod; null if it need not. */
    default PreFilterExtensions preFilterExtensions() { return null; }
}
