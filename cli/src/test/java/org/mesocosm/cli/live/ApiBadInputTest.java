package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.Mesocosm;

/** The API refuses bad requests with the right status and a message naming the field, creates nothing, and keeps serving. */
class ApiBadInputTest {
    @TempDir
    Path tmp;
    private LiveCluster c;

    @BeforeEach
    void start() throws Exception {
        c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return c.send(LiveCluster.OPS, method, path, body);
    }

    @Test
    void invalidSpecIs400NamingTheFieldAndCreatesNothing() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/jobs", "{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": -1, \"mem\": 1, \"command\": \"true\"}]}");
        assertEquals(400, r.statusCode());
        JsonNode e = LiveCluster.JSON.readTree(r.body());
        assertEquals("tasks[0].cpus", e.path("field").asText());
        assertTrue(e.path("error").asText().contains("must be > 0"), r.body());

        HttpResponse<String> cycle = send("POST", "/api/v1/jobs", """
                {"kind": "pipeline", "tasks": [{"name": "a", "cpus": 1, "mem": 1, "command": "true", "depends_on": ["b"]},
                                               {"name": "b", "cpus": 1, "mem": 1, "command": "true", "depends_on": ["a"]}]}""");
        assertEquals(400, cycle.statusCode());
        assertTrue(cycle.body().contains("cycle"), cycle.body());

        assertEquals(400, send("POST", "/api/v1/jobs", "kind: [unclosed").statusCode());
        assertEquals(400, send("POST", "/api/v1/jobs", "").statusCode());
        assertEquals(0, c.get("/api/v1/jobs").path("jobs").size(), "nothing was created");
    }

    @Test
    void unknownJobIs404() throws Exception {
        assertEquals(404, send("GET", "/api/v1/jobs/nope", null).statusCode());
        assertEquals(404, send("POST", "/api/v1/jobs/nope/kill", "").statusCode());
        assertEquals(404, send("GET", "/api/v1/no-such-endpoint", null).statusCode());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "x".repeat(2 << 20);
        assertEquals(413, send("POST", "/api/v1/jobs", big).statusCode());
    }

    @Test
    void badAgentRequestsAreRefusedAndTheMasterKeepsServing() throws Exception {
        assertEquals(400, send("POST", "/api/v1/agents/register", "not json").statusCode());
        assertEquals(400, send("POST", "/api/v1/agents/register", "{\"id\": \"a b\", \"resources\": {\"cpu_m\": 1000, \"mem\": 1}}").statusCode());
        HttpResponse<String> r = send("POST", "/api/v1/agents/register", "{\"id\": \"a1\", \"resources\": {\"cpu_m\": -5, \"mem\": 1}}");
        assertEquals(400, r.statusCode());
        assertEquals("resources.cpu_m", LiveCluster.JSON.readTree(r.body()).path("field").asText());
        assertEquals(409, send("POST", "/api/v1/agents/ghost/heartbeat?after=0", "{}").statusCode(), "an unknown agent must register");
        assertEquals(400, send("POST", "/api/v1/agents/ghost/status", "{\"updates\": [{\"task_id\": \"x\", \"state\": \"BOGUS\"}]}").statusCode());
        assertEquals(405, send("DELETE", "/api/v1/jobs", null).statusCode());
        assertEquals(400, send("GET", "/api/v1/tasks?state=NOPE", null).statusCode());

        assertEquals(200, send("GET", "/", null).statusCode());
        assertEquals(201, send("POST", "/api/v1/jobs", "{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": 1, \"mem\": 1, \"command\": \"true\"}]}")
                .statusCode());
    }

    @Test
    void clientCommandsExitWithTheDocumentedCodesAndPrintTaskStatesAsJson() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"cpus\": \"lots\", \"mem\": 1}]}");
        Path good = Files.writeString(tmp.resolve("good.yaml"), "id: hello\nkind: batch\ntasks:\n  - name: a\n    cpus: 1\n    mem: 16\n    command: 'true'\n");
        String url = c.url.toString();
        Path token = Files.writeString(tmp.resolve("ops.token"), c.security.tokens().get(LiveCluster.OPS) + "\n");
        String[] login = {"--master", url, "--pin", c.pin, "--token-file", token.toString()};
        assertEquals(2, Mesocosm.execute(args(login, "submit", bad.toString())));
        assertEquals(6, Mesocosm.execute(args(login, "status", "nope")), "no such job");
        assertEquals(6, Mesocosm.execute(args(login, "kill", "nope")), "no such job");
        assertEquals(4, Mesocosm.execute("agents", "--master", "http://127.0.0.1:1"), "connection refused");

        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertEquals(0, Mesocosm.execute(args(login, "submit", good.toString())));
            assertEquals("hello", buf.toString(StandardCharsets.UTF_8).trim());
            buf.reset();
            assertEquals(0, Mesocosm.execute(args(login, "status", "hello", "-o", "json")));
        } finally {
            System.setOut(out);
        }
        JsonNode job = LiveCluster.JSON.readTree(buf.toString(StandardCharsets.UTF_8));
        assertEquals("hello", job.path("id").asText());
        assertEquals("PENDING", job.path("tasks").get(0).path("state").asText(), "no agents: the task waits");
        assertTrue(URI.create(url).getPort() > 0);
    }

    /** The subcommand and its arguments, then the login options. */
    static String[] args(String[] login, String... command) {
        String[] out = java.util.Arrays.copyOf(command, command.length + login.length);
        System.arraycopy(login, 0, out, command.length, login.length);
        return out;
    }
}
