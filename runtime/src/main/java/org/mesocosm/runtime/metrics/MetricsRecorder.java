package org.mesocosm.runtime.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/**
 * The one place where run metrics are defined (DESIGN.md §7). It watches the master and keeps:
 * <ul>
 *   <li>utilization: the integral over time of allocated CPU and memory, divided by the
 *       integral of the capacity of up agents (so a lost agent lowers capacity, not utilization);</li>
 *   <li>scheduling latency: task ready (created PENDING) to placed (launch decided), sim time;</li>
 *   <li>job completion: submit to end of a batch or pipeline job that succeeded;</li>
 *   <li>fairness: Jain's index over roles of each role's mean dominant share across timeline samples;</li>
 *   <li>counts of tasks by state, and preemptions.</li>
 * </ul>
 * Every aggregate is taken over the {@link MeasurementWindow} (default: the whole run): the
 * integrals over the part of each interval inside it, latencies of tasks placed in it, job
 * completions and preemptions that happen in it, fairness and packing samples taken in it, and
 * lost work that was done in it. The timeline and tasks.csv keep the whole run; the counts of tasks
 * by state are the state at the end of the run.
 */
public final class MetricsRecorder implements MasterObserver {
    private final TaskRowSink rows;
    private final MeasurementWindow window;
    private final long[] stateCounts = new long[TaskState.values().length];
    private final LongSamples latency = new LongSamples();
    private final LongSamples jobCompletion = new LongSamples();
    private final Map<String, Long> jobSubmitAt = new HashMap<>();
    /** Roles in the order first seen, with their allocated resources. */
    private final Map<String, long[]> roleAlloc = new LinkedHashMap<>();
    private final Map<String, double[]> roleShareSum = new LinkedHashMap<>();
    private final List<TimelineRow> timeline = new ArrayList<>();
    private final PolicyMetrics policy;
    private long allocCpu, allocMem, capCpu, capMem;
    private double cpuArea, memArea, capCpuArea, capMemArea;
    private long lastChange;
    private long tasksCreated, jobsSubmitted, jobsSucceeded, jobsFailed, preemptions, oomKills, unschedulable;
    private int agentsUp;
    private long samples;
    /** Integrals frozen when the last job arrived: utilization in steady state, without the drain. */
    private double cpuAreaArrivals = -1, memAreaArrivals, capCpuAreaArrivals, capMemAreaArrivals;
    private long arrivalsEndedAt = -1;

    /** One timeline sample; shares are per role in {@link #roles()} order (shorter if a role appeared later). */
    public record TimelineRow(long atMicros, double cpuAlloc, double memAlloc, int agentsUp, long pending, long running, double[] shares) {}

    public MetricsRecorder(TaskRowSink rows) {
        this(rows, MeasurementWindow.WHOLE_RUN);
    }

    public MetricsRecorder(TaskRowSink rows, MeasurementWindow window) {
        if (window == null) throw new IllegalArgumentException("window is required (MeasurementWindow.WHOLE_RUN for the whole run)");
        this.rows = rows;
        this.window = window;
        this.policy = new PolicyMetrics(window);
    }

    public MeasurementWindow window() { return window; }

    /** Adds the interval since the last change to the integrals, the part of it inside the window only. */
    private void advance(long now) {
        long dt = now - lastChange;
        if (dt > 0) {
            long in = window.overlap(lastChange, now);
            cpuArea += (double) allocCpu * in;
            memArea += (double) allocMem * in;
            capCpuArea += (double) capCpu * in;
            capMemArea += (double) capMem * in;
            lastChange = now;
        }
    }

    @Override
    public void agentUp(long now, Agent agent) {
        advance(now);
        capCpu += agent.total().cpuMillis();
        capMem += agent.total().memMiB();
        agentsUp++;
        policy.agentUp(agent);
    }

    @Override
    public void agentDown(long now, Agent agent) {
        advance(now);
        capCpu -= agent.total().cpuMillis();
        capMem -= agent.total().memMiB();
        agentsUp--;
    }

