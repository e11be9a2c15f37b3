package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/** Rescales a score plugin's raw scores over all scored nodes (e.g. to 0..100), in place. */
public interface NormalizeScorePlugin extends ScorePlugin {
    /** @param scores raw scores of {@code nodes[0..count)}, rewritten in place */
    Status normalizeScore(CycleState state, Task pod, NodeInfo[] nodes, long[] scores, int count);
}
