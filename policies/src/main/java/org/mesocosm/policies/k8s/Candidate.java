package org.mesocosm.policies.k8s;

import java.util.List;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PlacedPod;

/**
 * A node where the preemptor would fit once {@code victims} are gone, with what kube-scheduler's
 * pickOneNodeForPreemption compares. Victims are in order of importance, most important first.
 */
record Candidate(NodeInfo node, List<PlacedPod> victims) {

    /** Priority of the most important victim (Integer.MIN_VALUE if none). */
    int highestPriority() {
        return victims.isEmpty() ? Integer.MIN_VALUE : victims.get(0).priority();
    }

    /** Sum of victim priorities, each shifted by 2^31 so that negative priorities still add up to "more victims, more cost" (as kube does). */
    long sumPriorities() {
        long s = 0;
        for (PlacedPod v : victims) s += (long) v.priority() + (1L << 31);
        return s;
    }

    /** The earliest start among the victims of the highest priority (kube's GetEarliestPodStartTime). */
    long earliestStartOfHighest() {
        long earliest = Long.MAX_VALUE;
        int top = highestPriority();
        for (PlacedPod v : victims) if (v.priority() == top) earliest = Math.min(earliest, startTime(v.task()));
        return earliest;
    }

    static long startTime(Task t) {
        return t.startedAt() >= 0 ? t.startedAt() : t.placedAt();
    }
}
