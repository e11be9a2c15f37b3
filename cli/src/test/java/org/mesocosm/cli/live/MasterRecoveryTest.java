package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A master restarted on its state dir rebuilds its jobs from the input log, and ids keep counting from there. */
class MasterRecoveryTest {
    @TempDir
    Path tmp;

    @Test
    void restartedMasterRecoversItsJobs() throws Exception {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        String first;
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, quiet)) {
            first = c.submit("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"instances\": 2, \"cpus\": 1, \"mem\": 16, \"command\": \"true\"}]}");
            c.submit("{\"id\": \"svc\", \"kind\": \"service\", \"tasks\": [{\"name\": \"s\", \"cpus\": 1, \"mem\": 16, \"command\": \"sleep 1\"}]}");
            assertEquals(202, c.post("/api/v1/jobs/svc/kill", "").statusCode());
        }
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, quiet)) {
            JsonNode job = c.get("/api/v1/jobs/" + first);
            assertEquals("active", job.path("status").asText());
            assertEquals(2, job.path("tasks_by_state").path("PENDING").asInt(), job.toString());
            assertEquals("killed", c.get("/api/v1/jobs/svc").path("status").asText());
            String next = c.submit("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": 1, \"mem\": 16, \"command\": \"true\"}]}");
            assertEquals("job-2", next, "a recovered master does not hand out an id again");
        }
    }
}
