package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.JobOutcome;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.spec.JobSpecReader;
import org.mesocosm.runtime.spec.ParsedJob;

/** A job the API has forgotten (beyond its cap of ended jobs) still has a status: the master's record of its outcome. */
class ForgottenJobTest {
    /** Places nothing: with no agents, submitted tasks just wait, and a kill ends their job at once. */
    static final class Idle implements PlacementPolicy {
        @Override public String name() { return "idle"; }
        @Override public void init(PlacementContext ctx) {}
        @Override public void taskPending(Task task) {}
        @Override public void taskWithdrawn(Task task) {}
        @Override public void taskReleased(Task task) {}
        @Override public void agentAdded(Agent agent) {}
        @Override public void agentRemoved(Agent agent) {}
    }

    @Test
    void aForgottenJobAnswersWithItsOutcome() throws Exception {
        ParsedJob job = JobSpecReader.read("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": 1, \"mem\": 1, \"command\": \"true\"}]}");
        long[] clock = {1_700_000_000_000_000L};
        try (LiveDriver d = new LiveDriver(LiveDriver.Settings.defaults("idle"), new Idle(), () -> clock[0]++, null)) {
            int n = LiveState.ENDED_JOBS_KEPT + 2;
            d.call(() -> {
                for (int i = 0; i < n; i++) d.jobs().kill(d.jobs().submit(job));
                return null;
            });
            assertNull(d.call(() -> d.state().job("job-1")), "beyond the API's cap");
            assertEquals(JobOutcome.KILLED, d.call(() -> d.jobs().forgottenOutcome("job-1")));
            ObjectNode view = d.call(() -> Views.forgottenJob("job-1", d.jobs().forgottenOutcome("job-1")));
            assertEquals("killed", view.path("status").asText());
            assertNull(d.call(() -> d.jobs().forgottenOutcome("job-3")), "still kept in full by the API");
            assertNotNull(d.call(() -> d.jobs().requireJob("job-3")));
            ApiError e = assertThrows(ApiError.class, () -> d.call(() -> d.jobs().requireJob("job-1")));
            assertEquals(409, e.status(), "an ended job is not missing: a kill or scale of it is a conflict");
            assertEquals(404, assertThrows(ApiError.class, () -> d.call(() -> d.jobs().requireJob("job-99999"))).status());
        }
    }
}
