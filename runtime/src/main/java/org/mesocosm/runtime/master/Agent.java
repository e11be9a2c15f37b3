package org.mesocosm.runtime.master;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;

/**
 * The master's view of one agent: what it has, what is allocated to tasks, and what is held by
 * outstanding offers. {@code free = total - allocated - offered} never goes negative: that would
 * be a double booking, and the arithmetic throws.
 */
public final class Agent {
    private final String id;
    private final int index;
    private Resources total;
    private Map<String, String> attributes;
    private Resources allocated = Resources.ZERO;
    private Resources offered = Resources.ZERO;
    private boolean up;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    /** Tasks the master gave up on (lost with this agent) that the agent says still run: held until they are gone. */
    private final Map<String, Resources> orphans = new LinkedHashMap<>();
    private Resources orphaned = Resources.ZERO;

    Agent(String id, int index, Resources total, Map<String, String> attributes) {
        this.id = id;
        this.index = index;
        this.total = total;
        this.attributes = attributes;
    }

    public String id() { return id; }

    /** Registration order; stable for the agent's lifetime, dense from 0. */
    public int index() { return index; }

    public Resources total() { return total; }

    public Resources allocated() { return allocated; }

    public Resources offered() { return offered; }

    public Resources free() { return total.minus(allocated).minus(offered).minus(orphaned); }

    /** Resources held by orphans: tasks this agent still runs that the master has already replaced, until they are killed. */
    public Resources orphaned() { return orphaned; }

    java.util.List<String> orphanIds() { return new java.util.ArrayList<>(orphans.keySet()); }

    /** Holds an orphan's resources, if they fit; if they do not, the agent is already over-committed and holding cannot help. */
    void holdOrphan(String taskId, Resources r) {
        if (orphans.containsKey(taskId) || !free().fits(r)) return;
        orphans.put(taskId, r);
        orphaned = orphaned.plus(r);
    }

    /** True if the task was held as an orphan. */
    boolean releaseOrphan(String taskId) {
        Resources r = orphans.remove(taskId);
        if (r == null) return false;
        orphaned = orphaned.minus(r);
        return true;
    }

    public Map<String, String> attributes() { return attributes; }

    public boolean isUp() { return up; }

    public Collection<Task> tasks() { return Collections.unmodifiableCollection(tasks.values()); }

    public int taskCount() { return tasks.size(); }

    /** Holds resources for an outstanding offer. */
    public void holdForOffer(Resources r) {
        requireFree(r, "offer");
        offered = offered.plus(r);
    }

    public void releaseOffer(Resources r) {
        offered = offered.minus(r);
    }

    void register(Resources total, Map<String, String> attributes) {
        if (!offered.isZero()) throw new IllegalStateException("agent " + id + " re-registers with offers still outstanding");
        this.total = total;
        this.attributes = attributes;
        this.up = true;
    }

    /** Outstanding offers on a lost agent are rescinded by the policy, which releases them. */
    void markDown() {
        up = false;
        orphans.clear();
        orphaned = Resources.ZERO;
    }

    void allocate(Task t) {
        requireFree(t.request(), "task " + t.id());
        allocated = allocated.plus(t.request());
        tasks.put(t.id(), t);
    }

    void release(Task t) {
        if (tasks.remove(t.id()) != null) {
            allocated = allocated.minus(t.request());
        }
    }

    private void requireFree(Resources r, String what) {
        if (!up) throw new IllegalStateException("agent " + id + " is down; cannot place " + what);
        if (!free().fits(r)) {
            throw new IllegalStateException("double booking on agent " + id + ": " + what + " asks " + r + " but only "
                    + free() + " is free");
        }
    }

    @Override
    public String toString() {
        return "Agent[" + id + (up ? "" : ",down") + ",free=" + free() + "]";
    }
}
