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
 *
 * <p>On top of the per-node outcomes, {@link ScanBlocks} keeps a summary per block of slots, so
 * a window crosses an unchanged block in one step instead of a read per node. A cache miss runs
 * only the Filter plugins whose plan says they filter this pod (the others pass every up node),
 * on the {@link NodeTable}'s columns where the plugin reads them.
 */
final class CachedScan {
    private static final long INFEASIBLE = Long.MIN_VALUE;

    private final PodScheduler scheduler;
    private final Profile profile;
    private final long[] weightOf;
    private final boolean[] normalizes;
    private final CacheablePlugin[] scorers;
    private final long[] weights;
    private int nScores;
    private final CacheablePlugin[] filters;
    private int nFilters;
    /** The Filter, PreScore and Score plugins in profile order, their profile indexes and roles; false if one is not cacheable. */
    private final boolean cacheable;
    private final CacheablePlugin[] planners;
    private final int[] plannerIdx;
    private final boolean[] isFilter, isScore;
    /** Which plugins filter and score (bit per profile index), part of the cache key. */
    private long filterMask = -1, scoreMask = -1;

    // the cache: per slot, (epoch it was computed in, outcome) side by side; a change of the
    // node clears its epoch ({@link #invalidate}), a new key starts a new epoch
    private Object keySpec;
    private Resources keyRequest;
    private long epoch;
    private long[] cached = new long[0];
    private final ScanBlocks blocks = new ScanBlocks();
    private int visited;
    long hits, misses;

    CachedScan(PodScheduler scheduler, Profile profile) {
        this.scheduler = scheduler;
        this.profile = profile;
        int n = profile.plugins().size();
        weightOf = new long[n];
        normalizes = new boolean[n];
        for (int j = 0; j < profile.score.length; j++) {
            weightOf[profile.scoreIdx[j]] = profile.scoreWeight[j];
            normalizes[profile.scoreIdx[j]] = profile.normalize[j] != null;
        }
        scorers = new CacheablePlugin[n];
        weights = new long[n];
        filters = new CacheablePlugin[profile.filter.length];
        // the plugins with a say in Filter or Score, found once: the cache needs every one of them cacheable
        var plugins = profile.plugins();
        int k = 0;
        boolean all = true;
        CacheablePlugin[] p = new CacheablePlugin[n];
        int[] idx = new int[n];
        boolean[] f = new boolean[n], s = new boolean[n];
        for (int i = 0; i < n; i++) {
            Plugin pl = plugins.get(i);
            boolean filter = pl instanceof FilterPlugin, score = pl instanceof ScorePlugin;
            if (!filter && !score && !(pl instanceof PreScorePlugin)) continue;
            if (!(pl instanceof CacheablePlugin cp)) {
                all = false;
                continue;
            }
            p[k] = cp;
            idx[k] = i;
            f[k] = filter;
            s[k++] = score;
        }
        cacheable = all;
        planners = Arrays.copyOf(p, k);
        plannerIdx = Arrays.copyOf(idx, k);
        isFilter = Arrays.copyOf(f, k);
        isScore = Arrays.copyOf(s, k);
    }

    /** After PreFilter: may this pod's cycle use the cache? (Also sets which plugins filter and score.) */
    boolean prepare(CycleState state, Task pod) {
        if (!cacheable || !scheduler.nominator().isEmpty()) return false;
        TaintCounts taints = scheduler.taints();
        long filtering = 0, scoring = 0;
        nScores = 0;
        for (int k = 0; k < planners.length; k++) {
            int i = plannerIdx[k];
            CacheablePlugin cp = planners[k];
            int plan = cp.plan(state, pod, taints);
            if (plan == CacheablePlugin.NOT_CACHEABLE) return false;
            if (isFilter[k] && (plan & CacheablePlugin.FILTERS) != 0 && (state.skipFilter & (1L << i)) == 0) filtering |= 1L << i;
            if (isScore[k] && (plan & CacheablePlugin.SCORES) != 0) {
                if (normalizes[i]) return false;
                scoring |= 1L << i;
                scorers[nScores] = cp;
                weights[nScores++] = weightOf[i];
            }
        }
        // Filter plugins in the profile's order, as the plain cycle runs them
        nFilters = 0;
        for (int j = 0; j < profile.filter.length; j++) {
            if ((filtering & (1L << profile.filterIdx[j])) != 0) filters[nFilters++] = (CacheablePlugin) profile.filter[j];
        }
        if (pod.spec() != keySpec || !pod.request().equals(keyRequest) || filtering != filterMask || scoring != scoreMask) {
            keySpec = pod.spec();
            keyRequest = pod.request();
            filterMask = filtering;
            scoreMask = scoring;
            epoch++;
        }
        return true;
    }