    @Override
    public void jobSubmitted(long now, JobSpec job) {
        jobsSubmitted++;
        if (job.kind() != JobKind.SERVICE) jobSubmitAt.put(job.id(), now);
        roleAlloc.computeIfAbsent(job.role(), r -> new long[2]);
    }

    @Override
    public void jobEnded(long now, JobSpec job, boolean succeeded) {
        Long at = jobSubmitAt.remove(job.id());
        if (succeeded) {
            jobsSucceeded++;
            if (at != null && window.contains(now)) jobCompletion.add(now - at);
        } else {
            jobsFailed++;
        }
    }

    @Override
    public void taskCreated(long now, Task task) {
        tasksCreated++;
        stateCounts[TaskState.PENDING.ordinal()]++;
        policy.taskCreated(task);
    }

    @Override
    public void taskUnschedulable(long now, Task task, String reason) {
        unschedulable++;
    }

    @Override
    public void taskPlaced(long now, Task task) {
        advance(now);
        stateCounts[TaskState.PENDING.ordinal()]--;
        stateCounts[TaskState.STAGING.ordinal()]++;
        if (window.contains(now)) latency.add(now - task.readyAt());
        policy.taskPlaced(now, task);
        Resources r = task.request();
        allocCpu += r.cpuMillis();
        allocMem += r.memMiB();
        long[] ra = roleAlloc.computeIfAbsent(task.role(), x -> new long[2]);
        ra[0] += r.cpuMillis();
        ra[1] += r.memMiB();
    }

    @Override
    public void taskStateChanged(long now, Task task, TaskState from) {
        stateCounts[from.ordinal()]--;
        stateCounts[task.state().ordinal()]++;
        if (PolicyMetrics.leavesPendingUnplaced(from, task.state())) policy.leftPendingUnplaced(task);
        if (from.isActive() && task.state().isTerminal()) {
            advance(now);
            policy.taskEnded(now, task);
            if (Task.OOM_KILLED.equals(task.endReason())) oomKills++;
            Resources r = task.request();
            allocCpu -= r.cpuMillis();
            allocMem -= r.memMiB();
            long[] ra = roleAlloc.get(task.role());
            ra[0] -= r.cpuMillis();
            ra[1] -= r.memMiB();
        }
        if (from == TaskState.PENDING && task.isUnschedulable()) unschedulable--;
        if (task.state().isTerminal()) rows.accept(task);
    }

    @Override
    public void taskPreempted(long now, Task victim, Task preemptor) {
        if (window.contains(now)) preemptions++;
    }

    /** Takes a timeline sample; the driver calls this at a fixed sim-time interval. */
    public void sample(long now) {
        advance(now);
        double[] shares = new double[roleAlloc.size()];
        boolean in = window.contains(now);
        int i = 0;
        for (Map.Entry<String, long[]> e : roleAlloc.entrySet()) {
            double s = Math.max(capCpu == 0 ? 0 : (double) e.getValue()[0] / capCpu, capMem == 0 ? 0 : (double) e.getValue()[1] / capMem);
            shares[i++] = s;
            if (in) roleShareSum.computeIfAbsent(e.getKey(), k -> new double[1])[0] += s;
        }
        if (in) {
            samples++;
            policy.sample(roleAlloc, capCpu, capMem);
        }
        timeline.add(new TimelineRow(now, capCpu == 0 ? 0 : (double) allocCpu / capCpu, capMem == 0 ? 0 : (double) allocMem / capMem,
                agentsUp, pending(), stateCounts[TaskState.STAGING.ordinal()] + stateCounts[TaskState.RUNNING.ordinal()], shares));
    }

    private long pending() {
        return stateCounts[TaskState.PENDING.ordinal()] - unschedulable;
    }

    /** The workload has no more arrivals: freezes a copy of the utilization integrals. */
    public void arrivalsEnded(long now) {
        if (arrivalsEndedAt >= 0) return;
        advance(now);
        arrivalsEndedAt = now;
        cpuAreaArrivals = cpuArea;
        memAreaArrivals = memArea;
        capCpuAreaArrivals = capCpuArea;
        capMemAreaArrivals = capMemArea;
    }

