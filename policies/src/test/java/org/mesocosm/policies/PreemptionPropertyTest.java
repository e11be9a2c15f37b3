package org.mesocosm.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mesocosm.policies.borg.Band;
import org.mesocosm.policies.borg.Bands;
import org.mesocosm.policies.k8s.PodHarness;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.Status;

/**
 * Preemption over many seeded random clusters and arrival sequences, for each preempting policy:
 * <ul>
 *   <li>a victim always has a lower priority than its preemptor;</li>
 *   <li>under borg, a victim is always in a lower band (production is never preempted by batch or
 *       best effort; nothing within a band);</li>
 *   <li>the preemptor is nominated to the victims' node, and once they are gone it runs there
 *       (unless a pod at least as important took the room first, which kube-scheduler allows);</li>
 *   <li>no agent is ever over-committed (the master's own accounting throws if it would be).</li>
 * </ul>
 */
class PreemptionPropertyTest {
    static final int SEEDS = Integer.getInteger("mesocosm.seeds", 300) / 5;

    record Preemption(Task victim, Task preemptor, Agent node, long at) {}

    @ParameterizedTest
    @ValueSource(strings = {"k8s", "k8s:score=most-allocated", "borg", "borg:score=e-pvm,reclaim-after=5s"})
    void preemptionRules(String policy) {
        int total = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                total += run(policy, seed);
            } catch (AssertionError | RuntimeException e) {
                fail(policy + ", seed " + seed + ": " + e.getMessage(), e);
            }
        }
        assertTrue(total > SEEDS, "preemption happened often enough to test: " + total + " in " + SEEDS + " seeds");
    }

    static void assertFitsOnceVictimsAreGone(PodHarness h, Task pod, Agent node) {
        FrameworkHandle fw = h.scheduler.handle();
        CycleState st = new CycleState();
        assertTrue(fw.runPreFilterPlugins(st, pod).isSuccess());
        NodeInfo live = fw.nodeInfo(node);
        NodeInfo copy = live.copy();
        for (PlacedPod pp : live.pods()) if (pp.isTerminating()) copy.removePod(pp.task());
        Status s = fw.runFilterPluginsWithNominatedPods(st, pod, copy);
        assertTrue(s.isSuccess(), pod + " would not fit on " + node.id() + " after its preemption: " + s);
    }

    static int run(String policy, long seed) {
        return run(policy, seed, new MasterObserver() {});
    }

    static int run(String policy, long seed, MasterObserver watcher) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Preemption> step = new ArrayList<>();
        boolean borg = policy.startsWith("borg");
        PodHarness h = new PodHarness(policy, new MasterObserver() {
            @Override public void taskPreempted(long now, Task victim, Task preemptor) {
                // checked as it happens, wherever in the run it happens
                assertTrue(victim.priority() < preemptor.priority(), "victim " + victim.priority() + " >= preemptor " + preemptor.priority());
                if (borg) {
                    Band vb = Bands.DEFAULT.of(victim.priority()), pb = Bands.DEFAULT.of(preemptor.priority());
                    assertTrue(pb.mayPreempt(vb), "band " + pb + " preempted " + vb);
                    assertTrue(vb != Band.PRODUCTION, "production preempted");
                }
                step.add(new Preemption(victim, preemptor, victim.agent(), now));
                watcher.taskPreempted(now, victim, preemptor);
            }
            @Override public void taskPlaced(long now, Task t) { watcher.taskPlaced(now, t); }
            @Override public void taskStateChanged(long now, Task t, TaskState from) { watcher.taskStateChanged(now, t, from); }
        });
        int nodes = 2 + r.nextInt(9);
        for (int i = 0; i < nodes; i++) h.node("n" + i, 1000L * (2 + r.nextInt(15)), 1024L * (2 + r.nextInt(31)));
        int preemptions = 0;
        int steps = 20 + r.nextInt(60);
        for (int s = 0; s < steps; s++) {
            preemptions += step.size();
            step.clear();
            Resources req = Resources.of(250L * (1 + r.nextInt(16)), 256L * (1 + r.nextInt(32)));
            TaskSpec spec = PodHarness.pods("t", 1 + r.nextInt(3), req.cpuMillis(), req.memMiB());
            if (r.nextInt(3) == 0) spec = spec.withUsage(Resources.of(req.cpuMillis() / 4, req.memMiB() / 4));
            h.submit(r.nextBoolean() ? JobKind.SERVICE : JobKind.BATCH, r.nextInt(300), spec);
            // right after the decision: on its node, with the victims gone, the preemptor passes every filter
            for (Preemption x : step) {
                if (h.scheduler.nominatedNode(x.preemptor()) == x.node()) assertFitsOnceVictimsAreGone(h, x.preemptor(), x.node());
            }
            // follow the step to its end: kills carried out, backoffs run out, any further preemption settled
            for (int round = 0; round < 20 && !h.pendingKills().isEmpty(); round++) {
                h.carryOutKills();
                h.advance(11_000_000); // past the longest backoff
            }
            List<Task> preemptors = new ArrayList<>();
            List<Agent> targets = new ArrayList<>();
            for (int i = 0; i < step.size(); i++) {
                Preemption x = step.get(i);
                if (i > 0 && step.get(i - 1).preemptor() == x.preemptor() && step.get(i - 1).at() == x.at()) {
                    assertEquals(step.get(i - 1).node(), x.node(), "one preemption's victims are all on one node");
                }
                int k = preemptors.indexOf(x.preemptor());
                if (k < 0) {
                    preemptors.add(x.preemptor());
                    targets.add(x.node());
                } else {
                    targets.set(k, x.node()); // it lost its room and preempted again: the latest counts
                }
            }
            for (int i = 0; i < preemptors.size(); i++) {
                Task p = preemptors.get(i);
                Agent target = targets.get(i);
                // placed where it made room; or elsewhere, if another node became feasible first (kube allows it)
                if (p.agent() != null || p.state().isTerminal()) continue;
                // kube-scheduler lets a pod at least as important take the room first
                boolean tookOver = target.tasks().stream().anyMatch(t -> t.priority() >= p.priority() && t != p);
                assertTrue(tookOver, p + " (priority " + p.priority() + ") still waits, though it made room on " + target.id() + ": "
                        + target.tasks().stream().map(t -> t + "/p" + t.priority() + "/" + t.request()).toList() + " target " + target
                        + " request " + p.request() + " nominated now " + h.scheduler.nominatedNode(p) + " rejected by " + h.scheduler.rejectedBy(p));
            }
            // some work ends, so the cluster does not only fill up
            for (Task t : h.tasks()) if (t.state() == TaskState.STAGING && r.nextInt(6) == 0) h.finish(t);
        }
        return preemptions + step.size();
    }
}
