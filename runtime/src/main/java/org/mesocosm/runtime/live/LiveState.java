package org.mesocosm.runtime.live;

import io.prometheus.metrics.core.metrics.Histogram;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * What the API shows, kept up to date from the master's observer calls: jobs with every task
 * attempt (the master itself forgets ended tasks), recent task changes, counts and latencies for
 * metrics. Touched only on the event loop thread.
 */
final class LiveState implements MasterObserver {
    /** Ended attempts kept per job; a service that keeps failing must not grow without bound. */
    static final int ENDED_TASKS_KEPT_PER_JOB = 1000;
    static final int RECENT_TASKS = 100;
    /** Ended jobs kept for the API; older ones are forgotten (a cron job every minute ends 1,440 runs a day). */
    static final int ENDED_JOBS_KEPT = 1000;

    /** One job as the API shows it. */
    static final class JobRecord {
        final JobSpec spec;
        final long submittedAt;
        /** For a cron job's run: the cron job's id. */
        final String parentId;
        final List<Task> tasks = new ArrayList<>();
        final int[] byState = new int[TaskState.values().length];
        final Map<String, Integer> targets = new LinkedHashMap<>();
        long endedAt = -1;
        boolean succeeded;
        boolean killRequested;
        int ended;
        int endedDropped;
        final List<String> runs = new ArrayList<>();

        JobRecord(JobSpec spec, long submittedAt, String parentId) {
            this.spec = spec;
            this.submittedAt = submittedAt;
            this.parentId = parentId;
            spec.tasks().forEach(t -> targets.put(t.name(), t.instances()));
        }

        String status() {
            if (endedAt < 0) return killRequested ? "killing" : "active";
            return succeeded ? "finished" : killRequested ? "killed" : "failed";
        }
    }

    private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
    /**
     * Every job ever submitted, by the id it was submitted with ({@link JobKeys#name}): key to role. Kept
     * for ended and forgotten jobs too (the master keeps their outcomes as long), so that a name resolves
     * to a role and its job without scanning every job ({@link JobKeys#resolve}).
     */
    private final Map<String, Map<String, String>> byName = new java.util.HashMap<>();
    private final ArrayDeque<Task> recent = new ArrayDeque<>();
    private final ArrayDeque<String> endedJobs = new ArrayDeque<>();
    private final long[] tasksByState = new long[TaskState.values().length];
    final Histogram schedulingLatency = Metrics.latencyHistogram("mesocosm_scheduling_latency_seconds", "Task ready (pending) to placed on an agent.");
    final Histogram startLatency = Metrics.latencyHistogram("mesocosm_start_latency_seconds", "Task placed to reported RUNNING by its agent.");
    long jobsSubmitted;

    Collection<JobRecord> jobs() { return Collections.unmodifiableCollection(jobs.values()); }

    JobRecord job(String id) { return jobs.get(id); }

    /** The jobs ever submitted with id {@code name}, in any role: key to role, in submission order. */
    Map<String, String> jobsNamed(String name) { return byName.getOrDefault(name, Map.of()); }

    /** Most recently changed tasks, newest first. */
    List<Task> recentTasks() {
        List<Task> out = new ArrayList<>(recent);
        Collections.reverse(out);
        return out;
    }

    long tasks(TaskState s) { return tasksByState[s.ordinal()]; }

    /** Notes what the master's observer calls do not tell: kills asked for, scale targets. Before the master sees the input. */
    void inputFed(Input in) {
        if (in instanceof Input.JobKillRequested k) {
            killRequested(k.jobId());
        } else if (in instanceof Input.JobScaled s) {
            JobRecord j = jobs.get(s.jobId());
            if (j != null && j.targets.containsKey(s.taskName())) j.targets.put(s.taskName(), s.instances());
        }
    }

    private void killRequested(String jobId) {
        JobRecord j = jobs.get(jobId);
        if (j == null || j.endedAt >= 0) return;
        j.killRequested = true;
        for (String run : j.runs) killRequested(run);
    }

    @Override
    public void jobSubmitted(long now, JobSpec job) {
        jobsSubmitted++;
        byName.computeIfAbsent(JobKeys.name(job.id()), k -> new LinkedHashMap<>(2)).put(job.id(), job.role());
        int at = job.id().indexOf('@');
        String parent = at > 0 ? job.id().substring(0, at) : null;
        jobs.put(job.id(), new JobRecord(job, now, parent));
        if (parent != null && jobs.containsKey(parent)) jobs.get(parent).runs.add(job.id());
    }

    @Override
    public void jobEnded(long now, JobSpec job, boolean succeeded) {
        JobRecord j = jobs.get(job.id());
        j.endedAt = now;
        j.succeeded = succeeded;
        endedJobs.addLast(job.id());
        while (endedJobs.size() > ENDED_JOBS_KEPT) forget(endedJobs.removeFirst());
    }

    private void forget(String jobId) {
        JobRecord j = jobs.remove(jobId);
        if (j != null && j.parentId != null && jobs.containsKey(j.parentId)) jobs.get(j.parentId).runs.remove(jobId);
    }

    @Override
    public void taskCreated(long now, Task task) {
        tasksByState[TaskState.PENDING.ordinal()]++;
        JobRecord j = jobs.get(task.jobId());
        j.tasks.add(task);
        j.byState[TaskState.PENDING.ordinal()]++;
        touched(task);
    }

    @Override
    public void taskPlaced(long now, Task task) {
        moved(task, TaskState.PENDING);
        schedulingLatency.observe((now - task.readyAt()) / 1e6);
    }

    @Override
    public void taskStateChanged(long now, Task task, TaskState from) {
        moved(task, from);
        if (task.state() == TaskState.RUNNING && task.placedAt() >= 0) startLatency.observe((now - task.placedAt()) / 1e6);
        JobRecord j = jobs.get(task.jobId());
        if (task.state().isTerminal() && j != null) {
            if (++j.ended > 2 * ENDED_TASKS_KEPT_PER_JOB) trim(j);
        }
    }

    private void moved(Task task, TaskState from) {
        tasksByState[from.ordinal()]--;
        tasksByState[task.state().ordinal()]++;
        JobRecord j = jobs.get(task.jobId());
        if (j != null) { // null: a job long ended and forgotten whose last task is only now reported
            j.byState[from.ordinal()]--;
            j.byState[task.state().ordinal()]++;
        }
        touched(task);
    }

    private void touched(Task t) {
        recent.remove(t); // linear in RECENT_TASKS: small
        recent.addLast(t);
        if (recent.size() > RECENT_TASKS) recent.removeFirst();
    }

    /** Drops the oldest ended attempts of a job down to the cap (their counts stay); amortized over the cap. */
    private static void trim(JobRecord j) {
        List<Task> kept = new ArrayList<>(j.tasks.size());
        int drop = j.ended - ENDED_TASKS_KEPT_PER_JOB;
        for (Task t : j.tasks) {
            if (drop > 0 && t.state().isTerminal()) {
                drop--;
                j.endedDropped++;
                j.ended--;
            } else {
                kept.add(t);
            }
        }
        j.tasks.clear();
        j.tasks.addAll(kept);
    }
}
