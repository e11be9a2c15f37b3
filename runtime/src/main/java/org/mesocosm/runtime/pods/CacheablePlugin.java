package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * Optional for Filter, PreScore and Score plugins: says when the plugin's Filter and Score
 * results for a pod depend on nothing but the pod's spec and request and the node's own state,
 * so that a {@link CachedScan} may keep them per node and reuse them for the next pod of the same
 * spec (a job's tasks are scheduled one after another) until the node changes. A cycle uses the
 * cache only when every Filter, PreScore and Score plugin of the profile implements this
 * interface and agrees for the pod at hand; what it answers must never change a decision.
 */
public interface CacheablePlugin extends Plugin {
    /** {@link #plan}: the results depend on more (other pods, the feasible set as a whole). */
    int NOT_CACHEABLE = -1;
    /** {@link #plan} bit: the plugin filters, on the pod's spec and request and the node alone. */
    int FILTERS = 1;
    /** {@link #plan} bit: the plugin scores, on the pod's spec and request and the node alone, without NormalizeScore. */
    int SCORES = 2;

    /**
     * For one pod, after its PreFilter ran: 0 or more of {@link #FILTERS} and {@link #SCORES},
     * or {@link #NOT_CACHEABLE}. Without {@link #FILTERS} the plugin's Filter must pass every up
     * node (or have been skipped by its PreFilter); without {@link #SCORES} its PreScore must
     * return SKIP whatever the feasible nodes. With {@link #SCORES} its PreScore must succeed
     * whatever the nodes, and its Score must not depend on PreScore having run.
     */
    int plan(CycleState state, Task pod, TaintCounts taints);

    /**
     * The plugin's Filter for the live node at a slot of the table, as {@link FilterPlugin#filter}
     * would answer (success or not). A plugin overrides it to read the table's columns instead of
     * the node object, which is what makes a cache miss cheap; the default asks the node.
     */
    default boolean fits(CycleState state, Task pod, NodeTable table, int slot) {
        return ((FilterPlugin) this).filter(state, pod, table.node(slot)).isSuccess();
    }

    /** The plugin's Score for the live node at a slot, equal to {@link ScorePlugin#score}; the default asks the node. */
    default long score(CycleState state, Task pod, NodeTable table, int slot) {
        return ((ScorePlugin) this).score(state, pod, table.node(slot));
    }
}
