package org.mesocosm.policies.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.policies.mesos.MesosHarness.group;
import static org.mesocosm.policies.mesos.MesosHarness.placed;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.TaskState;

/**
 * The k8s framework on mesos keeps kube-scheduler's queue (issue 17 follow-up): a pod that fits no
 * node waits in the unschedulable queue until the cluster changes, instead of asking for offers in
 * every allocation round; when a node it fits comes, it is placed.
 */
class K8sFrameworkBackoffTest {

    @Test
    void aPodThatFitsNowhereStopsAskingForOffersAndIsPlacedWhenANodeComes() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs,k8s");
        h.agent("a", 8000, 8192, Map.of("zone", "a"));
        h.agent("b", 8000, 8192, Map.of("zone", "b"));
        h.agent("c", 8000, 8192, Map.of("zone", "b"));
        String pod = h.submit(JobKind.SERVICE, "k8s", 0, K8sSpecs.nodeAffinity("zone-c", 1, "zone", "c"));
        MesosFramework k8s = h.policy.framework("k8s");
        h.advance(30_000_000); // time for its first attempts
        long offers = k8s.offersReceived;
        long decisions = k8s.decisions;
        long rounds = h.policy.allocator().rounds();
        // ten minutes of other work (a batch task every 5 s, each ending 5 s later: allocation rounds all along, and
        // resources freed that do not help a pod that needs zone c), with two periodic retries of the unschedulable queue
        for (int i = 0; i < 120; i++) {
            String b = h.submit(JobKind.BATCH, null, 0, group("b" + i, 1, 1000, 512));
            h.advance(5_000_000);
            for (Task t : h.tasksOf(b)) if (placed(t)) h.end(t, TaskState.FINISHED);
        }
        long roundsInWindow = h.policy.allocator().rounds() - rounds;
        System.out.println("K8sFrameworkBackoffTest: in 600 s, " + roundsInWindow + " allocation rounds, " + (k8s.offersReceived - offers)
                + " offers to k8s, " + (k8s.decisions - decisions) + " k8s decisions (before: " + offers + " offers, " + decisions + " decisions)");
        assertTrue(roundsInWindow >= 100, "the batch work keeps rounds going: " + roundsInWindow);
        assertTrue(k8s.decisions - decisions <= 4, "k8s decisions in 600 s: " + (k8s.decisions - decisions) + " (rounds " + roundsInWindow + ")");
        assertTrue(k8s.offersReceived - offers <= 3 * 4, "offers to k8s in 600 s: " + (k8s.offersReceived - offers));
        Task p = h.tasksOf(pod).get(0);
        assertEquals(TaskState.PENDING, p.state());

        h.agent("d", 8000, 8192, Map.of("zone", "c")); // the cluster changes: a node the pod fits
        h.advance(5_000_000);
        assertTrue(placed(p), "placed once a node it fits came: " + p + ", why " + h.policy.whyPending(p));
        assertEquals("d", p.agent().id());
    }

    @Test
    void aPodThatFailedForLackOfOffersBacksOffAndIsPlacedFromTheNextOffers() {
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs,k8s");
        h.agent("a", 4000, 4096);
        String pods = h.submit(JobKind.SERVICE, "k8s", 0, group("p", 3, 1000, 512));
        h.advance(10_000_000);
        for (Task t : h.tasksOf(pods)) assertTrue(placed(t), t + " placed, why " + h.policy.whyPending(t));
    }
}
