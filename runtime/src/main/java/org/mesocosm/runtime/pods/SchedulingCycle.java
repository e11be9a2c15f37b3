package org.mesocosm.runtime.pods;

import java.util.Arrays;
import org.mesocosm.runtime.master.Task;

/**
 * One pod's scheduling attempt: PreFilter, Filter over a rotating sample of nodes until enough
 * are feasible, PostFilter if none is, then PreScore, Score, NormalizeScore, pick the best,
 * Reserve and Bind. The hot loops run over arrays with no allocation; ties go to the node met
 * first in this cycle's rotating order (kube-scheduler picks among ties at random; a seeded
 * stream would work too, but the rotation already spreads ties and keeps runs reproducible).
 */
final class SchedulingCycle {
    private final PodScheduler scheduler;
    private final Profile profile;
    final Diagnosis diagnosis;
    private NodeInfo[] feasible = new NodeInfo[128];
    private long[][] scores;
    private long[] totals = new long[128];
    private final CachedScan cache;
    private int nextStart;
    /** Profile index of the plugin behind the last rejection from {@link #runFilterPlugins}. */
    private int rejectedBy = -1;

    /** What happened to the pod. */
    enum Outcome { BOUND, UNSCHEDULABLE, ERROR }

    SchedulingCycle(PodScheduler scheduler, Profile profile) {
        this.scheduler = scheduler;
        this.profile = profile;
        this.diagnosis = new Diagnosis(profile);
        scores = new long[profile.score.length][128];
        cache = new CachedScan(scheduler, profile);
    }

    /** A live node's pods, state or registration changed. */
    void nodeChanged(NodeInfo n) { cache.invalidate(n.index()); }

    /** Cycles that went through the per-node cache. */
    long cachedCycles() { return cachedCycles; }

    /** Nodes those cycles found in the cache / had to filter and score. */
    long cacheHits() { return cache.hits; }

    long cacheMisses() { return cache.misses; }

    private long cachedCycles;

    Outcome run(QueuedPod qp) {
        Task pod = qp.task();
        CycleState state = new CycleState();
        diagnosis.reset(scheduler.nodeSlots());
        Status pre = runPreFilter(state, pod);
        if (pre.code() == Status.Code.ERROR) return Outcome.ERROR;
        if (!pre.isSuccess()) return Outcome.UNSCHEDULABLE;

        int count = 0;
        NodeInfo nominated = qp.nominated;
        if (nominated != null && nominated.isUp()) {
            // kube-scheduler tries the node preemption made room on first
            if (runFilterPluginsWithNominatedPods(state, pod, nominated).isSuccess()) {
                feasible[0] = nominated;
                count = 1;
            }
        }
        if (count == 0 && nominated == null && scheduler.settings().cache() && cache.prepare(state, pod)) {
            NodeInfo chosen = cachedScan(state, pod);
            // nothing feasible: the plain scan below finds that out again, recording why for PostFilter
            if (chosen != null) return reserveAndBind(state, pod, chosen) ? Outcome.BOUND : Outcome.ERROR;
        }
        if (count == 0) count = findFeasible(state, pod);
        if (count == 0) {
            postFilter(state, qp);
            return Outcome.UNSCHEDULABLE;
        }
        NodeInfo chosen = count == 1 ? feasible[0] : prioritize(state, pod, count);
        if (chosen == null) return Outcome.ERROR;
        return reserveAndBind(state, pod, chosen) ? Outcome.BOUND : Outcome.ERROR;
    }

    Status runPreFilter(CycleState state, Task pod) {
        for (int j = 0; j < profile.preFilter.length; j++) {
            Status s = profile.preFilter[j].preFilter(state, pod);
            if (s.isSuccess()) continue;
            if (s.isSkip()) {
                state.skipFilter |= 1L << profile.preFilterIdx[j];
                continue;
            }
            diagnosis.rejectAll(s, profile.preFilterIdx[j]);
            return s;
        }
        return Status.SUCCESS;
    }

    private int findFeasible(CycleState state, Task pod) {
        int slots = scheduler.nodeSlots();
        if (slots == 0) return 0;
        int want = Sampling.numFeasibleNodesToFind(scheduler.settings().samplePercent(), scheduler.nodesUp());
        if (feasible.length < want) feasible = new NodeInfo[want];
        int count = 0;
        int visited = 0;
        int i = nextStart % slots;
        NodeTable nodes = scheduler.table();
        while (visited < slots && count < want) {
            NodeInfo n = nodes.node(i);
            if (++i == slots) i = 0;
            visited++;
            if (n == null || !n.isUp()) continue;
            Status s = runFilterPluginsWithNominatedPods(state, pod, n);
            if (s.isSuccess()) feasible[count++] = n;
            else diagnosis.record(n, s, rejectedBy);
        }
        nextStart = (int) (((long) nextStart + visited) % slots);
        return count;
    }

