package org.mesocosm.runtime.model;

import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.constraints.PodConstraints;
import org.mesocosm.runtime.model.gpu.GpuDemand;

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
 * @param secrets named secrets handed to the task at launch, as env vars or sandbox files (live mode; names only, never values)
 * @param dependsOn names of steps that must finish first (pipelines only)
 * @param labels labels for placement constraints and reporting
 * @param nodeSelector agent attributes an instance requires (all must match)
 * @param constraints Marathon-style placement constraints, e.g. {@code hostname:UNIQUE}, {@code rack:CLUSTER:r1}
 *        (see {@link PlacementConstraint}); checked by the offer frameworks
 * @param podConstraints Kubernetes-style constraints (tolerations, node and pod affinity, topology
 *                       spread); {@link PodConstraints#NONE} if none. Policies that do not place
 *                       pods (offers) ignore them.
 * @param usage what an instance actually uses, at most its request on every dimension; null when
 *              unknown (then it is taken to use all of its request). Lets Borg-style policies
 *              reclaim allocated-but-unused resources.
 * @param gpu what an instance asks of GPU devices ({@link GpuDemand#NONE} if nothing): the master
 *            picks the device(s) on the node it places the instance on. A whole-GPU demand's device
 *            count is also {@code request.gpus}; a sharing demand counts no whole GPU there.
 */
public record TaskSpec(String name, int instances, Resources request, SimProfile sim, String command,
                       Map<String, String> env, List<SecretRef> secrets, List<String> dependsOn,
                       Map<String, String> labels, Map<String, String> nodeSelector, List<String> constraints,
                       PodConstraints podConstraints, Resources usage, GpuDemand gpu) {

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
        podConstraints = podConstraints == null ? PodConstraints.NONE : podConstraints;
        if (usage != null && !request.fits(usage)) {
            throw new IllegalArgumentException("task '" + name + "': usage " + usage + " exceeds request " + request);
        }
        gpu = gpu == null ? GpuDemand.NONE : gpu;
        // a bare GPU count means whole devices: the master books devices for it like for a spec's gpus
        if (gpu.none() && request.gpus() > 0 && request.gpus() <= GpuDemand.MAX_GPUS) {
            gpu = new GpuDemand((int) request.gpus(), GpuDemand.DEVICE_MILLI, List.of());
        }
        long wholeGpus = gpu.whole() ? gpu.gpus() : 0;
        if (!gpu.none() && request.gpus() != wholeGpus) {
            throw new IllegalArgumentException("task '" + name + "': request gpus " + request.gpus() + " must be " + wholeGpus
                    + " for gpu demand " + gpu.gpus() + " x " + gpu.milli() + " milli");
        }
    }

    /** Without a GPU device demand (the shape before the master tracked devices). */
    public TaskSpec(String name, int instances, Resources request, SimProfile sim, String command,
                    Map<String, String> env, List<SecretRef> secrets, List<String> dependsOn,
                    Map<String, String> labels, Map<String, String> nodeSelector, List<String> constraints,
                    PodConstraints podConstraints, Resources usage) {
        this(name, instances, request, sim, command, env, secrets, dependsOn, labels, nodeSelector, constraints,
                podConstraints, usage, GpuDemand.NONE);
    }

    /** Without placement constraints, pod constraints or usage (the shape before those existed). */
    public TaskSpec(String name, int instances, Resources request, SimProfile sim, String command,
                    Map<String, String> env, List<SecretRef> secrets, List<String> dependsOn,
                    Map<String, String> labels, Map<String, String> nodeSelector) {
        this(name, instances, request, sim, command, env, secrets, dependsOn, labels, nodeSelector, null, null, null);
    }

    /** A simulation-only task group. */
    public static TaskSpec simulated(String name, int instances, Resources request, SimProfile sim) {
        return new TaskSpec(name, instances, request, sim, null, null, null, null, null, null);
    }

    public TaskSpec withDependsOn(List<String> deps) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, deps, labels, nodeSelector,
                constraints, podConstraints, usage, gpu);
    }

    public TaskSpec withNodeSelector(Map<String, String> selector) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, dependsOn, labels, selector,
                constraints, podConstraints, usage, gpu);
    }

    public TaskSpec withConstraints(List<String> placementConstraints) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, dependsOn, labels, nodeSelector,
                placementConstraints, podConstraints, usage, gpu);
    }

    public TaskSpec withLabels(Map<String, String> l) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, dependsOn, l, nodeSelector,
                constraints, podConstraints, usage, gpu);
    }

    public TaskSpec withPodConstraints(PodConstraints c) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, dependsOn, labels, nodeSelector,
                constraints, c, usage, gpu);
    }

    public TaskSpec withSecrets(List<SecretRef> refs) {
        return new TaskSpec(name, instances, request, sim, command, env, refs, dependsOn, labels, nodeSelector,
                constraints, podConstraints, usage, gpu);
    }

    /** @param u what an instance really uses (null = unknown, i.e. its whole request) */
    public TaskSpec withUsage(Resources u) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, dependsOn, labels, nodeSelector,
                constraints, podConstraints, u, gpu);
    }

    /** With a GPU device demand; the request's gpus must be its whole-device count (0 for a share). */
    public TaskSpec withGpu(GpuDemand g) {
        return new TaskSpec(name, instances, request, sim, command, env, secrets, dependsOn, labels, nodeSelector,
                constraints, podConstraints, usage, g);
    }

    /** What an instance uses: {@link #usage} if known, else its whole request. */
    public Resources effectiveUsage() {
        return usage == null ? request : usage;
    }
}
