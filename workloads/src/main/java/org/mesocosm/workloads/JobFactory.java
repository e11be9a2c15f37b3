package org.mesocosm.workloads;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.EnumeratedDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.UniformIntegerDistribution;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.FastMath;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * Draws the content of jobs. Each purpose has its own named stream, and services draw from
 * streams of their own, so how batch jobs and services interleave in time never changes what
 * either of them looks like.
 */
final class JobFactory {
    static final int MIN_PIPELINE_STEPS = 3;
    static final int MAX_PIPELINE_STEPS = 5;
    /**
     * Share of batch and pipeline jobs that are best effort (Borg's free tier, below the batch
     * band), so that priority-aware policies (k8s, borg) have something to preempt.
     */
    static final double BEST_EFFORT_SHARE = 0.3;
    static final int BEST_EFFORT_PRIORITY = 0;
    /** Share of batch task groups that carry a usage below their request. */
    static final double BATCH_USAGE_SHARE = 0.5;
    /** Services use this much of their request (uniform), as production tasks in Borg's traces use well under their limits. */
    static final double SERVICE_USAGE_MIN = 0.3, SERVICE_USAGE_MAX = 0.8;
    /** Batch task groups that carry usage use this much of their request (uniform). */
    static final double BATCH_USAGE_MIN = 0.4, BATCH_USAGE_MAX = 1.0;

    /** A service drawn ahead of its arrival, so the stream knows whether another service comes. */
    record ServicePlan(String role, Resources request, int instances) {}

    private final BatchShape batch;
    private final ServiceShape services;
    private final double pipelineFraction;

    private final EnumeratedDistribution<String> batchRoles;
    private final EnumeratedDistribution<Resources> batchRequests;
    private final ZipfDistribution tasksPerJob;
    private final LogNormalDistribution jobDuration;
    private final LogNormalDistribution taskJitter;
    private final RandomGenerator kindRng;
    private final RandomGenerator pipelineRng;
    /** Own streams, so bands and usage never shift the draws of anything else. */
    private final RandomGenerator bandRng;
    private final RandomGenerator usageRng;

    private final EnumeratedDistribution<String> serviceRoles;
    private final EnumeratedDistribution<Resources> serviceRequests;
    private final UniformIntegerDistribution serviceInstances;
    private final long[] serviceBudget;
    private final long[] serviceUsed = new long[LoadModel.DIMS];

    JobFactory(MixedWorkload.Settings settings, RandomStreams streams) {
        this.batch = settings.batch();
        this.services = settings.services();
        this.pipelineFraction = settings.pipelineFraction();

        batchRoles = Weighted.distribution(StreamRandom.of(streams, "roles"), batch.roles());
        batchRequests = Weighted.distribution(StreamRandom.of(streams, "requests"), batch.requests());
        tasksPerJob = new ZipfDistribution(StreamRandom.of(streams, "job-shape"), batch.maxTasksPerJob(),
                batch.tasksPerJobExponent());
        RandomGenerator durations = StreamRandom.of(streams, "durations");
        // LogNormalDistribution wants a strictly positive shape; a tiny one is indistinguishable from none.
        jobDuration = new LogNormalDistribution(durations, FastMath.log(batch.medianDurationMicros()),
                Math.max(batch.jobDurationSigma(), 1e-12));
        taskJitter = new LogNormalDistribution(durations, 0, Math.max(batch.taskDurationSigma(), 1e-12));
        kindRng = StreamRandom.of(streams, "job-kind");
        pipelineRng = StreamRandom.of(streams, "pipelines");
        bandRng = StreamRandom.of(streams, "priority-bands");
        usageRng = StreamRandom.of(streams, "usage");

        serviceRoles = Weighted.distribution(StreamRandom.of(streams, "service-roles"), services.roles());
        serviceRequests = Weighted.distribution(StreamRandom.of(streams, "service-requests"), services.requests());
        serviceInstances = new UniformIntegerDistribution(StreamRandom.of(streams, "service-shape"),
                services.minInstances(), services.maxInstances());
        double[] cap = LoadModel.vector(settings.clusterCapacity());
        serviceBudget = new long[LoadModel.DIMS];
        for (int d = 0; d < LoadModel.DIMS; d++) serviceBudget[d] = (long) Math.floor(settings.serviceShare() * cap[d]);
    }

