package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.PreFilterExtensions;
import org.mesocosm.runtime.pods.StateData;
import org.mesocosm.runtime.pods.StateKey;

/**
 * PreFilter state that counts placed pods per topology domain, as {@link InterPodAffinity} and
 * {@link PodTopologySpread} keep it. Preemption asks "what if these pods were gone" on copies of a
 * node and of the cycle state; {@link Extensions} keeps such a copy's counts right by telling the
 * counts of every pod added or removed (kube's AddPod/RemovePod).
 */
interface WhatIfCounts extends StateData {

    /** The counts as if {@code pod} were added to ({@code delta} = 1) or removed from (-1) {@code node}. */
    void update(PlacedPod pod, NodeInfo node, long delta);

    /** The PreFilterExtensions of a plugin whose PreFilter put its counts under {@code key}. */
    record Extensions(StateKey<? extends WhatIfCounts> key) implements PreFilterExtensions {
        @Override
        public void addPod(CycleState state, Task pod, PlacedPod added, NodeInfo node) {
            state.require(key).update(added, node, 1);
        }

        @Override
        public void removePod(CycleState state, Task pod, PlacedPod removed, NodeInfo node) {
            state.require(key).update(removed, node, -1);
        }
    }
}
