package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.security.Action;

/**
 * {@code mesocosm logs}: a task's stdout or stderr, fetched through the master from the agent that
 * ran it. The master never calls agents, so it asks through the agent's mailbox (a {@code logs}
 * command on its next heartbeat) and holds the client's request until the agent uploads the slice
 * ({@code POST /api/v1/agents/ID/logs}) or a timeout passes. The agent reads only the sandbox its
 * own record names for the task id (see the agent's TaskLogs); the master only passes on the id of
 * a task it placed on that agent.
 *
 * <pre>
 * GET  /api/v1/jobs/JOB/logs?task=REST&amp;stream=stdout|stderr&amp;offset=N&amp;limit=M
 *      -> {task_id, agent, state, stream, offset, next_offset, size, data (base64)}
 * POST /api/v1/agents/ID/logs  {request, offset, size, data} or {request, error}   (agents only)
 * </pre>
 */
final class LogFetches {
    /** Most bytes asked of an agent per request (the agent caps it too). */
    static final int MAX_LIMIT = 512 * 1024;
    static final int DEFAULT_LIMIT = 64 * 1024;
    /** Two poll waits: the agent may be holding a heartbeat that must end before it sees the command. */
    private final long waitMillis;
    private final LiveDriver driver;
    private final AccessControl access;
    private final AtomicLong next = new AtomicLong(1);
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(String agentId, CompletableFuture<JsonNode> answer) {}

    LogFetches(LiveDriver driver, AccessControl access) {
        this.driver = driver;
        this.access = access;
        this.waitMillis = 2 * driver.settings().pollWaitMillis() + 5_000;
    }

    private record Target(String taskId, String agentId, TaskState state) {}

    /** {@code GET /api/v1/jobs/JOB/logs}; the caller has checked that the principal may view the job. */
    void fetch(HttpCall c, String jobId) throws IOException {
        String rest = c.query.getOrDefault("task", "");
        String stream = c.query.getOrDefault("stream", "stdout");
        if (!stream.equals("stdout") && !stream.equals("stderr")) throw new ApiError(400, "stream", "stream: stdout or stderr");
        long offset = c.longParam("offset", 0);
        long limit = c.longParam("limit", DEFAULT_LIMIT);
        if (offset < 0) throw new ApiError(400, "offset", "offset: must not be negative");
        if (limit < 1 || limit > MAX_LIMIT) throw new ApiError(400, "limit", "limit: 1 to " + MAX_LIMIT);
        Target t = driver.call(() -> target(driver.jobs().requireJob(jobId).tasks, jobId, rest));
        AgentChannel ch = driver.channel(t.agentId(), false);
        if (ch == null || !ch.isUp()) {
            throw new ApiError(503, "agent", "agent " + t.agentId() + " that ran " + t.taskId() + " is not connected: its logs can not be fetched now");
        }
        String request = Long.toString(next.getAndIncrement());
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(request, new Pending(t.agentId(), answer));
        JsonNode got;
        try {
            ch.enqueue(HttpCall.JSON.createObjectNode().put("type", "logs").put("request", request).put("task_id", t.taskId())
                    .put("stream", stream).put("offset", offset).put("limit", limit));
            got = answer.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiError(504, "agent", "agent " + t.agentId() + " did not send the logs of " + t.taskId() + " within " + waitMillis + " ms");
        } finally {
            pending.remove(request);
        }
        if (got.hasNonNull("error")) throw new ApiError(got.path("unsafe").asBoolean() ? 403 : 404, "task", got.path("error").asText());
        byte[] data = java.util.Base64.getDecoder().decode(got.path("data").asText(""));
        ObjectNode o = HttpCall.JSON.createObjectNode().put("task_id", t.taskId()).put("agent", t.agentId()).put("state", t.state().name())
                .put("stream", stream).put("offset", offset).put("next_offset", offset + data.length).put("size", got.path("size").asLong())
                .put("data", got.path("data").asText(""));
        c.json(200, o);
    }

    /**
     * The task {@code JOB.REST} names: an attempt's full id, or a prefix of whole parts ({@code JOB},
     * {@code JOB.NAME}, {@code JOB.NAME.I}) meaning its newest attempt that was placed on an agent.
     */
    static Target target(List<Task> tasks, String jobId, String rest) {
        String want = rest.isEmpty() ? jobId : jobId + "." + rest;
        for (int i = tasks.size() - 1; i >= 0; i--) {
            Task t = tasks.get(i);
            if (t.agent() == null) continue;
            if (t.id().equals(want) || t.id().startsWith(want + ".")) return new Target(t.id(), t.agent().id(), t.state());
        }
        boolean any = tasks.stream().anyMatch(t -> t.id().equals(want) || t.id().startsWith(want + "."));
        throw new ApiError(404, "task", any ? "task " + want + " has not been placed on an agent yet: no logs"
                : "no task '" + want + "' in job '" + jobId + "'");
    }

    /** {@code POST /api/v1/agents/ID/logs}: an agent's answer; only the agent that was asked can give it. */
    void answer(HttpCall c, String agentId) throws IOException {
        access.require(c, Action.REGISTER_AGENTS, agentId);
        ObjectNode b = c.jsonBody();
        Pending p = pending.get(b.path("request").asText(""));
        if (p == null || !p.agentId().equals(agentId)) { // late (timed out), or not asked of this agent
            c.json(404, HttpCall.JSON.createObjectNode().put("error", "no such log request for agent " + agentId));
            return;
        }
        p.answer().complete(b);
        c.json(200, HttpCall.JSON.createObjectNode().put("accepted", true));
    }
}
