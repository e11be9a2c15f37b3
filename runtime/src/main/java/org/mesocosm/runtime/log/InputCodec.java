package org.mesocosm.runtime.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.spec.JobSpecReader;
import org.mesocosm.runtime.spec.JobSpecWriter;

/**
 * Master inputs as JSON objects, one per line of an input log: {@code {"t": micros, "in": type, ...}}.
 * Jobs are written in the job spec format, so a log is readable by people and by
 * {@link JobSpecReader}; decoding gives back inputs equal to the ones encoded.
 */
public final class InputCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private InputCodec() {}

    public static ObjectNode encode(long at, Input in) {
        ObjectNode o = F.objectNode();
        o.put("t", at);
        if (in instanceof Input.TaskStatus s) {
            o.put("in", "TaskStatus").put("task", s.taskId()).put("state", s.state().name()).put("exit", s.exitCode())
                    .put("msg", s.message() == null ? "" : s.message());
        } else if (in instanceof Input.TimerFired t) {
            o.put("in", "TimerFired").put("timer", t.timerId());
        } else if (in instanceof Input.JobSubmitted j) {
            o.put("in", "JobSubmitted").set("job", JobSpecWriter.toTree(j.job()));
        } else if (in instanceof Input.AgentAdded a) {
            o.put("in", "AgentAdded").put("agent", a.agentId());
            o.set("total", resources(a.total()));
            o.set("attributes", map(a.attributes()));
        } else if (in instanceof Input.AgentRemoved r) {
            o.put("in", "AgentRemoved").put("agent", r.agentId()).put("reason", r.reason());
        } else if (in instanceof Input.JobKillRequested k) {
            o.put("in", "JobKillRequested").put("job", k.jobId());
        } else if (in instanceof Input.JobScaled s) {
            o.put("in", "JobScaled").put("job", s.jobId()).put("task", s.taskName()).put("instances", s.instances());
        } else if (in instanceof Input.AgentReregistered r) {
            o.put("in", "AgentReregistered").put("agent", r.agentId());
            o.set("total", resources(r.total()));
            o.set("attributes", map(r.attributes()));
            ArrayNode running = o.putArray("running");
            r.runningTaskIds().forEach(running::add);
        } else {
            throw new IllegalArgumentException("no encoding for " + in);
        }
        return o;
    }

    /** The time of an encoded input. */
    public static long time(JsonNode o) {
        return req(o, "t").asLong();
    }

    public static Input decode(JsonNode o) {
        String type = req(o, "in").asText();
        return switch (type) {
            case "TaskStatus" -> new Input.TaskStatus(text(o, "task"), TaskState.valueOf(text(o, "state")), req(o, "exit").asInt(),
                    o.path("msg").asText(""));
            case "TimerFired" -> new Input.TimerFired(req(o, "timer").asLong());
            case "JobSubmitted" -> new Input.JobSubmitted(job(req(o, "job")));
            case "AgentAdded" -> new Input.AgentAdded(text(o, "agent"), resources(req(o, "total")), map(o.path("attributes")));
            case "AgentRemoved" -> new Input.AgentRemoved(text(o, "agent"), o.path("reason").asText(""));
            case "JobKillRequested" -> new Input.JobKillRequested(text(o, "job"));
            case "JobScaled" -> new Input.JobScaled(text(o, "job"), text(o, "task"), req(o, "instances").asInt());
            case "AgentReregistered" -> {
                List<String> running = new ArrayList<>();
                for (JsonNode n : req(o, "running")) running.add(n.asText());
                yield new Input.AgentReregistered(text(o, "agent"), resources(req(o, "total")), map(o.path("attributes")), running);
            }
            default -> throw new IllegalArgumentException("unknown input type '" + type + "'");
        };
    }

    /**
     * A logged job. A live master logs each job under its key, {@code role:id} outside the default
     * role (job ids are per role: issue 18), which the spec reader, checking what clients send,
     * would refuse as an id: the id is read without its role, then the key is put back. A prefix
     * other than the job's own role is no key, and fails as any bad id does.
     */
    private static org.mesocosm.runtime.model.JobSpec job(JsonNode spec) {
        String id = spec.path("id").asText("");
        int colon = id.indexOf(':');
        if (colon < 0 || !(spec instanceof ObjectNode o) || !spec.path("role").asText("").equals(id.substring(0, colon))) {
            return JobSpecReader.read(spec).spec();
        }
        ObjectNode bare = o.deepCopy();
        bare.put("id", id.substring(colon + 1));
        return JobSpecReader.read(bare).withId(id).spec();
    }

    public static ObjectNode resources(Resources r) {
        return F.objectNode().put("cpu_m", r.cpuMillis()).put("mem", r.memMiB()).put("disk", r.diskMiB()).put("gpus", r.gpus());
    }

    public static Resources resources(JsonNode o) {
        return new Resources(req(o, "cpu_m").asLong(), req(o, "mem").asLong(), o.path("disk").asLong(0), o.path("gpus").asLong(0));
    }

    private static ObjectNode map(Map<String, String> m) {
        ObjectNode o = F.objectNode();
        m.forEach(o::put);
        return o;
    }

    private static Map<String, String> map(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private static String text(JsonNode o, String key) {
        return req(o, key).asText();
    }

    private static JsonNode req(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) throw new IllegalArgumentException("missing field '" + key + "'");
        return v;
    }
}
