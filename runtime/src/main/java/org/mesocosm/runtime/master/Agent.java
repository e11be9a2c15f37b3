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
    /** total - allocated - offered, kept current: offer rounds read it for every agent. */
    private Resources free;
    private boolean up;
    private final Map<String, Task> tasks = new LinkedHashMap<>();

    Agent(String id, int index, Resources total, Map<String, String> attributes) {
        this.id = id;
        this.index = index;
        this.total = total;
        this.attributes = attributes;
        this.free = total;
    }

    public String id() { return id; }

    /** Registration order; stable for the agent's lifetime, dense from 0. */
    public int index() { return index; }

    public Resources total() { return total; }

    public Resources allocated() { return allocated; }

    public Resources offered() { return offered; }

    public Resources free() { return free; }

    private void freeChanged() {
        free = total.minus(allocated).minus(offered);
    }

    public Map<String, String> attributes() { return attributes; }

    public boolean isUp() { return up; }

    public Collection<Task> tasks() { return Collections.unmodifiableCollection(tasks.values()); }

    public int taskCount() { return tasks.size(); }

    /** Holds resources for an outstanding offer. */
    public void holdForOffer(Resources r) {
        requireFree(r, "offer");
        offered = offered.plus(r);
        freeChanged();
    }

    public void releaseOffer(Resources r) {
        offered = offered.minus(r);
        freeChanged();
    }

    void register(Resources total, Map<String, String> attributes) {
        if (!offered.isZero()) throw new IllegalStateException("agent " + id + " re-registers with offers still outstanding");
        this.total = total;
        this.attributes = attributes;
        this.up = true;
        freeChanged();
    }

    /** Outstanding offers on a lost agent are rescinded by the policy, which releases them. */
    void markDown() {
        up = false;
    }

    void allocate(Task t) {
        requireFree(t.request(), "task " + t.id());
        allocated = allocated.plus(t.request());
        freeChanged();
        tasks.put(t.id(), t);
    }

    void release(Task t) {
        if (tasks.remove(t.id()) != null) {
            allocated = allocated.minus(t.request());
            freeChanged();
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
