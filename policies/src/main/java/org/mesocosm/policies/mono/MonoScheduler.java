package org.mesocosm.policies.mono;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.TaskSpec;

/**
 * One scheduler, one queue of jobs in arrival order. Each attempt (a timer turn of its own, so
 * that a driver charging decision time charges every attempt: t_job for the job plus t_task per
 * task) takes the job at the head and tries every task it still has, next-fit over the machines
 * (resources, node selector, GPUs; no affinity, spread or preemption: this is the architecture
 * of the Omega paper's lightweight simulator, not a full scheduler). A job with tasks left over
 * waits, parked, until room appears on a machine where its first left-over task would fit, then
 * queues again at the tail: attempts are not wasted on a cluster that has not changed.
 */
final class MonoScheduler implements PlacementPolicy, DecisionPaths {

    private static final class Job {
        final String id;
        final List<Task> tasks = new ArrayList<>();
        boolean queued;
        boolean parked;

        Job(String id) { this.id = id; }
    }

    private final String name;
    private final MonoPaths paths;
    /** Looked up by id only, never iterated. */
    private final Map<String, Job> jobs = new HashMap<>();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    /** Jobs waiting for room, in the order they were parked (a linked set: iteration is insertion order). */
    private final LinkedHashSet<Job> parked = new LinkedHashSet<>();
    private PlacementContext ctx;
    private boolean turnScheduled;
    private int cursor;

    MonoScheduler(String name, MonoPaths paths) {
        this.name = name;
        this.paths = paths;
    }

    @Override public String name() { return name; }

    @Override public void init(PlacementContext c) { this.ctx = c; }

    @Override
    public void taskPending(Task task) {
        Job j = jobs.computeIfAbsent(task.jobId(), Job::new);
        j.tasks.add(task);
        if (j.parked) {
            parked.remove(j);
            j.parked = false;
        }
        enqueue(j);
    }

    @Override
    public void taskWithdrawn(Task task) {
        Job j = jobs.get(task.jobId());
        if (j == null || !j.tasks.remove(task) || !j.tasks.isEmpty()) return;
        jobs.remove(task.jobId());
        if (j.parked) parked.remove(j);
        j.parked = false; // a queued empty job is skipped at its turn
    }

    @Override public void taskReleased(Task task) { unpark(task.agent()); }

    @Override public void agentAdded(Agent agent) { unpark(agent); }

    @Override public void agentFreed(Agent agent) { unpark(agent); }

    @Override public void agentRemoved(Agent agent) {}

    @Override
    public String whyPending(Task task) {
        Job j = jobs.get(task.jobId());
        return j != null && j.parked ? "mono: at its job's last attempt no machine had room for it (resources, node selector, GPUs)" : null;
    }

    private void enqueue(Job j) {
        if (!j.queued) {
            j.queued = true;
            queue.add(j);
        }
        if (!turnScheduled) {
            turnScheduled = true;
            ctx.schedule(0, this::turn);
        }
    }

    /** Parked jobs whose first left-over task fits the machine that has room now queue again. */
    private void unpark(Agent agent) {
        if (parked.isEmpty() || !agent.isUp()) return;
        List<Job> ready = new ArrayList<>();
        for (Job j : parked) if (fits(j.tasks.get(0), agent)) ready.add(j);
        for (Job j : ready) {
            parked.remove(j);
            j.parked = false;
            enqueue(j);
        }
    }

    /** One attempt: the job at the head of the queue. */
    private void turn() {
        turnScheduled = false;
        Job j;
        do {
            j = queue.poll();
            if (j == null) return;
            j.queued = false;
        } while (j.tasks.isEmpty());
        TaskSpec failedSpec = null; // same spec, same answer: resources only shrink within an attempt
        for (Task t : new ArrayList<>(j.tasks)) {
            ctx.considering(t);
            Agent a = t.spec() == failedSpec ? null : find(t);
            if (a == null) {
                failedSpec = t.spec();
                continue;
            }
            ctx.launch(t, a);
            j.tasks.remove(t);
        }
        if (j.tasks.isEmpty()) {
            jobs.remove(j.id);
        } else {
            j.parked = true;
            parked.add(j);
        }
        if (!queue.isEmpty() && !turnScheduled) {
            turnScheduled = true;
            ctx.schedule(0, this::turn);
        }
    }

    /** Next fit: from the machine that took the last task, the first with room. */
    private Agent find(Task t) {
        Cluster c = ctx.cluster();
        int n = c.size();
        for (int i = 0; i < n; i++) {
            int k = (cursor + i) % n;
            Agent a = c.agent(k);
            if (fits(t, a)) {
                cursor = k;
                return a;
            }
        }
        return null;
    }

    private static boolean fits(Task t, Agent a) {
        return a.isUp() && a.free().fits(t.request()) && Cluster.matches(a, t.spec().nodeSelector()) && (t.gpu().none() || a.gpuFits(t.gpu()));
    }

    @Override public long jobMicros(JobKind kind) { return paths.jobMicros(kind); }

    @Override public long taskMicros(JobKind kind) { return paths.taskMicros(kind); }

    @Override public boolean hasPaths() { return paths.hasPaths(); }
}
