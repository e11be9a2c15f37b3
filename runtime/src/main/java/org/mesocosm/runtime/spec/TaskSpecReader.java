package org.mesocosm.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.PlacementConstraint;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SecretRef;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskEnv;
import org.mesocosm.runtime.model.TaskSpec;

/** Reads one entry of a spec's {@code tasks} list. */
final class TaskSpecReader {
    private static final Set<String> TASK_FIELDS = JobSpecReader.fields("name", "instances", "cpus", "cpu_m", "mem", "disk", "gpus",
            "gpu_milli", "gpu_model", "command", "env", "secrets", "depends_on", "labels", "node_selector", "constraints", "sim",
            "node_affinity", "pod_affinity", "pod_anti_affinity", "topology_spread");
    private static final Set<String> SIM_FIELDS = JobSpecReader.fields("duration_s", "fail_probability");
    /** Simulated run time of a batch, pipeline or cron task whose spec gives none. */
    static final long DEFAULT_SIM_DURATION_MICROS = 60_000_000L;
    private static final long MAX_INSTANCES = JobSpecReader.MAX_INSTANCES;
    private static final int MAX_COMMAND_CHARS = 65_536;

    private TaskSpecReader() {}

    static TaskSpec read(JsonNode node, String path, JobKind kind) {
        SpecObject o = new SpecObject(node, path, TASK_FIELDS);
        String name = o.name("name", null, JobSpecReader.NAME, JobSpecReader.NAME_RULE);
        if (name == null) throw new SpecError(o.path("name"), "is required");
        int instances = (int) o.integer("instances", 1, 1, MAX_INSTANCES);
        long cpu = cpuMillis(o);
        if (!o.has("mem")) throw new SpecError(o.path("mem"), "is required (MiB, e.g. 512)");
        Resources request = new Resources(cpu, o.integer("mem", 0, 1, 1L << 40),
                o.integer("disk", 0, 0, 1L << 40), o.integer("gpus", 0, 0, 1024));
        String command = o.string("command", null);
        if (command != null && command.isBlank()) throw new SpecError(o.path("command"), "must not be blank");
        if (command != null && command.length() > MAX_COMMAND_CHARS) {
            throw new SpecError(o.path("command"), "longer than " + MAX_COMMAND_CHARS + " characters");
        }
        Map<String, String> env = o.stringMap("env", JobSpecReader.ENV_NAME, JobSpecReader.ENV_RULE);
        for (String var : env.keySet()) {
            String refusal = TaskEnv.refusal(var);
            if (refusal != null) throw new SpecError(o.path("env") + "." + var, refusal);
        }
        List<SecretRef> secrets = SecretRefReader.read(o.raw("secrets"), o.path("secrets"), env.keySet());
        List<String> deps = o.stringList("depends_on");
        if (!deps.isEmpty() && kind != JobKind.PIPELINE && kind != JobKind.CRON) {
            throw new SpecError(o.path("depends_on"), "only pipeline and cron jobs have dependencies (kind is "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String d : deps) if (!seen.add(d)) throw new SpecError(o.path("depends_on"), "lists '" + d + "' twice");
        Map<String, String> labels = o.stringMap("labels", null, null);
        Map<String, String> selector = o.stringMap("node_selector", null, null);
        List<String> constraints = o.stringList("constraints");
        for (int i = 0; i < constraints.size(); i++) {
            try {
                PlacementConstraint.parse(constraints.get(i));
            } catch (IllegalArgumentException e) {
                throw new SpecError(o.path("constraints") + "[" + i + "]", e.getMessage());
            }
        }
        org.mesocosm.runtime.model.constraints.PodConstraints pod = PodConstraintsFields.read(o);
        GpuSpecFields.Applied gpu = GpuSpecFields.apply(o, request);
        SimProfile sim = sim(o, kind, instances);
        o.finish();
        return new TaskSpec(name, instances, gpu.request(), sim, command, env, secrets, deps, labels, selector)
                .withConstraints(constraints).withGpu(gpu.gpu()).withPodConstraints(pod);
    }

    /** {@code cpus} (cores, up to three decimals) or {@code cpu_m} (millicores): exactly one. */
    private static long cpuMillis(SpecObject o) {
        boolean cores = o.has("cpus");
        boolean millis = o.has("cpu_m");
        if (cores && millis) throw new SpecError(o.path("cpus"), "give cpus or cpu_m, not both");
        if (millis) return o.integer("cpu_m", 0, 1, 1L << 40);
        BigDecimal c = o.decimal("cpus");
        if (c == null) throw new SpecError(o.path("cpus"), "is required (cores, e.g. 0.5; or cpu_m in millicores)");
        if (c.signum() <= 0) throw new SpecError(o.path("cpus"), "must be > 0, got " + c.toPlainString());
        BigDecimal m = c.movePointRight(3);
        if (m.stripTrailingZeros().scale() > 0) throw new SpecError(o.path("cpus"), "at most three decimals (millicores), got " + c.toPlainString());
        if (m.compareTo(BigDecimal.valueOf(1L << 40)) > 0) throw new SpecError(o.path("cpus"), "is too large");
        return m.longValueExact();
    }

    private static SimProfile sim(SpecObject o, JobKind kind, int instances) {
        long dflt = kind == JobKind.SERVICE ? -1 : DEFAULT_SIM_DURATION_MICROS;
        SpecObject s = o.object("sim", SIM_FIELDS);
        if (s == null) return SimProfile.fixed(dflt, 0);
        JsonNode d = s.raw("duration_s");
        long[] durations;
        if (d == null) {
            durations = new long[] {dflt};
        } else if (d.isNumber() || d.isTextual()) {
            durations = new long[] {seconds(d, s.path("duration_s"))};
        } else if (d.isArray()) {
            if (d.size() != instances) {
                throw new SpecError(s.path("duration_s"), "has " + d.size() + " durations for " + instances + " instances");
            }
            durations = new long[d.size()];
            for (int i = 0; i < d.size(); i++) durations[i] = seconds(d.get(i), s.path("duration_s") + "[" + i + "]");
        } else {
            throw new SpecError(s.path("duration_s"), "must be seconds, a list of seconds (one per instance), or \"forever\"" + SpecObject.found(d));
        }
        BigDecimal p = s.decimal("fail_probability");
        double fail = p == null ? 0 : p.doubleValue();
        if (!(fail >= 0 && fail <= 1)) throw new SpecError(s.path("fail_probability"), "must be between 0 and 1, got " + p);
        s.finish();
        return new SimProfile(durations, fail);
    }

    private static long seconds(JsonNode n, String path) {
        if (n.isTextual() && n.textValue().equals("forever")) return -1;
        if (!n.isNumber()) throw new SpecError(path, "must be a number of seconds" + SpecObject.found(n));
        BigDecimal s = n.decimalValue();
        if (s.signum() < 0) throw new SpecError(path, "must be >= 0 (or \"forever\")");
        BigDecimal us = s.movePointRight(6);
        if (us.stripTrailingZeros().scale() > 0) throw new SpecError(path, "finer than a microsecond");
        if (us.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) throw new SpecError(path, "is too large");
        return us.longValueExact();
    }
}
