package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * Runs once per cycle before Score, with the feasible nodes that will be scored. Returning
 * {@link Status#SKIP} skips this plugin's Score (it would give every node the same score).
 */
public interface PreScorePlugin extends Plugin {
    /** @param nodes the first {@code count} entries are the feasible nodes */
    Status preScore(CycleState state, Task pod, NodeInfo[] nodes, int count);
}
