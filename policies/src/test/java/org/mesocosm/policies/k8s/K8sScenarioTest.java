package org.mesocosm.policies.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.constraints.LabelSelector;
import org.mesocosm.runtime.model.constraints.PodAffinity;
import org.mesocosm.runtime.model.constraints.PodAffinityTerm;
import org.mesocosm.runtime.model.constraints.PodConstraints;

/** Whole scheduling runs of the k8s policy whose outcome is known by hand. */
class K8sScenarioTest {

    @Test
    void antiAffinitySpreadsReplicasOverDistinctNodes() {
        PodHarness h = new PodHarness("k8s:score=most-allocated"); // packing would stack them, were it not for anti-affinity
        for (int i = 0; i < 4; i++) h.node("n" + i, 16000, 32768);
        PodConstraints apart = PodConstraints.NONE.withPodAntiAffinity(
                PodAffinity.required(PodAffinityTerm.of(LabelSelector.of("app", "web"), Agent.HOSTNAME)));
        List<Task> replicas = h.submit(100, PodHarness.pods("web", 5, 1000, 1024).withLabels(Map.of("app", "web")).withPodConstraints(apart));
        Set<String> nodes = new HashSet<>();
        int placed = 0;
        for (Task t : replicas) {
            if (t.agent() == null) continue;
            placed++;
            nodes.add(t.agent().id());
        }
        assertEquals(4, placed, "one replica per node");
        assertEquals(4, nodes.size(), "on distinct nodes");
        Task fifth = replicas.stream().filter(t -> t.agent() == null).findFirst().orElseThrow();
        assertEquals(List.of(InterPodAffinity.NAME), h.scheduler.rejectedBy(fifth), "the fifth is held back by anti-affinity only");
    }

    @Test
    void mostAllocatedPacksOntoFewestNodesAndLeastAllocatedSpreads() {
        PodHarness pack = new PodHarness("k8s:score=most-allocated");
        PodHarness spread = new PodHarness("k8s:score=least-allocated");
        for (PodHarness h : List.of(pack, spread)) {
            for (int i = 0; i < 10; i++) h.node("n" + i, 4000, 8192);
            h.submit(100, PodHarness.pods("w", 8, 1000, 2048));
        }
        assertEquals(2, pack.nodesUsed(), "8 pods of a quarter node each fill exactly 2 nodes");
        assertEquals(8, spread.nodesUsed(), "least-allocated puts each on an empty node");
    }

    @Test
    void preemptionEvictsTheLowestPriorityPodsAndTheVictimEndsKilledPreempted() {
        PodHarness h = new PodHarness("k8s");
        h.node("a", 4000, 8192);
        h.node("b", 4000, 8192);
        List<Task> low = h.submit(10, PodHarness.pods("low", 2, 3000, 1024));   // one per node (spread)
        List<Task> mid = h.submit(50, PodHarness.pods("mid", 1, 1000, 1024));
        String midNode = mid.get(0).agent().id();
        Task high = h.submit(100, PodHarness.pods("high", 1, 4000, 1024)).get(0);
        assertNull(high.agent(), "nothing fits until a node is emptied");
        // node 'a' or 'b': the one holding only the low pod needs just one victim of priority 10;
        // the other would need the mid pod too, so it is not chosen
        List<String> killed = h.pendingKills().stream().map(k -> k.taskId()).toList();
        assertEquals(1, killed.size(), "fewest victims: " + killed);
        Task victim = h.master.task(killed.get(0));
        assertEquals(10, victim.priority());
        assertTrue(!victim.agent().id().equals(midNode), "the node with the mid-priority pod is spared");
        Agent target = victim.agent();
        assertEquals(target, h.scheduler.nominatedNode(high));
        h.carryOutKills();
        h.advance(2_000_000); // the preemptor waits out its backoff (1 s after one failed attempt), as in kube
        assertEquals(TaskState.KILLED, victim.state());
        assertEquals(Task.PREEMPTED, victim.endReason());
        assertEquals(target, high.agent(), "the preemptor lands where it made room");
        assertNotNull(mid.get(0).agent(), "mid untouched");
    }

    @Test
    void equalPriorityIsNeverPreempted() {
        PodHarness h = new PodHarness("k8s");
        h.node("a", 4000, 8192);
        h.submit(100, PodHarness.pods("first", 1, 4000, 1024));
        Task second = h.submit(100, PodHarness.pods("second", 1, 4000, 1024)).get(0);
        assertTrue(h.pendingKills().isEmpty());
        assertNull(second.agent());
    }
}
