package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.agent.LiveAgent;

/** An agent restarted on its work dir finds the tasks its previous life left running, and the master re-adopts them. */
class AgentRestartTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void restartedAgentReadoptsItsRunningTasks() throws Exception {
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 500, new PrintStream(PrintStream.nullOutputStream()))) {
            LiveAgent first = c.addAgent("a1", 2, 1024, Map.of());
            String svc = c.submit("""
                    {"id": "svc", "kind": "service", "tasks": [{"name": "s", "instances": 2, "cpus": 0.5, "mem": 16,
                      "command": "exec sleep 601"}]}""");
            LiveCluster.await("2 instances running", 15_000, () -> LiveClusterTest.running(c, svc).size() == 2);
            List<String> before = runningIds(c, svc);

            first.detach(); // its processes keep running
            LiveAgent second = c.addAgent("a1", 2, 1024, Map.of());
            LiveCluster.await("the new agent registered", 10_000, second::isRegistered);
            assertEquals(2, second.runningTasks(), "both processes adopted from the work dir");
            Thread.sleep(1000);
            assertEquals(before, runningIds(c, svc), "the same attempts still running: nothing was lost or relaunched");
            assertEquals(2, LiveClusterTest.tasks(c.get("/api/v1/jobs/" + svc)).size());

            assertEquals(202, c.post("/api/v1/jobs/" + svc + "/kill", "").statusCode());
            LiveCluster.await("adopted tasks killed", 10_000, () -> second.runningTasks() == 0);
            LiveCluster.await("service killed", 10_000, () -> LiveClusterTest.status(c, svc).equals("killed"));
        }
        assertEquals(List.of(), ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains("sleep 601"))
                .map(h -> h.pid()).toList());
    }

    private static List<String> runningIds(LiveCluster c, String job) {
        return LiveClusterTest.tasks(LiveClusterTest.json(c, "/api/v1/jobs/" + job)).stream()
                .filter(t -> t.path("state").asText().equals("RUNNING")).map(t -> t.path("id").asText()).sorted().toList();
    }
}
