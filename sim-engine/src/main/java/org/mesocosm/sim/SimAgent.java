package org.mesocosm.sim;

import java.util.HashMap;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;

/**
 * A simulated machine. It keeps its own account of what runs on it, independent of the
 * master's: if the master ever sends it more than it has, that is a double booking, and the
 * simulation stops with an error rather than quietly over-committing.
 */
final class SimAgent {
    final String id;
    Resources total;
    Map<String, String> attributes;
    Resources used = Resources.ZERO;
    boolean up;
    /** Bumped on every failure, so that events scheduled for an earlier life are ignored. */
    int incarnation;
    final Map<String, Resources> tasks = new HashMap<>();

    SimAgent(String id, Resources total, Map<String, String> attributes) {
        this.id = id;
        this.total = total;
        this.attributes = attributes;
    }

    void start(String taskId, Resources r) {
        Resources after = used.plus(r);
        if (!total.fits(after)) {
            throw new IllegalStateException("simulated agent " + id + " over-committed: running " + used + " + " + r
                    + " exceeds capacity " + total);
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
