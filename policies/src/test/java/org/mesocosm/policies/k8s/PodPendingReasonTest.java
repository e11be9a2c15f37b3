package org.mesocosm.policies.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.TaskState;

/** On the pod path (k8s, borg), a pending pod's reason is its last failed cycle's, in kube-scheduler's words. */
class PodPendingReasonTest {

    @Test
    void aPodThatFitsNoNodeCarriesTheFailingPluginsReasons() {
        for (String policy : List.of("k8s", "borg")) {
            PodHarness h = new PodHarness(policy);
            h.node("n1", 2000, 4096, Map.of("zone", "a"));
            h.node("n2", 2000, 4096, Map.of("zone", "a"));
            Task big = h.submit(0, PodHarness.pods("big", 1, 64_000, 1024)).get(0);
            assertEquals(TaskState.PENDING, big.state(), policy);
            // the master pre-checks totals: a pod no node can ever hold is explained against totals, before any cycle
            assertEquals("0/2 agents fit: insufficient cpu (needs 64, largest total 2); no agent can ever fit it", h.master.whyPending(big), policy);

            Task fill = h.submit(0, PodHarness.pods("fill", 2, 1500, 512)).get(0);
            assertNull(h.master.whyPending(fill), policy + ": a placed pod does not wait");
            Task more = h.submit(0, PodHarness.pods("more", 1, 1000, 512)).get(0);
            assertEquals(TaskState.PENDING, more.state(), policy);
            String fitWords = policy.equals("k8s") ? "Insufficient cpu" : "Insufficient resources"; // each policy's fit plugin's own reason
            assertEquals("last attempt: 0/2 nodes are available: 2 " + fitWords + "; now: 0/2 agents fit: insufficient cpu (needs 1, largest free 0.5)",
                    h.master.whyPending(more), policy);

            Task zoned = h.submit(0, PodHarness.pods("zoned", 1, 100, 64).withNodeSelector(Map.of("zone", "b"))).get(0);
            assertEquals(TaskState.PENDING, zoned.state(), policy);
            assertEquals("0/2 agents match node_selector zone=b", h.master.whyPending(zoned), policy);
        }
    }
}
