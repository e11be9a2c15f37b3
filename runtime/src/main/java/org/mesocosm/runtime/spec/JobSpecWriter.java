package org.mesocosm.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SecretRef;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;

/**
 * Writes a {@link JobSpec} back in the spec format. {@link JobSpecReader} reads the result into an
 * equal spec (cpu as {@code cpu_m}, durations as exact decimal seconds), which is how the input
 * log stores jobs. A JobSpec names its secrets but holds no values, so none can be written.
 */
public final class JobSpecWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JobSpecWriter() {}

    public static ObjectNode toTree(JobSpec j) {
        ObjectNode o = F.objectNode();
        o.put("id", j.id());
        o.put("role", j.role());
        o.put("kind", j.kind().name().toLowerCase(Locale.ROOT));
        o.put("priority", j.priority());
        if (j.kind() != JobKind.SERVICE) o.put("max_retries", j.maxRetries());
        if (j.cron() != null) {
            o.put("schedule", j.cron().expression().toString());
            o.put("timezone", j.cron().zone().getId());
            o.put("concurrency_policy", j.cron().concurrency().name().toLowerCase(Locale.ROOT));
        }
        if (j.framework() != null) o.put("framework", j.framework());
        ArrayNode tasks = o.putArray("tasks");
        for (TaskSpec t : j.tasks()) tasks.add(task(t));
        return o;
    }

    private static ObjectNode task(TaskSpec t) {
        ObjectNode o = F.objectNode();
        o.put("name", t.name());
        o.put("instances", t.instances());
        Resources r = t.request();
        o.put("cpu_m", r.cpuMillis());
        o.put("mem", r.memMiB());
        if (r.diskMiB() > 0) o.put("disk", r.diskMiB());
        if (!t.gpu().none()) { // a share counts no whole GPU in the request: the demand says what the spec said
            o.put("gpus", t.gpu().gpus());
            o.put("gpu_milli", t.gpu().milli());
            if (!t.gpu().models().isEmpty()) o.put("gpu_model", t.gpu().modelSpec());
        } else if (r.gpus() > 0) {
            o.put("gpus", r.gpus());
        }
        if (t.command() != null) o.put("command", t.command());
        map(o, "env", t.env());
        if (!t.secrets().isEmpty()) {
            ArrayNode s = o.putArray("secrets");
            for (SecretRef ref : t.secrets()) {
                ObjectNode x = s.addObject().put("name", ref.name());
                if (ref.env() != null) x.put("env", ref.env());
                else x.put("file", ref.file());
            }
        }
        if (!t.dependsOn().isEmpty()) {
            ArrayNode d = o.putArray("depends_on");
            t.dependsOn().forEach(d::add);
        }
        map(o, "labels", t.labels());
        map(o, "node_selector", t.nodeSelector());
        if (!t.constraints().isEmpty()) {
            ArrayNode c = o.putArray("constraints");
            t.constraints().forEach(c::add);
        }
        PodConstraintsFields.write(o, t.podConstraints());
        o.set("sim", sim(t.sim()));
        return o;
    }

    private static ObjectNode sim(SimProfile p) {
        ObjectNode s = F.objectNode();
        long[] d = p.durationsMicros();
        if (d.length == 1) {
            s.set("duration_s", seconds(d[0]));
        } else {
            ArrayNode a = s.putArray("duration_s");
            for (long x : d) a.add(seconds(x));
        }
        if (p.failureProbability() > 0) s.put("fail_probability", p.failureProbability());
        return s;
    }

    private static JsonNode seconds(long micros) {
        if (micros < 0) return F.textNode("forever");
        if (micros % 1_000_000L == 0) return F.numberNode(micros / 1_000_000L);
        return F.numberNode(BigDecimal.valueOf(micros, 6).stripTrailingZeros()); // exact, and never in E-notation (scale > 0)
    }

    private static void map(ObjectNode o, String key, Map<String, String> m) {
        if (m.isEmpty()) return;
        ObjectNode x = o.putObject(key);
        m.forEach(x::put);
    }
}
