package org.mesocosm.policies.k8s;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.constraints.Taint;
import org.mesocosm.runtime.model.constraints.Toleration;
import org.mesocosm.runtime.pods.ClusterEvent;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.EnqueueExtensions;
import org.mesocosm.runtime.pods.FilterPlugin;
import org.mesocosm.runtime.pods.CacheablePlugin;
import org.mesocosm.runtime.pods.TaintCounts;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.NodeTable;
import org.mesocosm.runtime.pods.NormalizeScorePlugin;
import org.mesocosm.runtime.pods.PreScorePlugin;
import org.mesocosm.runtime.pods.Status;

/**
 * kube-scheduler's TaintToleration. Filter: every NoSchedule/NoExecute taint of the node must be
 * tolerated. Score: the number of PreferNoSchedule taints the pod does not tolerate (only
 * tolerations for that effect, or for every effect, count), reversed so the node with the most
 * gets 0 and a node with none 100.
 */
public final class TaintTolerationPlugin implements FilterPlugin, PreScorePlugin, NormalizeScorePlugin, EnqueueExtensions, CacheablePlugin {
    public static final String NAME = "TaintToleration";
    private final Map<Taint, Status> rejections = new HashMap<>();

    @Override
    public String name() { return NAME; }

    @Override
    public Status filter(CycleState state, Task pod, NodeInfo node) {
        if (!node.hasHardTaints()) return Status.SUCCESS;
        Taint t = firstUntolerated(node.taints(), pod.spec().podConstraints().tolerations());
        return t == null ? Status.SUCCESS : rejections.computeIfAbsent(t,
                x -> Status.unresolvable(NAME, "node(s) had untolerated taint {" + x.key() + ": " + x.value() + "}"));
    }

    /** The node object is read only when the node has a hard taint. */
    @Override
    public boolean fits(CycleState state, Task pod, NodeTable t, int slot) {
        return !t.hasHardTaints(slot) || firstUntolerated(t.node(slot).taints(), pod.spec().podConstraints().tolerations()) == null;
    }

    /** The first NoSchedule/NoExecute taint no toleration tolerates, or null. */
    static Taint firstUntolerated(Taint[] taints, List<Toleration> tolerations) {
        for (Taint t : taints) {
            if (!t.isHard()) continue;
            if (!tolerated(t, tolerations)) return t;
        }
        return null;
    }

    static boolean tolerated(Taint t, List<Toleration> tolerations) {
        for (int i = 0, n = tolerations.size(); i < n; i++) if (tolerations.get(i).tolerates(t)) return true;
        return false;
    }

    /** Skipped when no feasible node has a PreferNoSchedule taint: every node would score the same. */
    @Override
    public Status preScore(CycleState state, Task pod, NodeInfo[] nodes, int count) {
        for (int i = 0; i < count; i++) {
            for (Taint t : nodes[i].taints()) if (t.effect() == Taint.Effect.PREFER_NO_SCHEDULE) return Status.SUCCESS;
        }
        return Status.SKIP;
    }

    @Override
    public long score(CycleState state, Task pod, NodeInfo node) {
        long n = 0;
        for (Taint t : node.taints()) {
            if (t.effect() != Taint.Effect.PREFER_NO_SCHEDULE) continue;
            boolean ok = false;
            for (Toleration tol : pod.spec().podConstraints().tolerations()) {
                // kube counts only tolerations for PreferNoSchedule or for every effect
                if ((tol.effect() == null || tol.effect() == Taint.Effect.PREFER_NO_SCHEDULE) && tol.tolerates(t)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) n++;
        }
        return n;
    }

    @Override
    public Status normalizeScore(CycleState state, Task pod, NodeInfo[] nodes, long[] scores, int count) {
        Scores.defaultNormalize(MAX_NODE_SCORE, true, scores, count);
        return Status.SUCCESS;
    }

    /**
     * Filter reads only the pod's tolerations and the node's taints. Cacheable while no up node has
     * a PreferNoSchedule taint (PreScore then skips, and the normalized score never counts).
     */
    @Override
    public int plan(CycleState state, Task pod, TaintCounts taints) {
        if (taints.softTainted() > 0) return NOT_CACHEABLE;
        return taints.hardTainted() > 0 ? FILTERS : 0;
    }

    @Override
    public Set<ClusterEvent.Type> events() {
        return EnumSet.of(ClusterEvent.Type.NODE_ADDED);
    }

    @Override
    public boolean isSchedulableAfter(ClusterEvent e, Task pod) {
        return firstUntolerated(e.node().taints(), pod.spec().podConstraints().tolerations()) == null;
    }
}
