package org.mesocosm.traces.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.swf.SwfReader;

/**
 * The trace's side of the fidelity table: what the trace recorded, measured the way the
 * simulation measures itself. Share of tasks scheduled (instances the trace shows on a machine);
 * queueing delay (submit to schedule, against the simulation's ready to placed); utilization:
 * requested CPU and memory of running instances integrated over time, divided by the capacity of
 * the machines up (or of the fixed cluster), over [0, span].
 *
 * <p>Queueing delays are known only for instances the trace shows both submitted and scheduled
 * within what was read: a left-censored one ({@link InstanceFacts#CENSORED}: no SUBMIT in the
 * excerpt, or submitted before the window) and one whose format records no submit time
 * ({@link InstanceFacts#UNKNOWN}) are left out and counted, never taken as 0. A rigid parallel job
 * (SWF: its processors start together) has one delay, its wait, counted once per job.
 *
 * <p>An instance runs from arrival + recorded delay (arrival when the delay is unknown) for its
 * recorded run time; a long-running one to the end of the span. The span is known only at the
 * end, so instances still running at the latest arrival wait in a small queue to be cut there.
 */
public final class TraceFidelity implements Consumer<TraceRecord> {
    private final LogHistogram delay = new LogHistogram();
    private final Map<String, Resources> up = new HashMap<>();
    /** {start, end, cpu, mem} of finite instances that may run past the span. */
    private final PriorityQueue<long[]> tail = new PriorityQueue<>((a, b) -> Long.compare(a[1], b[1]));
    private Resources fixedCapacity;
    private long instances;
    private long scheduled;
    private long censored;
    private long notRecorded;
    private long pendingAtEnd;
    private long rigidJobs;
    private double cpuArea;
    private double memArea;
    private double foreverCpu;
    private double foreverMem;
    private double foreverCpuStart;
    private double foreverMemStart;
    private double capCpuArea;
    private double capMemArea;
    private long capCpu;
    private long capMem;
    private long lastCapChange;
    private long lastArrival;
    private boolean finished;

    /** Capacity of a fixed cluster ({@code --nodes N}); machine events of the trace are then not counted. */
    public TraceFidelity fixedCapacity(Resources total) {
        this.fixedCapacity = total;
        return this;
    }

    @Override
    public void accept(TraceRecord r) {
        WorkloadEvent e = r.event();
        if (e instanceof WorkloadEvent.JobArrival a) {
            job(a, r.facts());
        } else if (fixedCapacity != null) {
            return;
        } else if (e instanceof WorkloadEvent.MachineUp m) {
            advance(m.atMicros());
            up.put(m.machineId(), m.capacity());
            capCpu += m.capacity().cpuMillis();
            capMem += m.capacity().memMiB();
        } else if (e instanceof WorkloadEvent.MachineDown m) {
            Resources c = up.remove(m.machineId());
            if (c != null) {
                advance(m.atMicros());
                capCpu -= c.cpuMillis();
                capMem -= c.memMiB();
            }
        }
    }

    private void advance(long t) {
        long dt = t - lastCapChange;
        if (dt > 0) {
            capCpuArea += (double) capCpu * dt;
            capMemArea += (double) capMem * dt;
            lastCapChange = t;
        }
    }

    private void job(WorkloadEvent.JobArrival a, InstanceFacts facts) {
        lastArrival = a.atMicros();
        // instances ending before this arrival end before the span too: no cut needed
        while (!tail.isEmpty() && tail.peek()[1] <= lastArrival) tail.poll();
        int k = 0;
        boolean rigid = isRigid(a);
        if (rigid) {
            rigidJobs++;
            countDelay(facts.delayMicros()[0], facts.outcome(0));
        }
        for (TaskSpec t : a.job().tasks()) {
            long c = t.request().cpuMillis();
            long m = t.request().memMiB();
            for (int i = 0; i < t.instances(); i++, k++) {
                instances++;
                if (facts.outcome(k) == Outcome.PENDING_AT_END) pendingAtEnd++;
                if (!facts.outcome(k).wasScheduled()) continue;
                scheduled++;
                long d = facts.delayMicros()[k];
                if (!rigid) countDelay(d, facts.outcome(k));
                long start = a.atMicros() + Math.max(0, d);
                long dur = t.sim().durationMicros(i);
                if (dur < 0) {
                    foreverCpu += c;
                    foreverMem += m;
                    foreverCpuStart += (double) c * start;
                    foreverMemStart += (double) m * start;
                } else if (dur > 0) {
                    cpuArea += (double) c * dur;
                    memArea += (double) m * dur;
                    if (start + dur > lastArrival) tail.add(new long[] {start, start + dur, c, m});
                }
            }
        }
    }

    /** True for a rigid parallel job (SWF): its instances start together and its wait is one number. */
    public static boolean isRigid(WorkloadEvent.JobArrival a) {
        return !a.job().tasks().isEmpty() && a.job().tasks().get(0).labels().containsKey(SwfReader.RIGID_LABEL);
    }

    private void countDelay(long d, Outcome o) {
        if (!o.wasScheduled()) return;
        if (InstanceFacts.known(d)) delay.add(d);
        else if (d == InstanceFacts.CENSORED) censored++;
        else notRecorded++;
    }

    /** Closes the books at the end of the trace's span. */
    public void finish(long spanMicros) {
        if (finished) return;
        finished = true;
        long s = Math.max(spanMicros, lastArrival);
        for (long[] x : tail) {
            if (x[1] <= s) continue;
            long cut = Math.min(x[1] - x[0], x[1] - s);
            cpuArea -= (double) x[2] * cut;
            memArea -= (double) x[3] * cut;
        }
        tail.clear();
        cpuArea += foreverCpu * s - foreverCpuStart;
        memArea += foreverMem * s - foreverMemStart;
        if (fixedCapacity != null) {
            capCpuArea = (double) fixedCapacity.cpuMillis() * s;
            capMemArea = (double) fixedCapacity.memMiB() * s;
        } else {
            advance(s);
        }
    }

    public long instances() { return instances; }

    public long scheduled() { return scheduled; }

    public double scheduledShare() { return instances == 0 ? 0 : (double) scheduled / instances; }

    /** Recorded submit-to-schedule delays that are known (per job for rigid jobs, else per instance). */
    public LogHistogram delayMicros() { return delay; }

    /** Scheduled instances (jobs, when rigid) whose delay is left-censored: no SUBMIT within what was read. */
    public long delayCensored() { return censored; }

    /** Scheduled instances (jobs, when rigid) whose format records no submit time (Alibaba). */
    public long delayNotRecorded() { return notRecorded; }

    /** Instances the trace never scheduled by its end. */
    public long pendingAtEnd() { return pendingAtEnd; }

    /** What one delay sample is: "job" when the trace's jobs are rigid (SWF), else "task". */
    public String delayUnit() { return rigidJobs > 0 ? "job" : "task"; }

    public double cpuUtilization() { return capCpuArea <= 0 ? 0 : cpuArea / capCpuArea; }

    public double memUtilization() { return capMemArea <= 0 ? 0 : memArea / capMemArea; }
}
