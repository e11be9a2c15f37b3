package org.mesocosm.runtime.master;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.util.GapList;

/**
 * The master's register of tasks not yet terminal: by id, because status reports name tasks by
 * id, and by job, because killing a job (or learning that a killed job has no task left) must cost
 * the tasks of that job, not a scan of every task in the cluster: a 100,000-instance service on a
 * 12,500-node cell is killed in time linear in its own tasks.
 */
final class LiveTasks {
    private final Map<String, Task> byId = new HashMap<>();

    /** A task keeps its index in its job's list, so that its end is no search. */
    private static final GapList.Slots<Task> JOB_SLOTS = new GapList.Slots<>() {
        @Override public int get(Task t) { return t.jobSlot; }
        @Override public void set(Task t, int index) { t.jobSlot = index; }
    };

    /** The list a job keeps of its live tasks, in creation order (which is {@link Task#seq()} order). */
    static GapList<Task> newJobList() { return new GapList<>(JOB_SLOTS); }

    void add(Task t) {
        if (byId.putIfAbsent(t.id(), t) != null) throw new IllegalStateException("task " + t.id() + " is live twice");
        t.job().liveTasks().add(t);
    }

    void remove(Task t) {
        if (byId.remove(t.id()) != null) t.job().liveTasks().remove(t);
    }

    Task get(String id) { return byId.get(id); }

    boolean contains(String id) { return byId.containsKey(id); }

    int size() { return byId.size(); }

    /** Every live task, in no particular order: for reading, never for a decision. */
    Collection<Task> all() { return byId.values(); }

    /** The job's live tasks in creation order: a copy, so that the caller may end them while it walks it. */
    static List<Task> of(JobController job) { return new ArrayList<>(job.liveTasks().view()); }

    static boolean noneOf(JobController job) { return job.liveTasks().isEmpty(); }
}