    /** The node at the slot changed: what was cached for it is void. */
    void invalidate(int slot) {
        if (2 * slot < cached.length) cached[2 * slot] = 0;
        blocks.invalidate(slot);
    }

    /** The plain cycle's choice over the window starting at {@code start}, or null if no node is feasible. */
    NodeInfo scan(CycleState state, Task pod, int start, int want, int slots) {
        if (cached.length < 2 * slots) cached = Arrays.copyOf(cached, Math.max(2 * slots, cached.length * 2));
        blocks.ensure(slots);
        long[] c = cached;
        long e = epoch;
        NodeTable t = scheduler.table();
        int count = 0, seen = 0, i = start, bestSlot = -1;
        long best = INFEASIBLE;
        long misses = 0;
        // the block being walked node by node from its first slot, summarized when walked to its end
        int walking = -1, walkFeasible = 0, walkBestSlot = -1;
        long walkBest = INFEASIBLE;
        while (seen < slots && count < want) {
            if ((i & ScanBlocks.MASK) == 0) {
                int b = i >>> ScanBlocks.SHIFT, len = Math.min(ScanBlocks.SIZE, slots - i);
                int feasible = blocks.feasible(b, e, len);
                // the whole block lies inside the window: take its summary (strictly fewer than
                // the wanted nodes, else the window ends inside it and its end must be found)
                if (feasible >= 0 && count + feasible < want && seen + len <= slots) {
                    if (feasible > 0 && (bestSlot < 0 || blocks.best(b) > best)) {
                        best = blocks.best(b);
                        bestSlot = blocks.bestSlot(b);
                    }
                    count += feasible;
                    seen += len;
                    i += len;
                    if (i == slots) i = 0;
                    continue;
                }
                walking = b;
                walkFeasible = 0;
                walkBestSlot = -1;
                walkBest = INFEASIBLE;
            }
            int slot = i;
            if (++i == slots) i = 0;
            seen++;
            long v;
            if (c[2 * slot] == e) {
                v = c[2 * slot + 1];
            } else {
                v = evaluate(state, pod, t, slot);
                c[2 * slot] = e;
                c[2 * slot + 1] = v;
                misses++;
            }
            if (v != INFEASIBLE) {
                count++;
                if (bestSlot < 0 || v > best) {
                    best = v;
                    bestSlot = slot;
                }
                if (walkBestSlot < 0 || v > walkBest) {
                    walkBest = v;
                    walkBestSlot = slot;
                }
                walkFeasible++;
            }
            if (walking >= 0 && (i & ScanBlocks.MASK) == 0) {
                // walked a whole block from its first slot to its end: remember it
                blocks.store(walking, e, slot + 1 - (walking << ScanBlocks.SHIFT), walkFeasible, walkBest, walkBestSlot);
                walking = -1;
            }
        }
        visited = seen;
        this.misses += misses;
        this.hits += seen - misses;
        return bestSlot < 0 ? null : t.node(bestSlot);
    }

    /** Slots the last scan covered (the plain cycle's visit count). */
    int visited() { return visited; }

    private long evaluate(CycleState state, Task pod, NodeTable t, int slot) {
        if (!t.isUp(slot)) return INFEASIBLE;
        CacheablePlugin[] f = filters;
        for (int j = 0, nf = nFilters; j < nf; j++) if (!f[j].fits(state, pod, t, slot)) return INFEASIBLE;
        long total = 0;
        for (int j = 0; j < nScores; j++) total += weights[j] * scorers[j].score(state, pod, t, slot);
        return total;
    }
}