    /**
     * The next service, or null once the services' budget is spent. The last service is trimmed
     * to what is left of the budget, so the services' share lands on target even on small clusters
     * where one service could be a large slice of the whole.
     */
    ServicePlan planService() {
        Resources request = serviceRequests.sample();
        int wanted = serviceInstances.sample();
        String role = serviceRoles.sample();
        long[] req = {request.cpuMillis(), request.memMiB(), request.diskMiB(), request.gpus()};
        long fit = Long.MAX_VALUE;
        for (int d = 0; d < LoadModel.DIMS; d++) {
            if (req[d] > 0) fit = Math.min(fit, (serviceBudget[d] - serviceUsed[d]) / req[d]);
        }
        int instances = (int) Math.min(wanted, fit);
        if (instances < 1) return null;
        for (int d = 0; d < LoadModel.DIMS; d++) serviceUsed[d] += req[d] * instances;
        return new ServicePlan(role, request, instances);
    }

    JobSpec service(String id, ServicePlan plan) {
        TaskSpec replicas = TaskSpec.simulated("server", plan.instances(), plan.request(), SimProfile.FOREVER)
                .withUsage(usage(plan.request(), SERVICE_USAGE_MIN, SERVICE_USAGE_MAX));
        return new JobSpec(id, plan.role(), JobKind.SERVICE, services.priority(), List.of(replicas), 0);
    }

    /** A batch job, or with probability pipelineFraction a pipeline. */
    JobSpec batchOrPipeline(String id) {
        boolean pipeline = pipelineFraction > 0 && kindRng.nextDouble() < pipelineFraction;
        String role = batchRoles.sample();
        int priority = bandRng.nextDouble() < BEST_EFFORT_SHARE ? Math.min(BEST_EFFORT_PRIORITY, batch.priority()) : batch.priority();
        if (!pipeline) {
            return new JobSpec(id, role, JobKind.BATCH, priority, List.of(taskGroup("task")), batch.maxRetries());
        }
        int steps = MIN_PIPELINE_STEPS + pipelineRng.nextInt(MAX_PIPELINE_STEPS - MIN_PIPELINE_STEPS + 1);
        boolean fan = pipelineRng.nextBoolean();
        List<TaskSpec> tasks = new ArrayList<>(steps);
        for (int i = 1; i <= steps; i++) tasks.add(taskGroup("step" + i).withDependsOn(dependencies(i, steps, fan)));
        return new JobSpec(id, role, JobKind.PIPELINE, priority, tasks, batch.maxRetries());
    }

    /**
     * A chain step1 -> step2 -> ... or a fan: step1 feeds every middle step in parallel and the
     * last step joins them (with three steps the two coincide).
     */
    private static List<String> dependencies(int step, int steps, boolean fan) {
        if (step == 1) return List.of();
        if (!fan || step < steps) return List.of(fan ? "step1" : "step" + (step - 1));
        List<String> middle = new ArrayList<>(steps - 2);
        for (int i = 2; i < steps; i++) middle.add("step" + i);
        return middle;
    }

    private TaskSpec taskGroup(String name) {
        int instances = tasksPerJob.sample();
        Resources request = batchRequests.sample();
        TaskSpec t = TaskSpec.simulated(name, instances, request,
                new SimProfile(durations(instances), batch.failureProbability()));
        return usageRng.nextDouble() < BATCH_USAGE_SHARE ? t.withUsage(usage(request, BATCH_USAGE_MIN, BATCH_USAGE_MAX)) : t;
    }

    /** A usage of {@code min..max} of the request, the same fraction on every dimension, rounded down. */
    private Resources usage(Resources request, double min, double max) {
        double f = min + (max - min) * usageRng.nextDouble();
        return new Resources((long) (request.cpuMillis() * f), (long) (request.memMiB() * f), (long) (request.diskMiB() * f),
                (long) (request.gpus() * f));
    }

    private long[] durations(int instances) {
        double typical = jobDuration.sample();
        long[] out = new long[instances];
        for (int i = 0; i < instances; i++) {
            double d = batch.taskDurationSigma() > 0 ? typical * taskJitter.sample() : typical;
            out[i] = Math.max(batch.minDurationMicros(), Math.min(batch.maxDurationMicros(), Math.round(d)));
        }
        return out;
    }
}
