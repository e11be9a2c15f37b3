package org.mesocosm.policies.easy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/**
 * One rigid job as EASY sees it: the instances of one task group of one job that became pending
 * together. It queues once all of them are pending, starts all at once, and is running until the
 * last of them ends.
 */
final class Gang {
    final String key;
    /** Creation order of its first task: the FCFS order. */
    final long seq;
    final Resources request;
    /** Agent attributes every instance requires (the task group's node selector). */
    final Map<String, String> selector;
    /** The user's run time estimate, or {@link Long#MAX_VALUE} when unknown (it then never ends "before" a reservation). */
    final long estimateMicros;
    /** Instances still expected before the gang is complete (withdrawn ones are no longer expected). */
    int expected;
    final List<Task> pending = new ArrayList<>();
    /** Set when started: when its estimate says it ends (start + estimate). */
    long estimatedEnd = Long.MAX_VALUE;
    /** Its started tasks that have not ended yet. */
    final List<Task> launched = new ArrayList<>();

    Gang(String key, long seq, Resources request, Map<String, String> selector, long estimateMicros, int expected) {
        this.key = key;
        this.seq = seq;
        this.request = request;
        this.selector = selector;
        this.estimateMicros = estimateMicros;
        this.expected = expected;
    }

    int size() { return pending.size(); }

    /** An agent this gang's instances may run on: up and matching the node selector. */
    boolean canUse(Agent a) {
        return a.isUp() && Cluster.matches(a, selector);
    }

    boolean complete() { return expected > 0 && pending.size() == expected; }

    /** When a gang started at {@code start} ends by its estimate (saturating: unknown stays unknown). */
    long endIfStartedAt(long start) {
        return estimateMicros == Long.MAX_VALUE || start > Long.MAX_VALUE - estimateMicros ? Long.MAX_VALUE : start + estimateMicros;
    }
}
