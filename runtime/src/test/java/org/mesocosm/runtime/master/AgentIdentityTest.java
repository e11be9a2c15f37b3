package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.TaskState;

/** The identity rules the live driver and the torture harness share (issue 18, finding 4). */
class AgentIdentityTest {
    @Test
    void aCredentialSpeaksOnlyForTheAgentOfItsOwnName() {
        assertTrue(AgentIdentity.speaksFor("agent-1", "agent-1"));
        assertFalse(AgentIdentity.speaksFor("agent-1", "agent-2"));
        assertFalse(AgentIdentity.speaksFor("agent-1", "agent-10"));
        assertFalse(AgentIdentity.speaksFor(null, "agent-1"));
        assertFalse(AgentIdentity.speaksFor("", ""));
    }

    @Test
    void anAgentReportsOnlyOnTheTasksPlacedOnIt() {
        MasterHarness h = new MasterHarness(new FirstFitPolicy());
        h.agent("a1", 2000, 8192);
        h.agent("a2", 2000, 8192);
        h.in(new Input.JobSubmitted(MasterTest.job("s", JobKind.SERVICE, 0, MasterTest.task("web", 3)))); // two fill a1, one on a2
        Input.TaskStatus onA1 = new Input.TaskStatus("s.web.0.0", TaskState.FAILED, 1, "");
        Input.TaskStatus onA2 = new Input.TaskStatus("s.web.2.0", TaskState.FAILED, 1, "");
        Input.TaskStatus unknown = new Input.TaskStatus("s.web.9.0", TaskState.FAILED, 1, "");
        assertEquals("a1", h.master.task("s.web.0.0").agent().id());
        assertEquals("a2", h.master.task("s.web.2.0").agent().id());
        assertEquals(List.of(onA1), AgentIdentity.ownUpdates(h.master, "a1", List.of(onA1, onA2, unknown)));
        assertEquals(List.of(onA2), AgentIdentity.ownUpdates(h.master, "a2", List.of(onA1, onA2, unknown)));
        assertEquals(List.of(), AgentIdentity.ownUpdates(h.master, "a3", List.of(onA1, onA2)));
    }
}