    /** When the last job arrived, or -1 if the run ended first. */
    public long arrivalsEndedAt() { return arrivalsEndedAt; }

    /** CPU utilization from the start until the last arrival (the whole run if arrivals never ended). */
    public double cpuUtilizationDuringArrivals() {
        return arrivalsEndedAt < 0 ? cpuUtilization() : capCpuAreaArrivals == 0 ? 0 : cpuAreaArrivals / capCpuAreaArrivals;
    }

    public double memUtilizationDuringArrivals() {
        return arrivalsEndedAt < 0 ? memUtilization() : capMemAreaArrivals == 0 ? 0 : memAreaArrivals / capMemAreaArrivals;
    }

    /** Ends the run: hands every task still live to the row sink (in creation order) and freezes the integrals. */
    public void finish(long now, Iterable<Task> liveTasks) {
        advance(now);
        List<Task> live = new ArrayList<>();
        liveTasks.forEach(live::add);
        live.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        for (Task t : live) rows.accept(t);
    }

    public List<String> roles() { return List.copyOf(roleAlloc.keySet()); }

    public List<TimelineRow> timeline() { return timeline; }

    public long count(TaskState s) { return stateCounts[s.ordinal()]; }

    public long tasksCreated() { return tasksCreated; }

    public long unschedulable() { return unschedulable; }

    public long pendingNow() { return pending(); }

    public long preemptions() { return preemptions; }

    /** Tasks their machine killed for running out of memory (reason {@code oom}). */
    public long oomKills() { return oomKills; }

    public long jobsSubmitted() { return jobsSubmitted; }

    public long jobsSucceeded() { return jobsSucceeded; }

    public long jobsFailed() { return jobsFailed; }

    public double cpuUtilization() { return capCpuArea == 0 ? 0 : cpuArea / capCpuArea; }

    public double memUtilization() { return capMemArea == 0 ? 0 : memArea / capMemArea; }

    public LongSamples latencyMicros() { return latency; }

    public LongSamples jobCompletionMicros() { return jobCompletion; }

    /** Scheduling latency of one priority band ({@code production}, {@code batch}, {@code best-effort}); see {@link PolicyMetrics}. */
    public LongSamples latencyMicrosOfBand(String band) {
        for (PolicyMetrics.Band b : PolicyMetrics.Band.values()) if (b.key().equals(band)) return policy.latencyByBand.get(b);
        throw new IllegalArgumentException("unknown band '" + band + "' (valid: production, batch, best-effort)");
    }

    public static List<String> bands() { return List.of("production", "batch", "best-effort"); }

    public LongSamples latencyMicrosOfKind(JobKind kind) { return policy.latencyByKind.get(kind); }

    /** Jain's index over the dominant shares of the roles with pending work, time-averaged; NaN (n/a) if never two such roles. */
    public double fairnessJainActive() { return policy.fairnessJainActive(); }

    public long fairnessJainActiveSamples() { return policy.fairnessJainActiveSamples(); }

    /** Nodes with any task, one value per timeline sample. */
    public LongSamples nodesUsed() { return policy.nodesUsed; }

    public double nodeCpuAllocCov() { return policy.nodeCpuAllocCov(); }

    public double strandedCpu() { return policy.strandedCpu(); }

    public double strandedMem() { return policy.strandedMem(); }

    /** Core-hours of work lost to preemption and machine failures. */
    public double wastedCpuHours() { return policy.wastedCpuHours(); }

    /** Jain's fairness index of the roles' mean dominant shares; 1 when all equal (or fewer than two roles). */
    public double fairnessJain() {
        if (samples == 0 || roleShareSum.size() < 2) return 1.0;
        double sum = 0, sumSq = 0;
        for (double[] s : roleShareSum.values()) {
            double mean = s[0] / samples;
            sum += mean;
            sumSq += mean * mean;
        }
        return sumSq == 0 ? 1.0 : sum * sum / (roleShareSum.size() * sumSq);
    }
}