    /** {@link #findFeasible} and {@link #prioritize} through the per-node cache, with the same result. */
    private NodeInfo cachedScan(CycleState state, Task pod) {
        int slots = scheduler.nodeSlots();
        if (slots == 0) return null;
        int want = Sampling.numFeasibleNodesToFind(scheduler.settings().samplePercent(), scheduler.nodesUp());
        NodeInfo chosen = cache.scan(state, pod, nextStart % slots, want, slots);
        cachedCycles++;
        if (chosen != null) nextStart = (int) (((long) nextStart + cache.visited()) % slots);
        return chosen;
    }

    /**
     * kube-scheduler's RunFilterPluginsWithNominatedPods: if pods at least as important as this
     * one are nominated to the node, the node must fit this pod with them added (on copies of the
     * node and state), and also without them (affinity to them must not count before they exist).
     */
    Status runFilterPluginsWithNominatedPods(CycleState state, Task pod, NodeInfo node) {
        if (scheduler.nominator().hasRivals(node, pod)) {
            NodeInfo copy = node.copy();
            CycleState withNominated = state.copy();
            for (QueuedPod q : scheduler.nominator().on(node)) {
                if (q.task() == pod || q.priority() < pod.priority()) continue;
                PlacedPod p = PlacedPod.nominated(q.task(), node);
                copy.addPod(p);
                runAddPod(withNominated, pod, p, copy);
            }
            Status s = runFilterPlugins(withNominated, pod, copy);
            if (!s.isSuccess()) return s;
        }
        return runFilterPlugins(state, pod, node);
    }

    Status runFilterPlugins(CycleState state, Task pod, NodeInfo node) {
        FilterPlugin[] f = profile.filter;
        int[] idx = profile.filterIdx;
        long skip = state.skipFilter;
        for (int j = 0; j < f.length; j++) {
            if ((skip & (1L << idx[j])) != 0) continue;
            Status s = f[j].filter(state, pod, node);
            if (s != Status.SUCCESS && !s.isSuccess()) {
                rejectedBy = idx[j];
                return s;
            }
        }
        return Status.SUCCESS;
    }

    void runAddPod(CycleState state, Task pod, PlacedPod added, NodeInfo node) {
        for (int j = 0; j < profile.extensions.length; j++) {
            PreFilterExtensions x = profile.extensions[j];
            if (x != null && (state.skipFilter & (1L << profile.preFilterIdx[j])) == 0) x.addPod(state, pod, added, node);
        }
    }

    void runRemovePod(CycleState state, Task pod, PlacedPod removed, NodeInfo node) {
        for (int j = 0; j < profile.extensions.length; j++) {
            PreFilterExtensions x = profile.extensions[j];
            if (x != null && (state.skipFilter & (1L << profile.preFilterIdx[j])) == 0) x.removePod(state, pod, removed, node);
        }
    }

    private void postFilter(CycleState state, QueuedPod qp) {
        for (PostFilterPlugin pf : profile.postFilter) {
            PostFilterPlugin.Result r = pf.postFilter(state, qp.task(), diagnosis);
            if (r.status().isSuccess() && r.nominatedNode() != null) {
                scheduler.nominate(qp, r.nominatedNode());
                return;
            }
            if (r.clearNomination()) scheduler.clearNomination(qp);
        }
    }

    private NodeInfo prioritize(CycleState state, Task pod, int count) {
        for (int j = 0; j < profile.preScore.length; j++) {
            Status s = profile.preScore[j].preScore(state, pod, feasible, count);
            if (s.isSkip()) state.skipScore |= 1L << profile.preScoreIdx[j];
            else if (!s.isSuccess()) return null;
        }
        if (totals.length < count) {
            int n = Math.max(count, totals.length * 2);
            totals = new long[n];
            for (int j = 0; j < scores.length; j++) scores[j] = new long[n];
        }
        Arrays.fill(totals, 0, count, 0);
        for (int j = 0; j < profile.score.length; j++) {
            if ((state.skipScore & (1L << profile.scoreIdx[j])) != 0) continue;
            ScorePlugin sp = profile.score[j];
            long[] sc = scores[j];
            for (int i = 0; i < count; i++) sc[i] = sp.score(state, pod, feasible[i]);
            NormalizeScorePlugin norm = profile.normalize[j];
            if (norm != null && !norm.normalizeScore(state, pod, feasible, sc, count).isSuccess()) return null;
            long w = profile.scoreWeight[j];
            for (int i = 0; i < count; i++) totals[i] += w * sc[i];
        }
        int best = 0;
        for (int i = 1; i < count; i++) if (totals[i] > totals[best]) best = i;
        return feasible[best];
    }

    private boolean reserveAndBind(CycleState state, Task pod, NodeInfo node) {
        ReservePlugin[] r = profile.reserve;
        for (int j = 0; j < r.length; j++) {
            if (!r[j].reserve(state, pod, node).isSuccess()) {
                for (int k = j; k >= 0; k--) r[k].unreserve(state, pod, node);
                return false;
            }
        }
        for (BindPlugin b : profile.bind) {
            Status s = b.bind(state, pod, node);
            if (s.isSkip()) continue;
            if (s.isSuccess()) return true;
            break;
        }
        for (int k = r.length - 1; k >= 0; k--) r[k].unreserve(state, pod, node);
        return false;
    }
}
