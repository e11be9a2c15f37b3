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
        first.save();
        JobUsers again = new JobUsers(file);
        assertEquals("nobody", again.get("report"));
        assertEquals("svc", again.get("tick@3"));
        assertNull(again.get("plain"), "no user: the agent's own");
        assertNull(again.get("unknown"));
    }

    @Test
    void aJobWithoutAUserForgetsTheUserOfAnEarlierJobOfItsIdAndUnknownJobsArePruned() {
        Path file = tmp.resolve("users.json");
        JobUsers users = new JobUsers(file);
        users.put("x", "root");
        users.put("y", "nobody");
        users.save();
        users.put("x", null);
        assertNull(users.get("x"), "a stale 'root' must not stick to a later job x that names no user");
        users.save();
        JobUsers again = new JobUsers(file);
        again.retainOnly(id -> !id.equals("y"));
        assertNull(new JobUsers(file).get("y"), "a job the log lacks loses its users.json entry");
    }
}
