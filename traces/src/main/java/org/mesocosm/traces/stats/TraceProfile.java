package org.mesocosm.traces.stats;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.PriorityBands;
import org.mesocosm.traces.TraceRecord;

/**
 * What {@code trace inspect} reports about a trace as it replays: jobs, tasks, machines, time
 * span, and the distributions of requests, run times and recorded queueing delays. Distributions
 * are {@link LogHistogram}s (constant memory); counting distinct trace jobs and machines keeps one
 * set entry per job and machine (never iterated, so the order of a hash set cannot show).
 */
public final class TraceProfile implements Consumer<TraceRecord> {
    private final Set<String> traceJobs = new HashSet<>();
    private final Set<String> machines = new HashSet<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Map<String, Long> bands = new TreeMap<>();
    private final Map<String, Long> kinds = new TreeMap<>();
    private final LogHistogram cpu = new LogHistogram();
    private final LogHistogram mem = new LogHistogram();
    private final LogHistogram duration = new LogHistogram();
    private final LogHistogram delay = new LogHistogram();
    private final LogHistogram tasksPerJob = new LogHistogram();
    private long jobs;
    private long tasks;
    private long longRunning;
    private long delayCensored;
    private long delayNotRecorded;
    private long constrained;
    private long measured;
    private long machineUps;
    private long machineDowns;
    private long firstArrival = -1;
    private long lastArrival;

    @Override
    public void accept(TraceRecord r) {
        WorkloadEvent e = r.event();
        if (e instanceof WorkloadEvent.JobArrival a) {
            job(a, r.facts());
            for (int g = 0; g < a.job().tasks().size(); g++) {
                if (!r.traits(g).constraints().isEmpty()) constrained += a.job().tasks().get(g).instances();
                if (r.traits(g).usage() != null) measured += a.job().tasks().get(g).instances();
            }
        } else if (e instanceof WorkloadEvent.MachineUp m) {
            machineUps++;
            machines.add(m.machineId());
        } else {
            machineDowns++;
        }
    }

    private void job(WorkloadEvent.JobArrival a, InstanceFacts facts) {
        JobSpec j = a.job();
        jobs++;
        String id = j.id();
        int dot = id.lastIndexOf('.');
        traceJobs.add(dot > 0 ? id.substring(0, dot) : id);
        if (firstArrival < 0) firstArrival = a.atMicros();
        lastArrival = a.atMicros();
        kinds.merge(j.kind().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
        bands.merge(PriorityBands.band(j.priority()), (long) j.totalInstances(), Long::sum);
        tasksPerJob.add(j.totalInstances());
        int k = 0;
        for (TaskSpec t : j.tasks()) {
            for (int i = 0; i < t.instances(); i++, k++) {
                tasks++;
                cpu.add(t.request().cpuMillis());
                mem.add(t.request().memMiB());
                long d = t.sim().durationMicros(i);
                if (d >= 0) duration.add(d);
                else longRunning++;
                long q = facts.delayMicros()[k];
                Outcome o = facts.outcome(k);
                if (InstanceFacts.known(q)) delay.add(q);
                else if (q == InstanceFacts.CENSORED) delayCensored++;
                else if (q == InstanceFacts.UNKNOWN && o.wasScheduled()) delayNotRecorded++;
                outcomes.merge(o.name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
            }
        }
    }

    public long jobs() { return jobs; }

    /** Distinct jobs of the trace (a replayed job is one submission batch of one). */
    public long traceJobs() { return traceJobs.size(); }

    public long tasks() { return tasks; }

    public long longRunningTasks() { return longRunning; }

    /** Tasks with placement constraints in the trace (e.g. Google 2011 different_machines_restriction). */
    public long constrainedTasks() { return constrained; }

    /** Tasks (instances) whose group carries measured usage. */
    public long measuredTasks() { return measured; }

    public long machines() { return machines.size(); }

    public long machineUps() { return machineUps; }

    public long machineDowns() { return machineDowns; }

    public long firstArrivalMicros() { return Math.max(0, firstArrival); }

    public long lastArrivalMicros() { return lastArrival; }

    public Map<String, Long> outcomes() { return new TreeMap<>(outcomes); }

    public Map<String, Long> tasksByBand() { return new TreeMap<>(bands); }

    public Map<String, Long> jobsByKind() { return new TreeMap<>(kinds); }

    public LogHistogram cpuMillis() { return cpu; }

    public LogHistogram memMiB() { return mem; }

    /** Run times of instances with a known end (long-running ones excluded). */
    public LogHistogram durationMicros() { return duration; }

    /** Submit-to-schedule delays the trace recorded, where known (per instance). */
    public LogHistogram delayMicros() { return delay; }

    /** Scheduled instances whose delay is unknown because the SUBMIT is not within what was read (left-censored). */
    public long delayCensored() { return delayCensored; }

    /** Scheduled instances whose format records no submit time. */
    public long delayNotRecorded() { return delayNotRecorded; }

    public LogHistogram tasksPerJob() { return tasksPerJob; }
}
