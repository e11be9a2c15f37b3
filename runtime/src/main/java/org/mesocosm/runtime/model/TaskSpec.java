package org.mesocosm.runtime.model;

import java.util.List;
import java.util.Map;

/**
 * One group of identical task instances inside a job: a service's replicas, a batch job's tasks,
 * or one step of a pipeline.
 *
 * @param name unique within the job; pipeline steps refer to each other by name
 * @param instances how many instances to run
 * @param request resources each instance asks for
 * @param sim behaviour in simulation (duration, failure chance)
 * @param command shell command in live mode (null in simulation-only workloads)
 * @param env environment variables in live mode
 * @param secrets names of secrets passed to the task at launch (live mode)
 * @param dependsOn names of steps that must finish first (pipelines only)
 * @param labels labels for placement constraints and reporting
 * @param nodeSelector agent attributes an instance requires (all must match)
 * @param constraints Marathon-style placement constraints, e.g. {@code hostname:UNIQUE}, {@code rack:CLUSTER:r1}
 *        (see {@link PlacementConstraint}); checked by the offer frameworks
 */
public record TaskSpec(String name, int instances, Resources request, SimProfile sim, String command,
                       Map<String, String> env, List<String> secrets, List<String> dependsOn,
                       Map<String, String> labels, Map<String, String> nodeSelector, List<String> constraints) {

    public TaskSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("task name must not be blank");
        if (instances < 1) throw new IllegalArgumentException("task '" + name + "': instances must be >= 1");
        if (request == null) throw new IllegalArgumentException("task '" + name + "': request missing");
        if (request.cpuMillis() == 0 && request.memMiB() == 0) {
            throw new IllegalArgumentException("task '" + name + "': request must ask for cpu or memory");
        }
        sim = sim == null ? SimProfile.FOREVER : sim;
        if (sim.durationsMicros().length != 1 && sim.durationsMicros().length != instances) {
            throw new IllegalArgumentException("task '" + name + "': " + sim.durationsMicros().length
                    + " durations for " + instances + " instances");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        for (String c : constraints) {
            try {
                PlacementConstraint.parse(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("task '" + name + "': constraints: " + e.getMessage());
            }
        }
    }

    /** Without placement constraints (the shape before constraints existed). */
    public TaskSpec(String name, int instances, Resources request, SimProfile sim, String command, Map<String, String> env,
                    List<String> secrets, List<String> dependsOn, Map<String, String> labels, Map<String, String> nodeSelector) {
        this(name, instances, request, sim, command, env, secrets, dependsOn, labels, nodeSelector, List.of());
    }

    /** A simulation-only task group. */
    public static TaskSpec simulated(String name, int instances, Resources request, SimProfile sim) {
        return new TaskSpec(name, instances, request, sim, null, null, null, null, null, null);
    }

    public TaskSpec withDependsOn(List<String> deps) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, deps, labels, nodeSelector, constraints);
    }

    public TaskSpec withNodeSelector(Map<String, String> selector) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, dependsOn, labels, selector, constraints);
    }

    public TaskSpec withConstraints(List<String> placementConstraints) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, dependsOn, labels, nodeSelector, placementConstraints);
    }
}
