package org.mesocosm.runtime.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/**
 * The metrics that tell policies apart (issue 16 §4), fed by {@link MetricsRecorder}:
 * <ul>
 *   <li>scheduling latency (ready to placed) by priority band and by job kind. Bands use Borg's
 *       default thresholds, the same for every policy: priority &gt;= 200 production, &gt;= 100 batch,
 *       below best-effort;</li>
 *   <li>{@code fairness_jain_active}: at each timeline sample, Jain's index over the dominant shares
 *       of the roles that have pending work (1 when fewer than two such roles), averaged over the
 *       samples where at least two roles had pending work (n/a, NaN, when there were none);</li>
 *   <li>packing, at each sample over the agents that are up: nodes with any task (median over the
 *       samples), the coefficient of variation of the nodes' CPU allocation fraction (time-averaged),
 *       and stranded CPU (memory): the free CPU (memory) on nodes whose free memory (CPU) is below
 *       {@value #EXHAUSTED_PERCENT}% of their capacity, as a fraction of the cluster's CPU (memory),
 *       time-averaged, as Borg's paper counts resources no task can use.</li>
 *   <li>{@code wasted_cpu_hours}: work lost, the requested cores times the time a task ran (from its
 *       start, or its placement if it never started) when it ended preempted, lost with its
 *       machine, or killed by its machine for running out of memory ({@code oom}, the simulator's
 *       usage model: only overcommitted machines can run out).</li>
 * </ul>
 * Allocation here counts reclaimed placements too: they hold the node as much as the others.
 */
final class PolicyMetrics {
    static final int EXHAUSTED_PERCENT = 5;

    /** Priority bands, with Borg's default thresholds, for every policy alike. */
    enum Band {
        PRODUCTION, BATCH, BEST_EFFORT;

        static Band of(int priority) {
            return priority >= 200 ? PRODUCTION : priority >= 100 ? BATCH : BEST_EFFORT;
        }

        String key() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
    }

    final Map<Band, LongSamples> latencyByBand = new EnumMap<>(Band.class);
    final Map<JobKind, LongSamples> latencyByKind = new EnumMap<>(JobKind.class);
    /** Pending tasks per role: a role is active while it has some. */
    private final Map<String, long[]> pendingByRole = new LinkedHashMap<>();
    /** Agents in the order they first came up (deterministic); only those up are sampled. */
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    final LongSamples nodesUsed = new LongSamples();
    private double jainActiveSum, covSum, strandedCpuSum, strandedMemSum;
    private long jainActiveSamples, packingSamples;
    /** Millicores x microseconds of work lost. */
    private double wastedCpuMilliMicros;

    private final MeasurementWindow window;

    PolicyMetrics(MeasurementWindow window) {
        this.window = window;
        for (Band b : Band.values()) latencyByBand.put(b, new LongSamples());
        for (JobKind k : JobKind.values()) latencyByKind.put(k, new LongSamples());
    }

    void agentUp(Agent a) { agents.putIfAbsent(a.id(), a); }

    void taskCreated(Task t) { pendingByRole.computeIfAbsent(t.role(), r -> new long[1])[0]++; }

    void taskPlaced(long now, Task t) {
        pendingByRole.get(t.role())[0]--;
        if (!window.contains(now)) return;
        long latency = now - t.readyAt();
        latencyByBand.get(Band.of(t.priority())).add(latency);
        latencyByKind.get(t.kind()).add(latency);
    }

    /** A task that leaves PENDING without being placed (killed, discontinued, withdrawn) is no longer pending work. */
    void leftPendingUnplaced(Task t) { pendingByRole.get(t.role())[0]--; }

    /** One timeline sample inside the window; {@code roleAlloc} is cpu and memory allocated per role. */
    void sample(Map<String, long[]> roleAlloc, long capCpu, long capMem) {
        double sum = 0, sumSq = 0;
        int active = 0;
        for (Map.Entry<String, long[]> e : pendingByRole.entrySet()) {
            if (e.getValue()[0] <= 0) continue;
            long[] ra = roleAlloc.get(e.getKey());
            double s = ra == null ? 0 : Math.max(capCpu == 0 ? 0 : (double) ra[0] / capCpu, capMem == 0 ? 0 : (double) ra[1] / capMem);
            sum += s;
            sumSq += s * s;
            active++;
        }
        if (active >= 2) {
            jainActiveSum += sumSq == 0 ? 1.0 : sum * sum / (active * sumSq);
            jainActiveSamples++;
        }
        long used = 0, up = 0, totalCpu = 0, totalMem = 0, strandedCpu = 0, strandedMem = 0;
        double fracSum = 0, fracSq = 0;
        for (Agent a : agents.values()) {
            if (!a.isUp()) continue;
            up++;
            if (a.taskCount() > 0) used++; // not tasks(): that compacts the agent's task list, on every sample of every agent
            Resources total = a.total();
            Resources held = a.allocated().plus(a.reclaimed());
            long freeCpu = Math.max(0, total.cpuMillis() - held.cpuMillis());
            long freeMem = Math.max(0, total.memMiB() - held.memMiB());
            totalCpu += total.cpuMillis();
            totalMem += total.memMiB();
            if (freeMem * 100 < total.memMiB() * EXHAUSTED_PERCENT) strandedCpu += freeCpu;
            if (freeCpu * 100 < total.cpuMillis() * EXHAUSTED_PERCENT) strandedMem += freeMem;
            double f = total.cpuMillis() == 0 ? 0 : Math.min(1.0, (double) held.cpuMillis() / total.cpuMillis());
            fracSum += f;
            fracSq += f * f;
        }
        if (up == 0) return;
        nodesUsed.add(used);
        double mean = fracSum / up;
        double var = Math.max(0, fracSq / up - mean * mean);
        covSum += mean == 0 ? 0 : Math.sqrt(var) / mean;
        strandedCpuSum += totalCpu == 0 ? 0 : (double) strandedCpu / totalCpu;
        strandedMemSum += totalMem == 0 ? 0 : (double) strandedMem / totalMem;
        packingSamples++;
    }

    /** An active task ended: counts its work as lost if it was preempted, lost with its machine, or OOM-killed (the part done in the window). */
    void taskEnded(long now, Task t) {
        if (!t.isPreempted() && t.state() != TaskState.LOST && !Task.OOM_KILLED.equals(t.endReason())) return;
        long from = t.startedAt() >= 0 ? t.startedAt() : t.placedAt();
        if (from >= 0 && now > from) wastedCpuMilliMicros += (double) t.request().cpuMillis() * window.overlap(from, now);
    }

    double wastedCpuHours() { return wastedCpuMilliMicros / 1000.0 / 3_600_000_000.0; }

    /** NaN (n/a) when no sample had two roles with pending work. */
    double fairnessJainActive() { return jainActiveSamples == 0 ? Double.NaN : jainActiveSum / jainActiveSamples; }

    long fairnessJainActiveSamples() { return jainActiveSamples; }

    double nodeCpuAllocCov() { return packingSamples == 0 ? Double.NaN : covSum / packingSamples; }

    double strandedCpu() { return packingSamples == 0 ? Double.NaN : strandedCpuSum / packingSamples; }

    double strandedMem() { return packingSamples == 0 ? Double.NaN : strandedMemSum / packingSamples; }

    /** Whether a state change takes a task out of PENDING without a placement. */
    static boolean leavesPendingUnplaced(TaskState from, TaskState to) {
        return from == TaskState.PENDING && to != TaskState.STAGING && to != TaskState.PENDING;
    }
}
