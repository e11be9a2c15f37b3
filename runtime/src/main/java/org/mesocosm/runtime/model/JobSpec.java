package org.mesocosm.runtime.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.cron.CronSchedule;

/**
 * What a user submits: the same spec for live submissions and simulated workloads.
 *
 * @param id unique job id
 * @param role the role (tenant) whose share the job's tasks count against; a path such as {@code eng/batch}
 *        for hierarchical roles
 * @param kind service, batch, cron or pipeline
 * @param priority larger is more important (Borg-style bands are ranges of this)
 * @param tasks task groups; a pipeline's groups form a DAG through {@code dependsOn}
 * @param maxRetries how many times a failed instance is relaunched (batch, pipeline); services always relaunch
 * @param cron when a cron job runs; required for {@link JobKind#CRON}, null for every other kind
 * @param framework the framework that places the job's tasks under a two-level policy ({@code mesos}): one of
 *        {@link #FRAMEWORKS}; null to route by kind (services to marathon, everything else to jobs). Other
 *        policies ignore it.
 */
public record JobSpec(String id, String role, JobKind kind, int priority, List<TaskSpec> tasks, int maxRetries, CronSchedule cron,
        String framework) {

    /** The framework names a job may ask for, in the order they are documented. */
    public static final List<String> FRAMEWORKS = List.of("marathon", "jobs", "k8s", "spark");

    /** A job of any kind but cron. */
    public JobSpec(String id, String role, JobKind kind, int priority, List<TaskSpec> tasks, int maxRetries) {
        this(id, role, kind, priority, tasks, maxRetries, null);
    }

    /** A job routed by its kind (no framework named). */
    public JobSpec(String id, String role, JobKind kind, int priority, List<TaskSpec> tasks, int maxRetries, CronSchedule cron) {
        this(id, role, kind, priority, tasks, maxRetries, cron, null);
    }

    /** The same job under another id and task groups, with everything else kept (the framework too). */
    public JobSpec with(String newId, List<TaskSpec> newTasks) {
        return new JobSpec(newId, role, kind, priority, newTasks, maxRetries, cron, framework);
    }

    public JobSpec {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("job id must not be blank");
        if (role == null || role.isBlank()) throw new IllegalArgumentException("job '" + id + "': role must not be blank");
        // hierarchical roles are paths (eng/batch): no empty segment, so the role tree is well formed
        if (role.startsWith("/") || role.endsWith("/") || role.contains("//")) {
            throw new IllegalArgumentException("job '" + id + "': role '" + role + "' has an empty path segment");
        }
        if (kind == null) throw new IllegalArgumentException("job '" + id + "': kind missing");
        if (tasks == null || tasks.isEmpty()) throw new IllegalArgumentException("job '" + id + "': no tasks");
        if (maxRetries < 0) throw new IllegalArgumentException("job '" + id + "': maxRetries must be >= 0");
        if ((kind == JobKind.CRON) != (cron != null)) {
            throw new IllegalArgumentException("job '" + id + "': " + (cron == null ? "a cron job needs a schedule" : "only cron jobs have a schedule"));
        }
        if (framework != null && !FRAMEWORKS.contains(framework)) {
            throw new IllegalArgumentException("job '" + id + "': framework '" + framework + "' is not one of " + String.join(", ", FRAMEWORKS));
        }
        tasks = List.copyOf(tasks);
        validateGraph(id, kind, tasks);
    }

    public int totalInstances() {
        int n = 0;
        for (TaskSpec t : tasks) n += t.instances();
        return n;
    }

    private static void validateGraph(String id, JobKind kind, List<TaskSpec> tasks) {
        Map<String, TaskSpec> byName = new HashMap<>();
        for (TaskSpec t : tasks) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("job '" + id + "': duplicate task name '" + t.name() + "'");
            }
        }
        for (TaskSpec t : tasks) {
            if (!t.dependsOn().isEmpty() && kind != JobKind.PIPELINE && kind != JobKind.CRON) {
                throw new IllegalArgumentException("job '" + id + "': depends_on is only allowed in pipelines and cron jobs");
            }
            for (String d : t.dependsOn()) {
                if (!byName.containsKey(d)) {
                    throw new IllegalArgumentException("job '" + id + "': task '" + t.name() + "' depends on unknown task '" + d + "'");
                }
            }
        }
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (TaskSpec t : tasks) checkAcyclic(id, t.name(), byName, done, onPath);
    }

    private static void checkAcyclic(String id, String name, Map<String, TaskSpec> byName, Set<String> done, Set<String> onPath) {
        if (done.contains(name)) return;
        if (!onPath.add(name)) {
            throw new IllegalArgumentException("job '" + id + "': dependency cycle through task '" + name + "'");
        }
        for (String d : byName.get(name).dependsOn()) checkAcyclic(id, d, byName, done, onPath);
        onPath.remove(name);
        done.add(name);
    }
}
