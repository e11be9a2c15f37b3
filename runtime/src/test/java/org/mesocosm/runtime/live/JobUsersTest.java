package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted master launches each job's tasks as the same OS user: the users outlive the process. */
class JobUsersTest {
    @TempDir
    Path tmp;

    @Test
    void usersSurviveARestartAndCronRunsHaveTheirJobsUser() {
        Path file = tmp.resolve("users.json");
        JobUsers first = new JobUsers(file);
        first.put("report", "nobody");
        first.put("tick", "svc");
        first.put("plain", null);
        JobUsers again = new JobUsers(file);
        assertEquals("nobody", again.get("report"));
        assertEquals("svc", again.get("tick@3"));
        assertNull(again.get("plain"), "no user: the agent's own");
        assertNull(again.get("unknown"));
    }
}
