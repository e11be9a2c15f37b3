package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.InputLogReplayer;
import org.mesocosm.runtime.log.StateLog;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * A master and three agents on loopback running real processes: a service, a batch job, a
 * pipeline with a failing step and a cron job every two seconds. One agent dies, another is cut
 * off and comes back. Then the input log of the run is replayed into a fresh master, which must
 * emit exactly the commands the live master did.
 */
class LiveClusterTest {
    private static final String POLICY = "drf:interval=50ms";

    @TempDir
    Path tmp;

    @Test
    @Timeout(90)
    void realProcessesSurviveAgentLossAndReplayGivesTheSameDecisions() throws Exception {
        List<Command> live;
        try (LiveCluster c = new LiveCluster(tmp, POLICY, 3000, 500, new PrintStream(PrintStream.nullOutputStream()))) {
            for (String id : List.of("a1", "a2", "a3")) c.addAgent(id, 2, 2048, Map.of("rack", id));
            LiveCluster.await("three agents up", 10_000, () -> upAgents(c) == 3);

            String service = c.submit("""
                    {"id": "web", "kind": "service", "tasks": [{"name": "server", "instances": 3, "cpus": 0.5, "mem": 64,
                      "command": "echo serving $GREETING; (sleep 600 &); exec sleep 600", "env": {"GREETING": "hi"}}]}""");
            assertEquals(201, c.put("/api/v1/secrets/token", "s3cret").statusCode());
            String batch = c.submit("""
                    {"id": "count", "kind": "batch", "tasks": [{"name": "wc", "instances": 1, "cpus": 0.25, "mem": 32,
                      "command": "printf 'a b c\\\\n' | wc -w > out.txt; echo counted with $TOKEN", "secrets": [{"name": "token", "env": "TOKEN"}]}]}""");
            String pipeline = c.submit(Files.readString(repoFile("examples/pipeline-fails.json")));
            String cron = c.submit("""
                    {"id": "tick", "kind": "cron", "schedule": "*/2 * * * * *", "timezone": "UTC", "concurrency_policy": "forbid",
                     "tasks": [{"name": "t", "cpu_m": 50, "mem": 16, "command": "date +%s > at.txt"}]}""");

            LiveCluster.await("service at 3 running instances", 15_000, () -> running(c, service).size() == 3);
            LiveCluster.await("batch finished", 15_000, () -> status(c, batch).equals("finished"));
            LiveCluster.await("pipeline failed", 15_000, () -> status(c, pipeline).equals("failed"));

            // the agent with most service instances dies: tasks and heartbeats stop at once
            String victim = busiest(running(c, service));
            LiveAgent dead = c.agents.stream().filter(a -> a.id().equals(victim)).findFirst().orElseThrow();
            dead.close();
            LiveCluster.await("service back to 3 instances without " + victim, 15_000, () -> {
                List<String> on = running(c, service);
                return on.size() == 3 && !on.contains(victim);
            });
            JsonNode agents = c.get("/api/v1/agents");
            for (JsonNode a : agents.path("agents")) {
                assertEquals(a.path("id").asText().equals(victim) ? "lost" : "up", a.path("state").asText(), a.toString());
            }
            JsonNode web = c.get("/api/v1/jobs/" + service);
            assertTrue(tasks(web).stream().anyMatch(t -> t.path("state").asText().equals("LOST") && t.path("agent").asText().equals(victim)),
                    "the dead agent's instances are LOST: " + web);

            // another agent is cut off long enough to be declared lost, then comes back: what it still runs was replaced, so it is killed
            String cutOff = busiest(running(c, service));
            LiveAgent partitioned = c.agents.stream().filter(a -> a.id().equals(cutOff)).findFirst().orElseThrow();
            int before = partitioned.runningTasks();
            assertTrue(before > 0);
            partitioned.setPaused(true);
            LiveCluster.await(cutOff + " lost", 10_000, () -> agentState(c, cutOff).equals("lost"));
            partitioned.setPaused(false);
            LiveCluster.await(cutOff + " back up", 10_000, () -> agentState(c, cutOff).equals("up"));
            LiveCluster.await("the replaced tasks on " + cutOff + " killed", 10_000, () -> partitioned.runningTasks() == 0);
            LiveCluster.await("service at 3 instances again", 15_000, () -> running(c, service).size() == 3);

            // pipeline: the failing step FAILED with its exit code, both dependents DISCONTINUED and never launched
            JsonNode p = c.get("/api/v1/jobs/" + pipeline);
            assertEquals("FINISHED", taskState(p, "extract"));
            assertEquals("FAILED", taskState(p, "transform"));
            assertEquals(1, task(p, "transform").path("exit_code").asInt());
            assertEquals("DISCONTINUED", taskState(p, "load"));
            assertEquals("DISCONTINUED", taskState(p, "notify"));
            assertFalse(task(p, "load").has("agent"));
            String failedOn = task(p, "transform").path("agent").asText();
            Path failedSandbox = sandbox(c.workDir(failedOn), pipeline + ".transform.0.0");
            assertTrue(Files.readString(failedSandbox.resolve("stderr")).contains("transform: bad input"));

            // batch: its output is in its sandbox on the agent that ran it
            JsonNode b = c.get("/api/v1/jobs/" + batch);
            JsonNode wc = tasks(b).get(0);
            assertEquals("FINISHED", wc.path("state").asText());
            Path sb = sandbox(c.workDir(wc.path("agent").asText()), wc.path("id").asText());
            assertEquals("3", Files.readString(sb.resolve("out.txt")).trim());
            assertEquals("counted with s3cret", Files.readString(sb.resolve("stdout")).trim());
            assertFalse(b.toString().contains("s3cret"), "secret values never show in the API");

            // cron: several runs, each started on an even second (its schedule), each finished
            LiveCluster.await("three cron runs", 15_000, () -> runs(c, cron).size() >= 3);
            for (String run : runs(c, cron).subList(0, 3)) {
                LiveCluster.await(run + " finished", 10_000, () -> status(c, run).equals("finished"));
                JsonNode r = c.get("/api/v1/jobs/" + run);
                Instant at = Instant.parse(r.path("submitted_at").asText());
                assertEquals(0, at.getEpochSecond() % 2, run + " started at " + at);
                assertTrue(at.getNano() < 500_000_000, run + " started late: " + at);
            }

            assertEquals(202, c.post("/api/v1/jobs/" + service + "/kill", "").statusCode());
            assertEquals(202, c.post("/api/v1/jobs/" + cron + "/kill", "").statusCode());
            LiveCluster.await("service killed", 10_000, () -> status(c, service).equals("killed"));
            String metrics = c.getText("/metrics");
            assertTrue(sample(metrics, "mesocosm_tasks{state=\"LOST\"}") > 0, metrics);
            assertTrue(sample(metrics, "mesocosm_scheduling_latency_seconds_count") > 0, metrics);
            assertTrue(sample(metrics, "mesocosm_cpu_cores{kind=\"total\"}") > 0, metrics);
            // the policy's own numbers (DRF: offers), reported through PlacementPolicy.metrics()
            assertTrue(metrics.contains("# TYPE mesocosm_offers_total counter\nmesocosm_offers_total "), metrics);
            assertTrue(sample(metrics, "mesocosm_offers_total") > 0, metrics);
            assertTrue(metrics.contains("# TYPE jvm_memory_used_bytes gauge\n"), "the JVM's metrics too: " + metrics);
            live = new ArrayList<>(c.commands);
        }
        assertNoTaskProcessesLeft();

        // same code, same decisions: the recorded inputs, replayed, give the very same commands
        InputLog.Contents log = StateLog.read(tmp.resolve("master"));
        InputLogReplayer.Result replay = InputLogReplayer.replay(log, PolicyRegistry.load().create(log.header().policy()), new MasterObserver() {});
        assertTrue(replay.launches().size() >= 10, "launches: " + replay.launches().size());
        assertEquals(live.size(), replay.commands().size());
        for (int i = 0; i < live.size(); i++) assertEquals(live.get(i), replay.commands().get(i), "command " + i);
    }

