package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/** A pending pod in the scheduling queue, with what the queue remembers about its attempts. */
public final class QueuedPod {
    enum Where { ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT, GONE }

    private final Task task;
    int attempts;
    /** When it last entered the active queue: the queue-sort tie-breaker after priority. */
    long timestamp;
    long backoffExpiry;
    long unschedulableSince;
    /** Bits (profile plugin indexes) of the plugins that rejected it last time; 0 = none known. */
    long unschedulablePlugins;
    /** Why its last attempt failed, in kube-scheduler's words ({@link Diagnosis#message}); null before any failure. */
    String lastFailure;
    NodeInfo nominated;
    Where where = Where.GONE;

    QueuedPod(Task task) {
        this.task = task;
    }

    public Task task() { return task; }

    public int priority() { return task.priority(); }

    /** Creation order of the task: the final tie-breaker. */
    public long seq() { return task.seq(); }

    public long timestamp() { return timestamp; }

    /** Scheduling attempts so far. */
    public int attempts() { return attempts; }

    /** Where preemption made room for it, or null. */
    public NodeInfo nominatedNode() { return nominated; }

    @Override
    public String toString() {
        return "QueuedPod[" + task.id() + "," + where + ",attempts=" + attempts + (nominated == null ? "" : ",nominated=" + nominated.id()) + "]";
    }
}
