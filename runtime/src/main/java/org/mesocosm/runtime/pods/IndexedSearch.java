package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/**
 * The Filter and Score phases of one cycle answered from the {@link NodeIndex}, with the plain
 * cycle's result: the window is the same (from the rotating start, up to the node that makes
 * {@code want} feasible ones), and the chosen node is the same (highest weighted score, ties to
 * the first in rotation order). Two walks down the tree: the first skips ranges where no node
 * passes and counts ranges where every node passes without opening them; the second visits the
 * window in rotation order and skips ranges that hold no feasible node or whose score bound
 * cannot beat the best so far (branch and bound). Single nodes the summaries cannot settle go
 * to the real Filter plugins, and every score compared is the plugins' own.
 */
final class IndexedSearch {
    private final PodScheduler scheduler;
    private final Profile profile;
    private final SchedulingCycle cycle;
    private final long[] weightOf;
    private final boolean[] normalizes;
    private IndexedPlugin[] filters;
    private IndexedPlugin[] scorers;
    private ScorePlugin[] scorePlugins;
    private long[] weights;
    private int nFilters, nScores;

    // one search
    private CycleState state;
    private Task pod;
    private NodeIndex index;
    private NodeInfo[] nodes;
    private int need, endSlot, bestSlot;
    private long best;
    /** Nodes checked one by one (filtered or scored) over all searches: the work the index left. */
    long leafVisits;

    IndexedSearch(PodScheduler scheduler, Profile profile, SchedulingCycle cycle) {
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
        filters = new IndexedPlugin[n];
        scorers = new IndexedPlugin[n];
        scorePlugins = new ScorePlugin[n];
        weights = new long[n];
    }

    /** After PreFilter: can the index stand in for every Filter, PreScore and Score plugin for this pod? */
    boolean prepare(CycleState state, Task pod) {
        if (!scheduler.nominator().isEmpty()) return false;
        NodeIndex idx = scheduler.index();
        nFilters = 0;
        nScores = 0;
        var plugins = profile.plugins();
        for (int i = 0; i < plugins.size(); i++) {
            Plugin p = plugins.get(i);
            boolean filters = p instanceof FilterPlugin, scores = p instanceof ScorePlugin;
            if (!filters && !scores && !(p instanceof PreScorePlugin)) continue;
            if (!(p instanceof IndexedPlugin ip)) return false;
            int plan = ip.plan(state, pod, idx);
            if (plan == IndexedPlugin.NOT_INDEXABLE) return false;
            if (filters && (plan & IndexedPlugin.FILTERS) != 0 && (state.skipFilter & (1L << i)) == 0) this.filters[nFilters++] = ip;
            if (scores && (plan & IndexedPlugin.SCORES) != 0) {
                if (normalizes[i]) return false;
                scorers[nScores] = ip;
                scorePlugins[nScores] = (ScorePlugin) p;
                weights[nScores++] = weightOf[i];
            }
        }
        return true;
    }

    /**
     * The plain cycle's choice over the window starting at slot {@code start}, or null if no node
     * is feasible. {@link #visited()} then tells how far the window reached.
     */
    NodeInfo search(CycleState state, Task pod, int start, int want, int slots) {
        this.state = state;
        this.pod = pod;
        this.index = scheduler.index();
        this.nodes = scheduler.nodeArray();
        int size = index.leaves();
        need = want;
        endSlot = -1;
        boolean full = count(1, 0, size, start, slots) || count(1, 0, size, 0, start);
        if (!full && need == want) return null;
        best = Long.MIN_VALUE;
        bestSlot = -1;
        if (full && endSlot >= start) {
            best(1, 0, size, start, endSlot + 1);
        } else {
            best(1, 0, size, start, slots);
            best(1, 0, size, 0, full ? endSlot + 1 : start);
        }
        visited = !full ? slots : endSlot >= start ? endSlot - start + 1 : slots - start + endSlot + 1;
        this.state = null;
        this.pod = null;
        return nodes[bestSlot];
    }

    private int visited;

    /** Slots the last successful search's window covered (the plain cycle's visit count). */
    int visited() { return visited; }

    private int rangeState(int t, int lo, int hi) {
        long up = index.up(t);
        if (up == 0) return IndexedPlugin.NONE;
        int s = up == hi - lo ? IndexedPlugin.ALL : IndexedPlugin.SOME;
        for (int j = 0; j < nFilters; j++) {
            int r = filters[j].filterRange(state, pod, index, t);
            if (r == IndexedPlugin.NONE) return IndexedPlugin.NONE;
            if (r == IndexedPlugin.SOME) s = IndexedPlugin.SOME;
        }
        return s;
    }

    private boolean passes(int slot) {
        leafVisits++;
        NodeInfo n = nodes[slot];
        return n != null && n.isUp() && cycle.runFilterPlugins(state, pod, n).isSuccess();
    }

    /** Counts feasible nodes of query [qlo, qhi) in tree node t (slots [lo, hi)) until {@code need} is reached. */
    private boolean count(int t, int lo, int hi, int qlo, int qhi) {
        if (hi <= qlo || lo >= qhi) return false;
        int s = rangeState(t, lo, hi);
        if (s == IndexedPlugin.NONE) return false;
        if (s == IndexedPlugin.ALL && qlo <= lo && hi <= qhi) {
            int n = hi - lo;
            if (n < need) {
                need -= n;
                return false;
            }
            endSlot = lo + need - 1;
            need = 0;
            return true;
        }
        if (hi - lo == 1) {
            if (passes(lo) && --need == 0) {
                endSlot = lo;
                return true;
            }
            return false;
        }
        int mid = (lo + hi) >>> 1;
        return count(2 * t, lo, mid, qlo, qhi) || count(2 * t + 1, mid, hi, qlo, qhi);
    }

    /** Branch and bound over query [qlo, qhi) in slot order: a later node must score strictly higher. */
    private void best(int t, int lo, int hi, int qlo, int qhi) {
        if (hi <= qlo || lo >= qhi) return;
        int s = rangeState(t, lo, hi);
        if (s == IndexedPlugin.NONE) return;
        if (bestSlot >= 0 && bound(t) <= best) return;
        if (hi - lo == 1) {
            if (s != IndexedPlugin.ALL && !passes(lo)) return;
            long total = score(nodes[lo]);
            if (bestSlot < 0 || total > best) {
                best = total;
                bestSlot = lo;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        best(2 * t, lo, mid, qlo, qhi);
        best(2 * t + 1, mid, hi, qlo, qhi);
    }

    private long bound(int t) {
        long b = 0;
        for (int j = 0; j < nScores; j++) b += weights[j] * scorers[j].scoreBound(state, pod, index, t);
        return b;
    }

    private long score(NodeInfo n) {
        leafVisits++;
        long total = 0;
        for (int j = 0; j < nScores; j++) total += weights[j] * scorePlugins[j].score(state, pod, n);
        return total;
    }
}
