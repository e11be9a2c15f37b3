package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.cli.SimulateCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.SimulateCommandTest;
import org.mesocosm.runtime.agent.LiveAgent;

/**
 * A task that cannot be placed says why, on a real master with real agents on loopback: in
 * {@code mesocosm status JOB} (text and -o json) and on the status page, for the offer path (drf)
 * and the pod path (k8s).
 */
@Timeout(120)
class PendingReasonLiveTest {
    @TempDir
    Path tmp;

    private static String job(String id, double cpus, String selector) {
        return "{\"id\": \"" + id + "\", \"kind\": \"service\", \"tasks\": [{\"name\": \"web\", \"instances\": 2, \"cpus\": " + cpus
                + ", \"mem\": 16, \"command\": \"sleep 30\"" + (selector == null ? "" : ", \"node_selector\": {" + selector + "}") + "}]}";
    }

    @Test
    void drfAndK8sSayWhyInStatusJsonAndThePage() throws Exception {
        for (String policy : new String[] {"drf:interval=50ms", "k8s"}) {
            Path dir = Files.createDirectories(tmp.resolve(policy.replaceAll("[^a-z0-9]", "")));
            try (LiveCluster c = new LiveCluster(dir, policy, 5000, 1000, new PrintStream(PrintStream.nullOutputStream()))) {
                LiveAgent a1 = c.addAgent("a1", 2, 1024, Map.of("zone", "a"));
                LiveAgent a2 = c.addAgent("a2", 2, 1024, Map.of("zone", "a"));
                LiveCluster.await("agents registered", 10_000, () -> a1.isRegistered() && a2.isRegistered());
                c.submit(job("huge", 64, null));
                c.submit(job("zoned", 0.1, "\"zone\": \"b\""));
                c.submit(job("fill", 1.5, null));
                LiveCluster.await("fill running", 20_000, () -> {
                    try {
                        return c.get("/api/v1/tasks?job=fill&state=RUNNING").path("tasks").size() == 2;
                    } catch (Exception e) {
                        return false;
                    }
                });
                c.submit(job("more", 1, null));
                Path token = Files.writeString(dir.resolve("ops.token"), c.security.tokens().get(LiveCluster.OPS) + "\n");
                String[] login = {"--master", c.url.toString(), "--pin", c.pin, "--token-file", token.toString()};

                SimulateCommandTest.Run r = run(ApiBadInputTest.args(login, "status", "huge"));
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().contains("Pending:\n  web: 2 tasks: 0/2 agents fit: insufficient cpu (needs 64, largest total 2); no agent can ever fit it\n"),
                        policy + ": " + r.out());
                r = run(ApiBadInputTest.args(login, "status", "zoned"));
                assertTrue(r.out().contains("web: 2 tasks: 0/2 agents match node_selector zone=b"), policy + ": " + r.out());

                LiveCluster.await("a scheduling attempt for 'more'", 10_000, () -> {
                    SimulateCommandTest.Run s = run(ApiBadInputTest.args(login, "status", "more", "-o", "json"));
                    return s.out().contains("insufficient cpu (needs 1, largest free 0.5)");
                });
                SimulateCommandTest.Run json = run(ApiBadInputTest.args(login, "status", "more", "-o", "json"));
                JsonNode tasks = LiveCluster.JSON.readTree(json.out()).path("tasks");
                for (JsonNode t : tasks) {
                    String why = t.path("pending_reason").asText();
                    assertTrue(why.endsWith("0/2 agents fit: insufficient cpu (needs 1, largest free 0.5)"), policy + ": " + why);
                    if (policy.equals("k8s")) assertTrue(why.startsWith("last attempt: 0/2 nodes are available: 2 Insufficient cpu; now: "), why);
                }
                String page = c.getText("/");
                assertTrue(page.contains("waiting: 0/2 agents match node_selector zone=b"), policy + ": status page");
            }
        }
    }
}
