package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.agent.LiveAgent;

/**
 * Every ACL action allows what its rules allow and refuses the rest with a 403, over TLS with
 * real agents; each refusal is logged with the principal and the action. Tasks run as the OS
 * user their job names, which the agent switches to when it runs as root.
 */
@Timeout(120)
class AclEnforcementTest {
    private static final String ACLS = """
            register_agents:
              - principals: [agent]
                agents: [a1]
            submit_jobs:
              - principals: [alice]
                roles: [analytics]
              - principals: [ops]
                roles: ANY
            run_tasks:
              - principals: [alice]
                users: [nobody]
              - principals: [ops]
                users: ANY
            view_jobs:
              - principals: [alice]
                roles: [analytics]
              - principals: [ops]
                roles: ANY
            kill_jobs:
              - principals: [alice]
                roles: NONE
              - principals: [ops]
                roles: ANY
            view_cluster:
              - principals: [ops]
            """;
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final boolean ROOT = System.getProperty("user.name").equals("root");

    @TempDir
    static Path tmp;
    private static LiveCluster c;
    private static final List<String> audit = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        Path acls = Files.writeString(tmp.resolve("acls.yaml"), ACLS);
        Map<String, String> tokens = Map.of(LiveCluster.OPS, "ops-token-for-acl-test-01", LiveCluster.AGENT, "agent-token-for-acl-test-1",
                ALICE, "alice-token-for-acl-test-1", BOB, "bob-token-for-acl-test-0001");
        c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withTokens(tokens).withAcls(acls).withAudit(audit::add));
        LiveAgent a1 = c.addAgent("a1", 2, 1024, Map.of());
        LiveCluster.await("a1 registered", 10_000, a1::isRegistered);
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    private static HttpResponse<String> as(String principal, String method, String path, String body) throws Exception {
        return c.send(principal, method, path, body);
    }

    private static void assertDenied(HttpResponse<String> r, String logged) {
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("mesocosm master: denied: " + logged)), "no '" + logged + "' in " + audit);
    }

    private static void assertHidden(HttpResponse<String> r, String logged) {
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("mesocosm master: denied: " + logged)), "no '" + logged + "' in " + audit);
    }

    private static String job(String id, String role, String user, String command) {
        return "{\"id\": \"" + id + "\", \"role\": \"" + role + "\", \"kind\": \"batch\"" + (user == null ? "" : ", \"user\": \"" + user + "\"")
                + ", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, \"mem\": 16, \"command\": \"" + command + "\"}]}";
    }

    @Test
    void registerAgents() throws Exception {
        LiveAgent a2 = c.addAgent("a2", 1, 512, Map.of());
        LiveCluster.await("a2 refused", 10_000, () -> audit.stream().anyMatch(l -> l.contains("principal=agent action=register_agents agent=a2")));
        assertFalse(a2.isRegistered());
        String reg = "{\"id\": \"a1\", \"resources\": {\"cpu_m\": 1000, \"mem\": 64}}";
        assertDenied(as(ALICE, "POST", "/api/v1/agents/register", reg), "principal=alice action=register_agents agent=a1 request=POST /api/v1/agents/register");
        assertDenied(as(ALICE, "POST", "/api/v1/agents/a1/heartbeat?after=0", "{}"), "principal=alice action=register_agents agent=a1 request=POST /api/v1/agents/a1/heartbeat");
        assertDenied(as(ALICE, "POST", "/api/v1/agents/a1/status", "{\"updates\": []}"), "principal=alice action=register_agents agent=a1");
        JsonNode agents = c.get("/api/v1/agents");
        assertEquals(1, agents.path("agents").size(), agents.toString());
    }

    @Test
    void submitJobsByRoleAndRunTasksByUser() throws Exception {
        assertEquals(201, as(ALICE, "POST", "/api/v1/jobs", job("mine", "analytics", "nobody", "id -un > who.txt")).statusCode());
        assertDenied(as(ALICE, "POST", "/api/v1/jobs", job("theirs", "prod", "nobody", "true")), "principal=alice action=submit_jobs role=prod");
        assertDenied(as(ALICE, "POST", "/api/v1/jobs", job("asroot", "analytics", "root", "true")), "principal=alice action=run_tasks user=root");
        String self = System.getProperty("user.name");
        if (!self.equals("nobody")) {
            assertDenied(as(ALICE, "POST", "/api/v1/jobs", job("nouser", "analytics", null, "true")), "principal=alice action=run_tasks user=" + self);
        }
        assertDenied(as(BOB, "POST", "/api/v1/jobs", job("bobs", "analytics", "nobody", "true")), "principal=bob action=submit_jobs role=analytics");
        HttpResponse<String> badUser = as(LiveCluster.OPS, "POST", "/api/v1/jobs", job("bad", "prod", "-rf", "true"));
        assertEquals(400, badUser.statusCode());
        assertEquals("user", LiveCluster.JSON.readTree(badUser.body()).path("field").asText());
        for (String refused : List.of("theirs", "asroot", "nouser", "bobs", "bad")) assertEquals(404, as(LiveCluster.OPS, "GET", "/api/v1/jobs/" + refused, null).statusCode());

        // the agent runs the task as the job's user: switching to it as root, refusing to run it as anyone else otherwise
        LiveCluster.await("mine ended", 20_000, () -> !LiveClusterTest.status(c, "mine").equals("active"));
        JsonNode t = LiveClusterTest.tasks(c.get("/api/v1/jobs/mine")).get(0);
        if (ROOT) {
            assertEquals("FINISHED", t.path("state").asText(), t.toString());
            Path sandbox = c.workDir("a1").resolve("sandboxes").resolve(t.path("id").asText());
            assertEquals("nobody", Files.readString(sandbox.resolve("who.txt")).trim());
        } else {
            assertEquals("FAILED", t.path("state").asText(), t.toString());
            assertTrue(t.path("message").asText().contains("cannot run tasks as 'nobody'"), t.toString());
        }
    }

    @Test
    void aUserTheAgentHasNotFailsTheTaskClearly() throws Exception {
        assertEquals(201, as(LiveCluster.OPS, "POST", "/api/v1/jobs", job("ghost", "prod", "no-such-user-zz", "true")).statusCode());
        LiveCluster.await("ghost ended", 20_000, () -> !LiveClusterTest.status(c, "ghost").equals("active"));
        JsonNode t = LiveClusterTest.tasks(c.get("/api/v1/jobs/ghost")).get(0);
        assertEquals("FAILED", t.path("state").asText());
        String why = ROOT ? "there is no OS user 'no-such-user-zz' on this agent" : "cannot run tasks as 'no-such-user-zz'";
        assertTrue(t.path("message").asText().contains(why), t.toString());
    }

    @Test
    void viewAndKillJobsByRole() throws Exception {
        assertEquals(201, as(ALICE, "POST", "/api/v1/jobs", job("a-svc", "analytics", "nobody", "sleep 30")).statusCode());
        assertEquals(201, as(LiveCluster.OPS, "POST", "/api/v1/jobs", job("p-svc", "prod", null, "sleep 30")).statusCode());
        assertEquals(200, as(ALICE, "GET", "/api/v1/jobs/a-svc", null).statusCode());
        // a job one may not view answers as no job at all (issue 18: 403 vs 404 told other roles' job ids), still logged as a denial
        assertHidden(as(ALICE, "GET", "/api/v1/jobs/p-svc", null), "principal=alice action=view_jobs role=prod request=GET /api/v1/jobs/p-svc");
        assertHidden(as(BOB, "GET", "/api/v1/jobs/a-svc", null), "principal=bob action=view_jobs role=analytics");

        List<String> listed = new ArrayList<>();
        LiveCluster.JSON.readTree(as(ALICE, "GET", "/api/v1/jobs", null).body()).path("jobs").forEach(j -> listed.add(j.path("id").asText()));
        assertTrue(listed.contains("analytics:a-svc") && !listed.contains("prod:p-svc"), "alice lists only what she may view: " + listed);
        String tasks = as(ALICE, "GET", "/api/v1/tasks", null).body();
        assertTrue(tasks.contains("a-svc.") && !tasks.contains("p-svc."), tasks);
        assertTrue(as(LiveCluster.OPS, "GET", "/api/v1/jobs", null).body().contains("p-svc"));

        assertDenied(as(ALICE, "POST", "/api/v1/jobs/a-svc/kill", ""), "principal=alice action=kill_jobs role=analytics request=POST /api/v1/jobs/a-svc/kill");
        assertHidden(as(BOB, "POST", "/api/v1/jobs/p-svc/kill", ""), "principal=bob action=view_jobs role=prod");
        assertEquals("active", LiveClusterTest.status(c, "a-svc"), "a refused kill kills nothing");
        assertEquals(202, as(LiveCluster.OPS, "POST", "/api/v1/jobs/a-svc/kill", "").statusCode());
        assertEquals(202, as(LiveCluster.OPS, "POST", "/api/v1/jobs/p-svc/kill", "").statusCode());
        LiveCluster.await("both killed", 10_000, () -> LiveClusterTest.status(c, "a-svc").equals("killed") && LiveClusterTest.status(c, "p-svc").equals("killed"));
    }

    @Test
    void viewClusterGuardsStatusPageMetricsAndAgents() throws Exception {
        for (String path : List.of("/", "/metrics", "/api/v1/agents")) {
            assertEquals(200, as(LiveCluster.OPS, "GET", path, null).statusCode(), path);
            assertDenied(as(ALICE, "GET", path, null), "principal=alice action=view_cluster request=GET " + path);
        }
        String body = as(ALICE, "GET", "/metrics", null).body();
        assertFalse(body.contains("mesocosm_"), "no metrics in a refusal: " + body);
    }
}
