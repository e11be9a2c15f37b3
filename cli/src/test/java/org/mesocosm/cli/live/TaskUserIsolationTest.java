package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.agent.LiveAgent;

/**
 * Issue 18, findings 1 and 8, end to end on a live cluster with a root agent: a job's variables
 * reach its task running as {@code nobody}; a spec naming a dynamic-loader variable is refused
 * with a 400 naming the field; a task as {@code nobody} reads its own secret file. (The
 * process-level attacks are in {@code runtime}'s {@code TaskIsolationTest}.)
 */
@EnabledIf("root")
@Timeout(90)
class TaskUserIsolationTest {
    @TempDir
    Path tmp;

    static boolean root() {
        return System.getProperty("user.name").equals("root");
    }

    @Test
    void aTaskAsNobodyGetsItsEnvAndSecretFileAndLoaderVariablesAreRefused() throws Exception {
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 500, new PrintStream(PrintStream.nullOutputStream()))) {
            LiveAgent a1 = c.addAgent("a1", 2, 1024, Map.of());
            LiveCluster.await("a1 registered", 10_000, a1::isRegistered);

            HttpResponse<String> refused = c.post("/api/v1/jobs", "{\"id\": \"evil\", \"kind\": \"batch\", \"user\": \"nobody\", \"tasks\": [{\"name\": \"t\","
                    + " \"cpus\": 0.1, \"mem\": 8, \"command\": \"true\", \"env\": {\"LD_PRELOAD\": \"/tmp/x.so\"}}]}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("tasks[0].env.LD_PRELOAD", LiveCluster.JSON.readTree(refused.body()).path("field").asText(), refused.body());
            assertEquals(404, c.send(LiveCluster.OPS, "GET", "/api/v1/jobs/evil", null).statusCode(), "nothing of a refused job was created");

            assertEquals(201, c.put("/api/v1/secrets/tls-key", "k3y-for-nobody").statusCode());
            String job = c.submit("{\"id\": \"mine\", \"kind\": \"batch\", \"user\": \"nobody\", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, \"mem\": 8,"
                    + " \"env\": {\"GREETING\": \"hi there\"}, \"secrets\": [{\"name\": \"tls-key\", \"file\": \"secrets/key.pem\"}],"
                    + " \"command\": \"echo \\\"$GREETING\\\" > greeting.txt && id -un > who.txt && cat secrets/key.pem > key.copy\"}]}");
            LiveCluster.await("mine ended", 30_000, () -> !LiveClusterTest.status(c, job).equals("active"));
            JsonNode t = LiveClusterTest.tasks(c.get("/api/v1/jobs/" + job)).get(0);
            assertEquals("FINISHED", t.path("state").asText(), t.toString());
            Path box = c.workDir("a1").resolve("sandboxes").resolve(t.path("id").asText());
            assertEquals("hi there", Files.readString(box.resolve("greeting.txt")).trim());
            assertEquals("nobody", Files.readString(box.resolve("who.txt")).trim());
            assertEquals("k3y-for-nobody", Files.readString(box.resolve("key.copy")));
            assertTrue(Files.notExists(box.resolve("secrets/key.pem")), "the secret file went with the task");
        }
    }
}
