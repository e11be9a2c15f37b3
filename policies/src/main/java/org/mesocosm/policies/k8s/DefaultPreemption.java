package org.mesocosm.policies.k8s;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.Diagnosis;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.PostFilterPlugin;
import org.mesocosm.runtime.pods.QueuedPod;

/**
 * kube-scheduler's DefaultPreemption, run when a pod fits no node.
 * <ol>
 *   <li>A pod whose nominated node still has victims terminating waits for them.</li>
 *   <li>Candidates: nodes rejected as resolvable (not e.g. for a taint), from a rotating offset,
 *       until max(10% of nodes, 100) candidates are found. On each (on copies of the node and
 *       cycle state) all pods the {@link PreemptionRule} lets it evict are removed; if the pod
 *       still does not fit, the node is no candidate. Then victims are reprieved, most important
 *       first (priority, then earlier start), as long as the pod still fits: what is left is a
 *       small set of the least important pods.</li>
 *   <li>The node is chosen by, in order: a node needing no victims; the lowest priority of its
 *       most important victim; the lowest sum of victim priorities; the fewest victims; the latest
 *       start among its most important victims; the first found. (Kubernetes first minimizes
 *       PodDisruptionBudget violations; there are none here.)</li>
 *   <li>The victims are killed, less important pods nominated to that node lose their nomination,
 *       and the pod is nominated there, so the freed room is kept for it.</li>
 * </ol>
 * Pods already terminating count as gone and are never chosen again.
 */
public final class DefaultPreemption implements PostFilterPlugin {
    public static final String NAME = "DefaultPreemption";
    static final int MIN_CANDIDATE_NODES_PERCENTAGE = 10;
    static final int MIN_CANDIDATE_NODES_ABSOLUTE = 100;
    /** Most important first: higher priority, then earlier start, then creation order. */
    static final Comparator<PlacedPod> MORE_IMPORTANT = Comparator.comparingInt((PlacedPod p) -> -p.priority())
            .thenComparingLong(p -> Candidate.startTime(p.task())).thenComparingLong(p -> p.task().seq());

    private final PreemptionRule rule;
    private FrameworkHandle handle;
    private int offset;

    public DefaultPreemption(PreemptionRule rule) {
        this.rule = rule;
    }

    @Override
    public String name() { return NAME; }

    @Override
    public void init(FrameworkHandle h) { this.handle = h; }

    @Override
    public Result postFilter(CycleState state, Task pod, Diagnosis diagnosis) {
        NodeInfo nominated = handle.nominatedNodeOf(pod);
        if (nominated != null && nominated.isUp()) {
            for (PlacedPod p : nominated.pods()) {
                if (p.isTerminating() && rule.mayPreempt(pod.priority(), p.priority())) {
                    return Result.keep(NAME, "victims of an earlier preemption are still terminating");
                }
            }
        }
        int lowest = handle.pods().lowestPriority();
        if (lowest == Integer.MAX_VALUE || !rule.mayPreempt(pod.priority(), lowest)) {
            return Result.clear(NAME, "no pod it may preempt");
        }
        List<Candidate> candidates = findCandidates(state, pod, diagnosis);
        if (candidates.isEmpty()) return Result.clear(NAME, "preemption is not helpful for scheduling");
        Candidate best = pick(candidates);
        for (PlacedPod v : best.victims()) handle.context().preempt(v.task(), pod);
        for (QueuedPod q : handle.nominatedPods(best.node())) {
            if (q.priority() < pod.priority()) handle.clearNomination(q.task());
        }
        return Result.nominate(best.node());
    }

    private List<Candidate> findCandidates(CycleState state, Task pod, Diagnosis diagnosis) {
        int up = handle.nodesUp();
        int want = Math.min(up, Math.max(up * MIN_CANDIDATE_NODES_PERCENTAGE / 100, MIN_CANDIDATE_NODES_ABSOLUTE));
        int slots = handle.nodeSlots();
        List<Candidate> out = new ArrayList<>();
        int visited = 0;
        while (visited < slots && out.size() < want) {
            NodeInfo n = handle.node((offset + visited) % slots);
            visited++;
            if (n == null || !n.isUp() || !diagnosis.preemptionMightHelp(n) || !hasRemovablePods(n, pod)) continue;
            Candidate c = selectVictimsOnNode(state, pod, n);
            if (c == null) continue;
            out.add(c);
            if (c.victims().isEmpty()) break; // nothing to evict: no node can beat it
        }
        offset = slots == 0 ? 0 : (offset + visited) % slots;
        return out;
    }

    private boolean hasRemovablePods(NodeInfo n, Task pod) {
        for (PlacedPod p : n.pods()) if (p.isTerminating() || rule.mayPreempt(pod.priority(), p.priority())) return true;
        return false;
    }

    /** kube's SelectVictimsOnNode on copies; null if evicting everything allowed still does not make it fit. */
    Candidate selectVictimsOnNode(CycleState state, Task pod, NodeInfo node) {
        NodeInfo copy = node.copy();
        CycleState st = state.copy();
        List<PlacedPod> potential = new ArrayList<>();
        for (PlacedPod p : node.pods()) {
            boolean terminating = p.isTerminating();
            if (!terminating && !rule.mayPreempt(pod.priority(), p.priority())) continue;
            copy.removePod(p.task());
            handle.runPreFilterExtensionRemovePod(st, pod, p, copy);
            if (!terminating) potential.add(p);
        }
        if (!handle.runFilterPluginsWithNominatedPods(st, pod, copy).isSuccess()) return null;
        potential.sort(MORE_IMPORTANT);
        List<PlacedPod> victims = new ArrayList<>();
        for (PlacedPod p : potential) {
            copy.addPod(p);
            handle.runPreFilterExtensionAddPod(st, pod, p, copy);
            if (!handle.runFilterPluginsWithNominatedPods(st, pod, copy).isSuccess()) {
                copy.removePod(p.task());
                handle.runPreFilterExtensionRemovePod(st, pod, p, copy);
                victims.add(p);
            }
        }
        return new Candidate(node, victims);
    }

    /** kube's pickOneNodeForPreemption (without PodDisruptionBudgets). */
    static Candidate pick(List<Candidate> cs) {
        for (Candidate c : cs) if (c.victims().isEmpty()) return c;
        List<Candidate> left = cs;
        left = keepMin(left, c -> c.highestPriority());
        left = keepMin(left, Candidate::sumPriorities);
        left = keepMin(left, c -> c.victims().size());
        left = keepMin(left, c -> -c.earliestStartOfHighest());
        return left.get(0);
    }

    private static List<Candidate> keepMin(List<Candidate> cs, java.util.function.ToLongFunction<Candidate> f) {
        if (cs.size() <= 1) return cs;
        long min = Long.MAX_VALUE;
        for (Candidate c : cs) min = Math.min(min, f.applyAsLong(c));
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : cs) if (f.applyAsLong(c) == min) out.add(c);
        return out;
    }
}
