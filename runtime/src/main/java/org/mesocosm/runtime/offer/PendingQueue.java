package org.mesocosm.runtime.offer;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/**
 * A framework's pending tasks, grouped by (job, task group) in first-come order. Tasks of one
 * group ask for the same resources, so a group that does not fit an offer is skipped whole.
 */
final class PendingQueue {
    record GroupKey(String jobId, String taskName) {}

    static final class Group {
        final Resources request;
        /** The group's GPU device demand (the same spec for every task of the group). */
        final GpuDemand gpu;
        final Map<String, String> nodeSelector;
        final ArrayDeque<Task> tasks = new ArrayDeque<>();
        /** Where the group's instances run, when it has placement constraints; null otherwise. */
        AppPlacements app;
        /** When a framework last tried the group and found no room (a decision that charges time counts one try per round). */
        long triedAt = -1;

        Group(Task first) {
            this.request = first.request();
            this.gpu = first.gpu();
            this.nodeSelector = first.spec().nodeSelector();
        }
    }

    private final LinkedHashMap<GroupKey, Group> groups = new LinkedHashMap<>();
    private int size;
    private Resources minDemand;
    private long demandCpu, demandMem, demandDisk, demandGpus;

    /** Adds a task; returns its group. */
    Group add(Task t) {
        GroupKey k = new GroupKey(t.jobId(), t.spec().name());
        Group g = groups.get(k);
        if (g == null) {
            g = new Group(t);
            groups.put(k, g);
            minDemand = null;
        }
        g.tasks.addLast(t);
        size++;
        count(t.request(), 1);
        return g;
    }

    boolean has(GroupKey k) {
        return groups.containsKey(k);
    }

    boolean remove(Task t) {
        GroupKey k = new GroupKey(t.jobId(), t.spec().name());
        Group g = groups.get(k);
        if (g == null || !g.tasks.remove(t)) return false;
        count(t.request(), -1);
        if (g.tasks.isEmpty()) {
            groups.remove(k);
            minDemand = null;
        }
        size--;
        return true;
    }

    /** Takes the group's first task; the caller has checked that it fits. */
    Task poll(Iterator<Map.Entry<GroupKey, Group>> it, Group g) {
        Task t = g.tasks.pollFirst();
        count(g.request, -1); // the group's request: no need to touch the task itself
        if (g.tasks.isEmpty()) {
            it.remove();
            minDemand = null;
        }
        size--;
        return t;
    }

    Iterator<Map.Entry<GroupKey, Group>> iterator() {
        return groups.entrySet().iterator();
    }

    int size() { return size; }

    private void count(Resources r, int sign) {
        demandCpu += sign * r.cpuMillis();
        demandMem += sign * r.memMiB();
        demandDisk += sign * r.diskMiB();
        demandGpus += sign * r.gpus();
    }

    Resources minDemand() {
        if (minDemand == null) {
            long cpu = Long.MAX_VALUE, mem = Long.MAX_VALUE, disk = Long.MAX_VALUE, gpu = Long.MAX_VALUE;
            for (Group g : groups.values()) {
                cpu = Math.min(cpu, g.request.cpuMillis());
                mem = Math.min(mem, g.request.memMiB());
                disk = Math.min(disk, g.request.diskMiB());
                gpu = Math.min(gpu, g.request.gpus());
            }
            minDemand = size == 0 ? Resources.ZERO : new Resources(cpu, mem, disk, gpu);
        }
        return minDemand;
    }
}
