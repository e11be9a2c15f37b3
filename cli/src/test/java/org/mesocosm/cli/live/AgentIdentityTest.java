package org.mesocosm.cli.live;

import static org.mesocosm.cli.live.SecurityExampleFiles.example;
import static org.mesocosm.cli.live.SecurityExampleFiles.token;
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
import org.mesocosm.runtime.agent.AgentSettings;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Tls;

/**
 * Issue 18, finding 4: one agent's credential cannot act as another agent. With the README's
 * example credentials and ACLs (each agent its own token, {@code agents: [self]}), agent-2's token
 * cannot heartbeat as agent-1 (which would hand it agent-1's launch commands, secrets included),
 * cannot post status updates for agent-1's tasks, and cannot re-register agent-1's id.
 */
@Timeout(120)
class AgentIdentityTest {
    @TempDir
    static Path tmp;
    private static LiveCluster c;
    private static LiveAgent a1;
    private static final List<String> audit = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> tokens = Map.of(LiveCluster.OPS, token("ops"), LiveCluster.AGENT, "unused-agent-token-in-this-test",
                "agent-1", token("agent-1"), "agent-2", token("agent-2"));
        c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withTokens(tokens).withAcls(example("acls.yaml")).withAudit(audit::add));
        Path work = Files.createDirectories(tmp.resolve("agents").resolve("agent-1"));
        a1 = new LiveAgent(new AgentSettings(c.url, "agent-1", new Resources(2000, 1024, 0, 0), Map.of(), work, 1000),
                new PrintStream(PrintStream.nullOutputStream()), new ClientSecurity(Tls.pinned(c.pin), tokens.get("agent-1"))).start();
        c.agents.add(a1);
        LiveCluster.await("agent-1 registered", 10_000, a1::isRegistered);
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void anAgentSpeaksOnlyForItself() throws Exception {
        String svc = c.submit("{\"id\": \"held\", \"kind\": \"service\", \"tasks\": [{\"name\": \"s\", \"cpus\": 0.1, \"mem\": 16, \"command\": \"sleep 60\"}]}");
        LiveCluster.await("held running on agent-1", 20_000, () -> running(svc) != null);
        String taskId = running(svc);

        HttpResponse<String> hb = c.send("agent-2", "POST", "/api/v1/agents/agent-1/heartbeat?after=0", "{}");
        assertEquals(403, hb.statusCode(), "agent-2 heartbeating as agent-1 (and reading its commands): " + hb.body());
        HttpResponse<String> st = c.send("agent-2", "POST", "/api/v1/agents/agent-1/status",
                "{\"updates\": [{\"task_id\": \"" + taskId + "\", \"state\": \"FAILED\", \"exit_code\": 1, \"message\": \"lie\"}]}");
        assertEquals(403, st.statusCode(), "agent-2 reporting agent-1's task: " + st.body());
        HttpResponse<String> reg = c.send("agent-2", "POST", "/api/v1/agents/register",
                "{\"id\": \"agent-1\", \"resources\": {\"cpu_m\": 64000, \"mem\": 65536}, \"running\": []}");
        assertEquals(403, reg.statusCode(), "agent-2 re-registering agent-1: " + reg.body());
        assertTrue(audit.stream().anyMatch(l -> l.contains("principal=agent-2 action=register_agents agent=agent-1")), audit.toString());

        // nothing changed for agent-1 or its task
        assertEquals(taskId, running(svc), "agent-1's task still runs");
        JsonNode agents = c.get("/api/v1/agents").path("agents");
        assertEquals(1, agents.size(), agents.toString());
        assertEquals(2000, agents.get(0).path("total").path("cpu_m").asLong(2000), agents.toString());

        // and its own id is its own: agent-2 registers as agent-2
        HttpResponse<String> own = c.send("agent-2", "POST", "/api/v1/agents/register", "{\"id\": \"agent-2\", \"resources\": {\"cpu_m\": 1000, \"mem\": 64}}");
        assertEquals(200, own.statusCode(), own.body());
        assertFalse(c.send("ops", "POST", "/api/v1/agents/register", "{\"id\": \"ops\", \"resources\": {\"cpu_m\": 1000, \"mem\": 64}}").statusCode() == 200,
                "ops is no agent");
    }

    private static String running(String job) {
        try {
            for (JsonNode t : LiveClusterTest.tasks(c.get("/api/v1/jobs/" + job))) {
                if (t.path("state").asText().equals("RUNNING")) return t.path("id").asText();
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
