package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * Optional for Filter, PreScore and Score plugins: lets a cycle answer the plugin from the
 * {@link NodeIndex} range summaries instead of calling it node by node ({@link IndexedSearch}).
 * The cycle takes that path only when every Filter, PreScore and Score plugin of the profile
 * implements this interface and agrees for the pod at hand; otherwise it scans as before.
 * Whatever a plugin answers here must never change a decision: the search must pick the node the
 * plain cycle would pick.
 */
public interface IndexedPlugin extends Plugin {
    /** {@link #plan}: the index cannot stand in for this plugin for this pod. */
    int NOT_INDEXABLE = -1;
    /** {@link #plan} bit: the plugin filters, and {@link #filterRange} summarizes it. */
    int FILTERS = 1;
    /** {@link #plan} bit: the plugin scores, without NormalizeScore, and {@link #scoreBound} bounds it. */
    int SCORES = 2;

    /** {@link #filterRange}: no up node of the range passes. */
    int NONE = 0;
    /** {@link #filterRange}: some may pass; the cycle looks closer (at one node: calls {@link FilterPlugin#filter}). */
    int SOME = 1;
    /** {@link #filterRange}: every up node of the range passes. */
    int ALL = 2;

    /**
     * How the index stands in for this plugin for one pod, after its PreFilter ran: 0 or more of
     * {@link #FILTERS} and {@link #SCORES}, or {@link #NOT_INDEXABLE}. Without {@link #FILTERS}
     * the plugin's Filter must pass every up node (or have been skipped by its PreFilter);
     * without {@link #SCORES} its PreScore must return SKIP whatever the feasible nodes. With
     * {@link #SCORES} its PreScore must succeed whatever the nodes, and its Score must not depend
     * on PreScore having run.
     */
    int plan(CycleState state, Task pod, NodeIndex index);

    /** {@link #NONE}, {@link #SOME} or {@link #ALL} for the up nodes of tree node {@code t}; NONE and ALL must be certain. */
    default int filterRange(CycleState state, Task pod, NodeIndex index, int t) { return SOME; }

    /** At least the highest Score this plugin gives a node of tree node {@code t} that fits the pod. */
    default long scoreBound(CycleState state, Task pod, NodeIndex index, int t) { return Long.MAX_VALUE / 1024; }
}
