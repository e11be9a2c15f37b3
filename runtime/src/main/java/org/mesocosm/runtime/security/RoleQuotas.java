package org.mesocosm.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Per-role caps on what a role's active jobs may hold at once (mesocosm master --quotas FILE):
 *
 * <pre>
 * quotas:
 *   - role: analytics
 *     max_running_tasks: 20     # tasks pending, staging or running
 *     max_cpus: 8               # cores, summed over those tasks' requests
 *     max_mem: 16384            # MiB, likewise
 * </pre>
 *
 * A role not listed has no quota. Each field is optional (absent: no cap on it).
 */
public final class RoleQuotas {
    /** One role's caps; {@code -1}: no cap. */
    public record Quota(long maxTasks, long maxCpuMillis, long maxMemMiB) {}

    private final Map<String, Quota> byRole;

    private RoleQuotas(Map<String, Quota> byRole) {
        this.byRole = byRole;
    }

    public static RoleQuotas none() { return new RoleQuotas(Map.of()); }

    public static RoleQuotas of(Map<String, Quota> byRole) { return new RoleQuotas(Map.copyOf(byRole)); }

    /** The quota of {@code role}, or null when it has none. */
    public Quota of(String role) { return byRole.get(role); }

    public int size() { return byRole.size(); }

    public static RoleQuotas load(Path file) {
        JsonNode root = SecurityFile.read(file);
        SecurityFile.onlyKeys(file, root, "", Set.of("quotas"));
        JsonNode list = root.path("quotas");
        if (!list.isArray()) throw SecurityFile.error(file, "quotas", "must be a list of {role, max_running_tasks, max_cpus, max_mem}");
        Map<String, Quota> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "quotas[" + i + "]";
            JsonNode q = list.get(i);
            if (!q.isObject()) throw SecurityFile.error(file, at, "must be an object");
            SecurityFile.onlyKeys(file, q, at + ".", Set.of("role", "max_running_tasks", "max_cpus", "max_mem"));
            JsonNode role = q.path("role");
            if (!role.isTextual() || role.asText().isBlank()) throw SecurityFile.error(file, at + ".role", "required: a role name");
            if (out.containsKey(role.asText())) throw SecurityFile.error(file, at + ".role", "role '" + role.asText() + "' has a quota already");
            long tasks = whole(file, q, at, "max_running_tasks");
            long cpus = q.has("max_cpus") ? cpuMillis(file, q.get("max_cpus"), at + ".max_cpus") : -1;
            long mem = whole(file, q, at, "max_mem");
            out.put(role.asText(), new Quota(tasks, cpus, mem));
        }
        return new RoleQuotas(Map.copyOf(out));
    }

    private static long whole(Path file, JsonNode q, String at, String key) {
        if (!q.has(key)) return -1;
        JsonNode v = q.get(key);
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) throw SecurityFile.error(file, at + "." + key, "a whole number >= 0 is required");
        return v.asLong();
    }

    private static long cpuMillis(Path file, JsonNode v, String at) {
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1e12) throw SecurityFile.error(file, at, "a number of cores >= 0 is required");
        return Math.round(v.asDouble() * 1000);
    }
}
