package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.security.Action;

/**
 * The agents' side of the API: register, heartbeat (a long poll that also hands out the agent's
 * commands) and status updates. An agent the master does not have up is told to register
 * again (409 with {@code "register": true}).
 */
final class AgentEndpoints {
    static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private final LiveDriver driver;
    private final AccessControl access;
    private final java.util.concurrent.Executor pollAnswers;

    /** @param pollAnswers where the answers of parked heartbeats are written (never the driver's loop: a socket write may block) */
    AgentEndpoints(LiveDriver driver, AccessControl access, java.util.concurrent.Executor pollAnswers) {
        this.driver = driver;
        this.access = access;
        this.pollAnswers = pollAnswers;
    }

    /** {@code GET /api/v1/agents}: agents with total, used and free resources; on the event loop. */
    ObjectNode list() {
        ObjectNode o = HttpCall.JSON.createObjectNode();
        ArrayNode arr = o.putArray("agents");
        for (Agent a : driver.master().cluster().agents()) arr.add(Views.agent(a, driver.channel(a.id(), false)));
        return o;
    }

    /** {@code POST /api/v1/agents/register}. */
    void register(HttpCall c) throws IOException {
        ObjectNode b = c.jsonBody();
        String id = b.path("id").asText("");
        if (!AGENT_ID.matcher(id).matches()) throw new ApiError(400, "id", "id: 1-128 letters, digits, '.', '-' or '_' required");
        access.require(c, Action.REGISTER_AGENTS, id);
        Resources total = resources(b.path("resources"));
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = b.path("attributes");
        if (!attrs.isMissingNode() && !attrs.isObject()) throw new ApiError(400, "attributes", "attributes: must be an object");
        for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) throw new ApiError(400, "attributes." + e.getKey(), "attributes." + e.getKey() + ": must be a string");
            attributes.put(e.getKey(), e.getValue().asText());
        }
        List<String> running = new ArrayList<>();
        JsonNode r = b.path("running");
        if (!r.isMissingNode() && !r.isArray()) throw new ApiError(400, "running", "running: must be a list of task ids");
        for (JsonNode n : r) running.add(n.asText());
        long after = driver.call(() -> driver.agents().register(id, total, attributes, running));
        LiveDriver.Settings s = driver.settings();
        c.json(200, HttpCall.JSON.createObjectNode().put("agent_id", id).put("after", after)
                .put("poll_wait_ms", s.pollWaitMillis()).put("timeout_ms", s.agentTimeoutMillis()));
    }

    /** {@code POST /api/v1/agents/ID/heartbeat?after=SEQ}: answers with commands after SEQ, waiting for some if there are none. */
    void heartbeat(HttpCall c, String id) throws IOException {
        long after = c.longParam("after", 0);
        // read the request to its end before the long poll: the server times reading a request (ApiServer.REQUEST_READ_SECONDS),
        // and a poll held with its body unread would count as a request still arriving, and be cut off
        c.body();
        AgentChannel ch = upChannel(id);
        ch.seen(System.nanoTime());
        CompletableFuture<List<ObjectNode>> reply = new CompletableFuture<>();
        long wait = driver.settings().pollWaitMillis();
        ch.poll(after, wait, reply::complete);
        if (reply.isDone()) { // commands were waiting, or no wait: answer on this thread
            answer(c, ch, reply.join());
            return;
        }
        // Park the poll without its thread (issue 18): the request thread returns, and the driver's loop (commands ready)
        // or the channel's timer (no commands in time) completes the reply; the answer is written on pollAnswers. The
        // extra 5 s is a backstop should the channel never answer.
        c.defer();
        reply.completeOnTimeout(List.of(), wait + 5_000, TimeUnit.MILLISECONDS).thenAcceptAsync(commands -> {
            try {
                answer(c, ch, commands);
            } catch (IOException | RuntimeException e) {
                // the agent went away: it polls again, and the commands stay in its mailbox until acknowledged
            } finally {
                c.finish();
            }
        }, pollAnswers);
    }

    private static void answer(HttpCall c, AgentChannel ch, List<ObjectNode> commands) throws IOException {
        ch.seen(System.nanoTime());
        ObjectNode o = HttpCall.JSON.createObjectNode();
        ArrayNode arr = o.putArray("commands");
        commands.forEach(arr::add);
        c.json(200, o);
    }

    /** {@code POST /api/v1/agents/ID/status} with {@code {"updates": [{task_id, state, exit_code, message}]}}. */
    void status(HttpCall c, String id) throws IOException {
        ObjectNode b = c.jsonBody();
        JsonNode arr = b.path("updates");
        if (!arr.isArray()) throw new ApiError(400, "updates", "updates: must be a list");
        List<Input.TaskStatus> updates = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode u = arr.get(i);
            String field = "updates[" + i + "]";
            String task = u.path("task_id").asText("");
            if (task.isEmpty()) throw new ApiError(400, field + ".task_id", field + ".task_id: required");
            TaskState st;
            try {
                st = TaskState.valueOf(u.path("state").asText(""));
            } catch (IllegalArgumentException e) {
                st = null;
            }
            if (st == null || !(st == TaskState.RUNNING || st == TaskState.FINISHED || st == TaskState.FAILED
                    || st == TaskState.KILLED || st == TaskState.LOST)) {
                throw new ApiError(400, field + ".state", field + ".state: one of RUNNING, FINISHED, FAILED, KILLED, LOST");
            }
            updates.add(new Input.TaskStatus(task, st, u.path("exit_code").asInt(-1), u.path("message").asText("")));
        }
        AgentChannel ch = upChannel(id);
        ch.seen(System.nanoTime());
        driver.call(() -> {
            driver.agents().statusUpdates(id, updates);
            return null;
        });
        c.json(200, HttpCall.JSON.createObjectNode().put("accepted", updates.size()));
    }

    private AgentChannel upChannel(String id) {
        AgentChannel ch = driver.channel(id, false);
        if (ch == null || !ch.isUp() || ch.mustRegister()) throw new ApiError(409, "register", "agent " + id + " is not registered: register again");
        return ch;
    }

    private static Resources resources(JsonNode r) {
        if (!r.isObject()) throw new ApiError(400, "resources", "resources: required object with cpu_m and mem");
        long cpu = positive(r, "cpu_m"), mem = positive(r, "mem");
        long disk = r.path("disk").asLong(0), gpus = r.path("gpus").asLong(0);
        if (disk < 0 || gpus < 0) throw new ApiError(400, "resources", "resources: disk and gpus must not be negative");
        return new Resources(cpu, mem, disk, gpus);
    }

    private static long positive(JsonNode r, String key) {
        JsonNode v = r.get(key);
        if (v == null || !v.canConvertToLong() || v.asLong() <= 0) {
            throw new ApiError(400, "resources." + key, "resources." + key + ": a positive whole number is required");
        }
        return v.asLong();
    }
}