    private static Path repoFile(String rel) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) if (Files.exists(p.resolve(rel))) return p.resolve(rel);
        throw new IllegalStateException(rel + " not found above " + here);
    }

    private static Path sandbox(Path agentWorkDir, String taskId) {
        return agentWorkDir.resolve("sandboxes").resolve(taskId);
    }

    private static void assertNoTaskProcessesLeft() {
        // the service ran 'sleep 600', one of them double-forked out of the task's process tree: only a process-group kill reaches it
        List<String> left = ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains("sleep 600"))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), left);
    }

    static int upAgents(LiveCluster c) {
        int n = 0;
        for (JsonNode a : json(c, "/api/v1/agents").path("agents")) if (a.path("state").asText().equals("up")) n++;
        return n;
    }

    static String agentState(LiveCluster c, String id) {
        for (JsonNode a : json(c, "/api/v1/agents").path("agents")) if (a.path("id").asText().equals(id)) return a.path("state").asText();
        return "";
    }

    static String status(LiveCluster c, String job) {
        return json(c, "/api/v1/jobs/" + job).path("status").asText();
    }

    /** Agents of the job's RUNNING tasks, one entry per task. */
    static List<String> running(LiveCluster c, String job) {
        return tasks(json(c, "/api/v1/jobs/" + job)).stream().filter(t -> t.path("state").asText().equals("RUNNING"))
                .map(t -> t.path("agent").asText()).toList();
    }

    static List<String> runs(LiveCluster c, String cronJob) {
        List<String> out = new ArrayList<>();
        json(c, "/api/v1/jobs/" + cronJob).path("run_ids").forEach(r -> out.add(r.asText()));
        return out;
    }

    private static String busiest(List<String> agents) {
        return agents.stream().reduce((x, y) -> java.util.Collections.frequency(agents, y) > java.util.Collections.frequency(agents, x) ? y : x)
                .orElseThrow();
    }

    static List<JsonNode> tasks(JsonNode job) {
        List<JsonNode> out = new ArrayList<>();
        job.path("tasks").forEach(out::add);
        return out;
    }

    private static JsonNode task(JsonNode job, String name) {
        return tasks(job).stream().filter(t -> t.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + name + " in " + job));
    }

    private static String taskState(JsonNode job, String name) {
        return task(job, name).path("state").asText();
    }

    static JsonNode json(LiveCluster c, String path) {
        try {
            return c.get(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one series of a /metrics page (name with its labels, as written), or NaN when absent. */
    private static double sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).trim());
        }
        return Double.NaN;
    }
}
