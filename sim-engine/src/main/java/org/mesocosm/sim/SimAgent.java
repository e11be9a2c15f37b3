package org.mesocosm.sim;

import java.util.HashMap;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;

/**
 * A simulated machine. It keeps its own account of what runs on it, independent of the
 * master's: if the master ever sends it more than it has, that is a double booking, and the
 * simulation stops with an error rather than quietly over-committing. A policy that reclaims
 * unused resources declares an overcommit; then the limit is the total plus that share.
 */
final class SimAgent {
    final String id;
    Resources total;
    Map<String, String> attributes;
    Resources used = Resources.ZERO;
    /** Declared by the policy (see PlacementPolicy.overcommitPercent); 0 = none. */
    final int overcommitPercent;
    boolean up;
    /** Bumped on every failure, so that events scheduled for an earlier life are ignored. */
    int incarnation;
    final Map<String, Resources> tasks = new HashMap<>();

    SimAgent(String id, Resources total, Map<String, String> attributes, int overcommitPercent) {
        this.id = id;
        this.total = total;
        this.attributes = attributes;
        this.overcommitPercent = overcommitPercent;
    }

    /** The most the requests of its tasks may add up to. */
    Resources limit() {
        if (overcommitPercent == 0) return total;
        return new Resources(total.cpuMillis() + total.cpuMillis() * overcommitPercent / 100,
                total.memMiB() + total.memMiB() * overcommitPercent / 100,
                total.diskMiB() + total.diskMiB() * overcommitPercent / 100,
                total.gpus() + total.gpus() * overcommitPercent / 100);
    }

    void start(String taskId, Resources r) {
        Resources after = used.plus(r);
        if (!limit().fits(after)) {
            throw new IllegalStateException("simulated agent " + id + " over-committed: running " + used + " + " + r
                    + " exceeds capacity " + total + (overcommitPercent == 0 ? "" : " + " + overcommitPercent + "% declared overcommit"));
        }
        if (tasks.put(taskId, r) != null) throw new IllegalStateException("task " + taskId + " launched twice on " + id);
        used = after;
    }

    /** Stops a task; false if it was not running here. */
    boolean stop(String taskId) {
        Resources r = tasks.remove(taskId);
        if (r == null) return false;
        used = used.minus(r);
        return true;
    }

    void crash() {
        up = false;
        incarnation++;
        tasks.clear();
        used = Resources.ZERO;
    }
}
