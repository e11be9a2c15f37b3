package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/** Why a pending task has no agent, as the master explains it from its own state (a policy without its own record). */
class PendingReasonTest {
    private final MasterHarness h = new MasterHarness(new FirstFitPolicy());

    private Task submit(String id, long cpu, long mem, Map<String, String> selector) {
        TaskSpec t = TaskSpec.simulated("t", 1, Resources.of(cpu, mem), SimProfile.fixed(10_000_000, 0)).withNodeSelector(selector);
        h.in(new Input.JobSubmitted(new JobSpec(id, "r", JobKind.BATCH, 0, List.of(t), 0)));
        return h.master.task(id + ".t.0.0");
    }

    private void agent(String id, long cpu, long mem, Map<String, String> attrs) {
        h.in(new Input.AgentAdded(id, Resources.of(cpu, mem), attrs));
    }

    @Test
    void tooLittleFreeCpuNamesTheNeedAndTheLargestFree() {
        agent("a1", 4000, 8192, Map.of());
        agent("a2", 4000, 8192, Map.of());
        submit("big1", 4000, 1024, Map.of()); // fills a1
        submit("big2", 2000, 1024, Map.of()); // half of a2
        Task t = submit("want", 3000, 1024, Map.of());
        assertEquals(TaskState.PENDING, t.state());
        assertEquals("0/2 agents fit: insufficient cpu (needs 3, largest free 2)", h.master.whyPending(t));
    }

    @Test
    void aTaskNoAgentCanEverFitSaysSoAgainstTotals() {
        agent("a1", 2000, 4096, Map.of());
        agent("a2", 2000, 4096, Map.of());
        Task t = submit("huge", 64_000, 100_000, Map.of());
        assertEquals("0/2 agents fit: insufficient cpu (needs 64, largest total 2), insufficient memory (needs 100000 MiB, largest total 4096 MiB);"
                + " no agent can ever fit it", h.master.whyPending(t));
    }

    @Test
    void aSelectorNoAgentMatchesIsNamed() {
        agent("a1", 4000, 8192, Map.of("zone", "a"));
        agent("a2", 4000, 8192, Map.of("zone", "a"));
        agent("a3", 4000, 8192, Map.of("zone", "c"));
        Task t = submit("zoned", 1000, 1024, Map.of("zone", "b"));
        assertEquals("0/3 agents match node_selector zone=b", h.master.whyPending(t));
    }

    @Test
    void onlyTheMatchingAgentsAreWeighed() {
        agent("a1", 1000, 8192, Map.of("zone", "b"));
        agent("a2", 8000, 8192, Map.of("zone", "a"));
        submit("fill", 1000, 1024, Map.of("zone", "b"));
        Task t = submit("zoned", 1000, 1024, Map.of("zone", "b"));
        assertEquals("0/2 agents fit (of 1 matching node_selector zone=b): insufficient cpu (needs 1, largest free 0)", h.master.whyPending(t));
    }

    @Test
    void roomOnEveryResourceButNotTogether() {
        agent("cpu-rich", 8000, 512, Map.of());
        agent("mem-rich", 500, 8192, Map.of());
        Task t = submit("both", 2000, 2048, Map.of());
        assertEquals("0/2 agents fit: no agent has room for cpu 2 and 2048 MiB together; no agent can ever fit it", h.master.whyPending(t));
    }

    @Test
    void noAgentUpAndPlacedTasks() {
        Task t = submit("early", 500, 256, Map.of());
        assertEquals("0/0 agents fit: no agent is up", h.master.whyPending(t));
        agent("a1", 1000, 1024, Map.of());
        assertEquals(TaskState.STAGING, t.state());
        assertNull(h.master.whyPending(t), "a placed task does not wait");
    }

    @Test
    void coresAreWrittenAsPeopleWriteThem() {
        assertEquals("64", PendingReason.cores(64_000));
        assertEquals("0.5", PendingReason.cores(500));
        assertEquals("1.25", PendingReason.cores(1250));
        assertEquals("0", PendingReason.cores(0));
    }
}
