package org.mesocosm.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;

/**
 * A simulated machine. It keeps its own account of what runs on it, independent of the
 * master's: if the master ever sends it more than it has, that is a double booking, and the
 * simulation stops with an error rather than quietly over-committing. A policy that reclaims
 * unused resources declares an overcommit; then the limit is the total plus that share.
 *
 * <p>Besides the requests it sums what its tasks use right now ({@link UsageModel}). Memory used
 * beyond the machine's memory kills tasks ({@link #oomVictims()}); CPU used beyond its cores
 * slows every task on it by the same factor ({@link #cpuRate()}).
 */
final class SimAgent {
    /** Who goes first when memory runs out: reclaimed placements, then lowest priority, then the newest. */
    static final Comparator<RunningTask> OOM_ORDER = Comparator.comparing((RunningTask t) -> !t.reclaimed)
            .thenComparingInt(t -> t.priority)
            .thenComparing(Comparator.comparingLong((RunningTask t) -> t.launchSeq).reversed())
            .thenComparing(t -> t.id);

    final String id;
    Resources total;
    Map<String, String> attributes;
    Resources used = Resources.ZERO;
    /** Sums of the running tasks' current usage. */
    long cpuUsage, memUsage;
    /** The share of full speed its tasks run at now (1 unless CPU usage exceeds the cores). */
    double rate = 1.0;
    /** Declared by the policy (see PlacementPolicy.overcommitPercent); 0 = none. */
    final int overcommitPercent;
    boolean up;
    /** Bumped on every failure, so that events scheduled for an earlier life are ignored. */
    int incarnation;
    final Map<String, RunningTask> tasks = new HashMap<>();

    SimAgent(String id, Resources total, Map<String, String> attributes, int overcommitPercent) {
        this.id = id;
        this.total = total;
        this.attributes = attributes;
        this.overcommitPercent = overcommitPercent;
    }

    /** The most the requests of its tasks may add up to. */
    Resources limit() {
        if (overcommitPercent == 0) return total;
        return new Resources(total.cpuMillis() + total.cpuMillis() * overcommitPercent / 100,
                total.memMiB() + total.memMiB() * overcommitPercent / 100,
                total.diskMiB() + total.diskMiB() * overcommitPercent / 100,
                total.gpus() + total.gpus() * overcommitPercent / 100);
    }

    void start(RunningTask t) {
        Resources r = t.request;
        Resources after = used.plus(r);
        if (!limit().fits(after)) {
            throw new IllegalStateException("simulated agent " + id + " over-committed: running " + used + " + " + r
                    + " exceeds capacity " + total + (overcommitPercent == 0 ? "" : " + " + overcommitPercent + "% declared overcommit"));
        }
        if (tasks.put(t.id, t) != null) throw new IllegalStateException("task " + t.id + " launched twice on " + id);
        used = after;
        cpuUsage += t.cpuUsage;
        memUsage += t.memUsage;
    }

    /** Stops a task; null if it was not running here. */
    RunningTask stop(String taskId) {
        RunningTask t = tasks.remove(taskId);
        if (t == null) return null;
        used = used.minus(t.request);
        cpuUsage -= t.cpuUsage;
        memUsage -= t.memUsage;
        return t;
    }

    /** Draws the task's next usage level and books it. */
    void step(RunningTask t, UsageModel model) {
        cpuUsage -= t.cpuUsage;
        memUsage -= t.memUsage;
        model.step(t);
        cpuUsage += t.cpuUsage;
        memUsage += t.memUsage;
    }

    /** The speed its tasks run at for the current usage: capacity over usage when CPU is over capacity. */
    double cpuRate() {
        return cpuUsage <= total.cpuMillis() ? 1.0 : (double) total.cpuMillis() / cpuUsage;
    }

    /**
     * Removes tasks in {@link #OOM_ORDER} until memory usage fits the machine again, and returns
     * them (the kill step of an out-of-memory killer); empty when memory fits.
     */
    List<RunningTask> oomVictims() {
        if (memUsage <= total.memMiB()) return List.of();
        List<RunningTask> order = new ArrayList<>(tasks.values());
        order.sort(OOM_ORDER);
        List<RunningTask> victims = new ArrayList<>();
        for (RunningTask t : order) {
            if (memUsage <= total.memMiB()) break;
            stop(t.id);
            victims.add(t);
        }
        return victims;
    }

    /** Running tasks in launch order (a deterministic order for rescheduling their ends). */
    List<RunningTask> tasksInLaunchOrder() {
        List<RunningTask> l = new ArrayList<>(tasks.values());
        l.sort(Comparator.comparingLong(t -> t.launchSeq));
        return l;
    }

    void crash() {
        up = false;
        incarnation++;
        tasks.clear();
        used = Resources.ZERO;
        cpuUsage = 0;
        memUsage = 0;
        rate = 1.0;
    }
}
