package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.spec.JobSpecReader;
import org.mesocosm.runtime.spec.ParsedJob;

/** The API's state stays bounded: ended jobs beyond the cap are forgotten, oldest first, and leave their cron job's run list. */
class LiveStateTest {
    @Test
    void endedJobsBeyondTheCapAreForgotten() {
        LiveState s = new LiveState();
        ParsedJob base = JobSpecReader.read("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": 1, \"mem\": 1, \"command\": \"true\"}]}");
        JobSpec cron = base.withId("c").spec();
        s.jobSubmitted(0, cron);
        int n = LiveState.ENDED_JOBS_KEPT + 5;
        for (int i = 1; i <= n; i++) {
            JobSpec run = base.withId("c@" + i).spec();
            s.jobSubmitted(i, run);
            s.jobEnded(i, run, true);
        }
        for (int i = 1; i <= 5; i++) assertNull(s.job("c@" + i));
        assertNotNull(s.job("c@6"));
        assertEquals(LiveState.ENDED_JOBS_KEPT, s.job("c").runs.size());
        assertEquals("c@6", s.job("c").runs.get(0));
        assertEquals(n + 1, s.jobsSubmitted);
    }
}
