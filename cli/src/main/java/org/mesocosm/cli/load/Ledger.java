package org.mesocosm.cli.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load clients saw, kept from their side of the wire: every job the master acknowledged,
 * every launch an agent received and every end it reported. The checks against it do not trust
 * the master's own counts: a lost job, a task launched twice or a resource double-booked shows
 * up here even if the master believes all is well. Thread-safe.
 */
final class Ledger {
    /** Problems described in full; beyond this only counted. */
    static final int DETAILS_KEPT = 20;

    /** One task attempt as the agents saw it. */
    static final class TaskRecord {
        final String jobId;
        final int instance;
        final String agentId;
        int launches;
        int ends;
        String endState;

        TaskRecord(String jobId, int instance, String agentId) {
            this.jobId = jobId;
            this.instance = instance;
            this.agentId = agentId;
        }
    }

    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    private final AtomicLong duplicateAcks = new AtomicLong();
    private final AtomicLong launches = new AtomicLong();
    private final AtomicLong ends = new AtomicLong();
    private final AtomicLong duplicateLaunches = new AtomicLong();
    private final AtomicLong duplicateEnds = new AtomicLong();
    private final AtomicLong overcommits = new AtomicLong();
    private final AtomicLong strayEnds = new AtomicLong();
    private final List<String> details = new ArrayList<>();

    /** The master answered 201 with this id for a job of {@code instances} tasks. */
    void acknowledged(String jobId, int instances) {
        if (acknowledged.putIfAbsent(jobId, instances) != null) {
            duplicateAcks.incrementAndGet();
            detail("job id " + jobId + " acknowledged twice");
        }
    }

    /** An agent received a launch it had not seen (a command re-sent with the same sequence number does not count). */
    void launched(String agentId, String taskId, String jobId, int instance) {
        launches.incrementAndGet();
        TaskRecord fresh = new TaskRecord(jobId, instance, agentId);
        TaskRecord r = tasks.putIfAbsent(taskId, fresh);
        if (r == null) r = fresh;
        synchronized (r) {
            if (++r.launches > 1) {
                duplicateLaunches.incrementAndGet();
                detail("task " + taskId + " launched " + r.launches + " times (first on " + r.agentId + ", now on " + agentId + ")");
            }
        }
    }

    /** An agent decided a task's end and reported it. */
    void ended(String agentId, String taskId, String state) {
        ends.incrementAndGet();
        TaskRecord r = tasks.get(taskId);
        if (r == null) {
            strayEnds.incrementAndGet();
            detail("agent " + agentId + " reported " + state + " for task " + taskId + " it never launched");
            return;
        }
        synchronized (r) {
            if (++r.ends > 1) {
                duplicateEnds.incrementAndGet();
                detail("task " + taskId + " ended " + r.ends + " times (" + r.endState + ", then " + state + ")");
            }
            r.endState = state;
        }
    }

    /** An agent was asked to run more than it has. */
    void overcommitted(String agentId, String what) {
        overcommits.incrementAndGet();
        detail("agent " + agentId + " over-committed: " + what);
    }

    private void detail(String s) {
        synchronized (details) {
            if (details.size() < DETAILS_KEPT) details.add(s);
        }
    }

    long acknowledgedJobs() { return acknowledged.size(); }

    long acknowledgedTasks() {
        long n = 0;
        for (int i : acknowledged.values()) n += i;
        return n;
    }

    long launches() { return launches.get(); }

    long ends() { return ends.get(); }

    /**
     * Everything that went wrong, as one line each (empty when nothing did): each acknowledged
     * job must have had each of its instances launched once and finished once, on agents that
     * never held more than they have; nothing launched or ended twice.
     */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        Map<String, int[]> finishedByJob = new java.util.HashMap<>();
        long unfinished = 0, unknownJob = 0;
        for (Map.Entry<String, TaskRecord> e : tasks.entrySet()) {
            TaskRecord r = e.getValue();
            synchronized (r) {
                if (r.ends == 0) {
                    unfinished++;
                    continue;
                }
                Integer n = acknowledged.get(r.jobId);
                if (n == null) {
                    unknownJob++;
                    continue;
                }
                if (r.instance < 0 || r.instance >= n) {
                    out.add("task " + e.getKey() + " has instance " + r.instance + " but job " + r.jobId + " has " + n);
                    continue;
                }
                if ("FINISHED".equals(r.endState)) finishedByJob.computeIfAbsent(r.jobId, k -> new int[n])[r.instance]++;
            }
        }
        long missing = 0, twice = 0;
        String example = null;
        for (Map.Entry<String, Integer> j : acknowledged.entrySet()) {
            int[] f = finishedByJob.get(j.getKey());
            for (int i = 0; i < j.getValue(); i++) {
                int c = f == null ? 0 : f[i];
                if (c == 0) {
                    missing++;
                    if (example == null) example = j.getKey() + " instance " + i;
                } else if (c > 1) {
                    twice++;
                }
            }
        }
        if (missing > 0) out.add(missing + " acknowledged task instances never finished (e.g. " + example + ")");
        if (twice > 0) out.add(twice + " task instances finished more than once");
        if (unfinished > 0) out.add(unfinished + " launched tasks never reported an end");
        if (unknownJob > 0) out.add(unknownJob + " tasks ran for jobs that were never acknowledged");
        if (duplicateAcks.get() > 0) out.add(duplicateAcks.get() + " job ids acknowledged twice");
        if (duplicateLaunches.get() > 0) out.add(duplicateLaunches.get() + " duplicate launches");
        if (duplicateEnds.get() > 0) out.add(duplicateEnds.get() + " tasks ended more than once");
        if (strayEnds.get() > 0) out.add(strayEnds.get() + " ends reported for tasks never launched");
        if (overcommits.get() > 0) out.add(overcommits.get() + " launches over-committed an agent");
        synchronized (details) {
            for (String d : details) out.add("  " + d);
        }
        return out;
    }
}
