package org.mesocosm.runtime.pods;

import java.util.Arrays;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/**
 * The Filter and Score phases of one cycle over the same window as the plain cycle (from the
 * rotating start until {@code want} nodes are feasible; best weighted score, ties to the node
 * met first), with each node's outcome (infeasible, or its weighted score) kept per node and
 * reused while the node is unchanged and the pods are of the same spec and request. A job's
 * tasks are scheduled one after another, and a window moves on by its own length each cycle, so
 * after a few cycles a job's pods find most nodes already filtered and scored: a cached node
 * costs two array reads instead of a call per plugin. Used only when every Filter, PreScore and
 * Score plugin says its results are a function of the pod's spec and the node alone
 * ({@link CacheablePlugin}) and no pod is nominated anywhere.
 */
final class CachedScan {
    private static final long INFEASIBLE = Long.MIN_VALUE;

    private final PodScheduler scheduler;
    private final Profile profile;
    private final SchedulingCycle cycle;
    private final long[] weightOf;
    private final boolean[] normalizes;
    private final ScorePlugin[] scorers;
    private final long[] weights;
    private int nScores;
    /** Which plugins filter and score (bit per profile index), part of the cache key. */
    private long filterMask = -1, scoreMask = -1;

    // the cache: per slot, (epoch it was computed in, outcome) side by side; a change of the
    // node clears its epoch ({@link #invalidate}), a new key starts a new epoch
    private Object keySpec;
    private Resources keyRequest;
    private long epoch;
    private long[] cached = new long[0];
    private int visited;
    long hits, misses;

    CachedScan(PodScheduler scheduler, Profile profile, SchedulingCycle cycle) {
        this.scheduler = scheduler;
        this.profile = profile;
        this.cycle = cycle;
        int n = profile.plugins().size();
        weightOf = new long[n];
        normalizes = new boolean[n];
        for (int j = 0; j < profile.score.length; j++) {
            weightOf[profile.scoreIdx[j]] = profile.scoreWeight[j];
            normalizes[profile.scoreIdx[j]] = profile.normalize[j] != null;
        }
        scorers = new ScorePlugin[n];
        weights = new long[n];
    }

    /** After PreFilter: may this pod's cycle use the cache? (Also sets which plugins score.) */
    boolean prepare(CycleState state, Task pod) {
        if (!scheduler.nominator().isEmpty()) return false;
        TaintCounts taints = scheduler.taints();
        long filters = 0, scores = 0;
        nScores = 0;
        var plugins = profile.plugins();
        for (int i = 0; i < plugins.size(); i++) {
            Plugin p = plugins.get(i);
            boolean filter = p instanceof FilterPlugin, score = p instanceof ScorePlugin;
            if (!filter && !score && !(p instanceof PreScorePlugin)) continue;
            if (!(p instanceof CacheablePlugin cp)) return false;
            int plan = cp.plan(state, pod, taints);
            if (plan == CacheablePlugin.NOT_CACHEABLE) return false;
            if (filter && (plan & CacheablePlugin.FILTERS) != 0 && (state.skipFilter & (1L << i)) == 0) filters |= 1L << i;
            if (score && (plan & CacheablePlugin.SCORES) != 0) {
                if (normalizes[i]) return false;
                scores |= 1L << i;
                scorers[nScores] = (ScorePlugin) p;
                weights[nScores++] = weightOf[i];
            }
        }
        if (pod.spec() != keySpec || !pod.request().equals(keyRequest) || filters != filterMask || scores != scoreMask) {
            keySpec = pod.spec();
            keyRequest = pod.request();
            filterMask = filters;
            scoreMask = scores;
            epoch++;
        }
        return true;
    }

    /** The node at the slot changed: what was cached for it is void. */
    void invalidate(int slot) {
        if (2 * slot < cached.length) cached[2 * slot] = 0;
    }

    /** The plain cycle's choice over the window starting at {@code start}, or null if no node is feasible. */
    NodeInfo scan(CycleState state, Task pod, int start, int want, int slots) {
        if (cached.length < 2 * slots) cached = Arrays.copyOf(cached, Math.max(2 * slots, cached.length * 2));
        long[] c = cached;
        long e = epoch;
        NodeInfo[] nodes = scheduler.nodeArray();
        int count = 0, seen = 0, i = start, bestSlot = -1;
        long best = INFEASIBLE;
        long misses = 0;
        while (seen < slots && count < want) {
            int slot = i;
            if (++i == slots) i = 0;
            seen++;
            long v;
            if (c[2 * slot] == e) {
                v = c[2 * slot + 1];
            } else {
                v = evaluate(state, pod, nodes[slot]);
                c[2 * slot] = e;
                c[2 * slot + 1] = v;
                misses++;
            }
            if (v == INFEASIBLE) continue;
            count++;
            if (bestSlot < 0 || v > best) {
                best = v;
                bestSlot = slot;
            }
        }
        visited = seen;
        this.misses += misses;
        this.hits += seen - misses;
        return bestSlot < 0 ? null : nodes[bestSlot];
    }

    /** Slots the last scan covered (the plain cycle's visit count). */
    int visited() { return visited; }

    private long evaluate(CycleState state, Task pod, NodeInfo n) {
        if (n == null || !n.isUp() || !cycle.runFilterPlugins(state, pod, n).isSuccess()) return INFEASIBLE;
        long total = 0;
        for (int j = 0; j < nScores; j++) total += weights[j] * scorers[j].score(state, pod, n);
        return total;
    }
}
