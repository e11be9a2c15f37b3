package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.secrets.EncryptedSecretStore;

/** {@code /api/v1/secrets}: create, replace, list and delete by name; statuses for every misuse; no answer holds a value. */
class SecretApiTest {
    private static final String VALUE = "v4lue-that-must-not-come-back";

    @TempDir
    Path tmp;
    private final List<String> bodies = new ArrayList<>();

    private HttpResponse<String> send(LiveCluster c, String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = c.request(LiveCluster.OPS, path);
        // as the CLI sends them (issue 18: a POST or PUT without a JSON/YAML type, or a secret value without octet-stream, is 415)
        if (body != null) b.header("Content-Type", path.startsWith("/api/v1/secrets/") ? "application/octet-stream" : "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r = c.client(LiveCluster.OPS).send(b.build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return r;
    }

    @Test
    void secretsAreManagedByNameAndValuesNeverComeBack() throws Exception {
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()))) {
            assertEquals(201, send(c, "PUT", "/api/v1/secrets/db-password", VALUE.getBytes()).statusCode());
            HttpResponse<String> again = send(c, "PUT", "/api/v1/secrets/db-password", (VALUE + "2").getBytes());
            assertEquals(200, again.statusCode());
            assertFalse(LiveCluster.JSON.readTree(again.body()).path("created").asBoolean());
            assertEquals(201, send(c, "PUT", "/api/v1/secrets/other.key_1", new byte[] {0, 1, 2}).statusCode());

            JsonNode list = LiveCluster.JSON.readTree(send(c, "GET", "/api/v1/secrets", null).body()).path("secrets");
            assertEquals(2, list.size(), list.toString());
            assertEquals("db-password", list.get(0).path("name").asText());
            assertEquals("other.key_1", list.get(1).path("name").asText());
            assertEquals(404, send(c, "GET", "/api/v1/secrets/missing", null).statusCode());

            // misuse: each a clear status, none storing anything
            assertField(send(c, "PUT", "/api/v1/secrets/bad%2Fname", VALUE.getBytes()), 400, "name");
            assertField(send(c, "PUT", "/api/v1/secrets/-starts-with-dash", VALUE.getBytes()), 400, "name");
            assertField(send(c, "PUT", "/api/v1/secrets/empty", new byte[0]), 400, "value");
            assertEquals(413, send(c, "PUT", "/api/v1/secrets/big", new byte[EncryptedSecretStore.MAX_VALUE_BYTES + 1]).statusCode());
            assertEquals(405, send(c, "POST", "/api/v1/secrets/db-password", VALUE.getBytes()).statusCode());
            assertEquals(405, send(c, "DELETE", "/api/v1/secrets", null).statusCode());
            assertEquals(404, send(c, "DELETE", "/api/v1/secrets/missing", null).statusCode());
            assertEquals(2, LiveCluster.JSON.readTree(send(c, "GET", "/api/v1/secrets", null).body()).path("secrets").size());

            // a job using a secret: it may not be deleted while the job is active (pending counts: there are no agents)
            String job = c.submit("{\"id\": \"uses\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, \"mem\": 8, "
                    + "\"command\": \"true\", \"secrets\": [{\"name\": \"db-password\", \"env\": \"DB\"}]}]}");
            HttpResponse<String> inUse = send(c, "DELETE", "/api/v1/secrets/db-password", null);
            assertEquals(409, inUse.statusCode());
            assertTrue(inUse.body().contains("used by active job uses"), inUse.body());
            JsonNode one = LiveCluster.JSON.readTree(send(c, "GET", "/api/v1/secrets/db-password", null).body());
            assertEquals("[\"uses\"]", one.path("used_by").toString());
            JsonNode spec = LiveCluster.JSON.readTree(send(c, "GET", "/api/v1/jobs/" + job, null).body()).path("spec");
            assertEquals("[{\"name\":\"db-password\",\"env\":\"DB\"}]", spec.path("tasks").get(0).path("secrets").toString());

            // unknown secret: 400 naming the field, and the job is not created
            HttpResponse<String> unknown = send(c, "POST", "/api/v1/jobs", ("{\"id\": \"ghost\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"t\", "
                    + "\"cpus\": 0.1, \"mem\": 8, \"command\": \"true\", \"secrets\": [{\"name\": \"nope\", \"file\": \"k\"}]}]}").getBytes());
            assertField(unknown, 400, "tasks[0].secrets[0].name");
            assertEquals(404, send(c, "GET", "/api/v1/jobs/ghost", null).statusCode());

            assertEquals(202, c.post("/api/v1/jobs/uses/kill", "").statusCode());
            LiveCluster.await("job killed", 10_000, () -> LiveClusterTest.status(c, "uses").equals("killed"));
            assertEquals(200, send(c, "DELETE", "/api/v1/secrets/db-password", null).statusCode());
            assertEquals(404, send(c, "GET", "/api/v1/secrets/db-password", null).statusCode());
            send(c, "GET", "/", null);
            send(c, "GET", "/metrics", null);
        }
        for (String b : bodies) assertFalse(b.contains(VALUE), b);
    }

    private static void assertField(HttpResponse<String> r, int status, String field) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(field, LiveCluster.JSON.readTree(r.body()).path("field").asText(), r.body());
    }
}
