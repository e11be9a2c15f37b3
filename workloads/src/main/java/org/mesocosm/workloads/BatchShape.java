package org.mesocosm.workloads;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.model.Resources;

/**
 * What batch jobs (and pipeline steps) look like: who submits them, how big their tasks are, how
 * many tasks a job has and how long they run.
 *
 * <p>The numbers are illustrative, not fitted to any trace. Only the qualitative picture is
 * borrowed from the Google 2011 trace analysis by Reiss et al. ("Heterogeneity and dynamicity of
 * clouds at scale: Google trace analysis", SoCC 2012): requests and durations are heterogeneous
 * and the workload is driven by many short jobs. Hence a table of small shapes with a few
 * memory-heavy and cpu-heavy ones, a Zipf number of tasks per job (most jobs one task, a few
 * hundreds), and log-normal durations with a median of minutes and a tail of hours.
 *
 * @param roles tenants submitting batch and pipeline jobs, with their share of job arrivals
 * @param requests task shapes with their share of jobs (every task of a job or step has one shape)
 * @param medianDurationMicros median task duration
 * @param jobDurationSigma log-normal shape of a job's typical duration across jobs
 * @param taskDurationSigma log-normal spread of its tasks around that typical duration (stragglers)
 * @param minDurationMicros durations are clamped to at least this
 * @param maxDurationMicros and at most this, so one draw cannot outlast the whole experiment
 * @param tasksPerJobExponent Zipf exponent of the number of tasks per job (or pipeline step)
 * @param maxTasksPerJob upper end of that Zipf distribution
 * @param failureProbability chance that one attempt of a task fails
 * @param maxRetries relaunches of a failed task before the job gives up on it
 * @param priority priority of every batch and pipeline job
 */
public record BatchShape(List<Weighted<String>> roles, List<Weighted<Resources>> requests,
                         long medianDurationMicros, double jobDurationSigma, double taskDurationSigma,
                         long minDurationMicros, long maxDurationMicros,
                         double tasksPerJobExponent, int maxTasksPerJob,
                         double failureProbability, int maxRetries, int priority) {

    private static final long SECOND = 1_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    public BatchShape {
        roles = Weighted.requireTable(roles, "batch role");
        requests = Weighted.requireTable(requests, "batch request");
        for (Weighted<String> r : roles) {
            if (r.value().isBlank()) throw new IllegalArgumentException("batch role names must not be blank");
        }
        for (Weighted<Resources> r : requests) {
            if (r.value().cpuMillis() == 0 && r.value().memMiB() == 0) {
                throw new IllegalArgumentException("batch request " + r.value() + " asks for neither cpu nor memory");
            }
        }
        if (minDurationMicros < 1) throw new IllegalArgumentException("minDurationMicros must be >= 1: " + minDurationMicros);
        if (maxDurationMicros < minDurationMicros) {
            throw new IllegalArgumentException("maxDurationMicros " + maxDurationMicros + " < minDurationMicros " + minDurationMicros);
        }
        if (medianDurationMicros < minDurationMicros || medianDurationMicros > maxDurationMicros) {
            throw new IllegalArgumentException("medianDurationMicros " + medianDurationMicros + " outside ["
                    + minDurationMicros + ", " + maxDurationMicros + "]");
        }
        requireSigma(jobDurationSigma, "jobDurationSigma");
        requireSigma(taskDurationSigma, "taskDurationSigma");
        if (!(tasksPerJobExponent > 0 && tasksPerJobExponent <= 10)) {
            throw new IllegalArgumentException("tasksPerJobExponent must be in (0, 10]: " + tasksPerJobExponent);
        }
        if (maxTasksPerJob < 1) throw new IllegalArgumentException("maxTasksPerJob must be >= 1: " + maxTasksPerJob);
        if (!(failureProbability >= 0 && failureProbability < 1)) {
            throw new IllegalArgumentException("failureProbability must be in [0, 1): " + failureProbability);
        }
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
    }

    private static void requireSigma(double sigma, String name) {
        // Above ~4 a log-normal's mean is dominated by draws the clamp cuts off, so the load model misleads.
        if (!(sigma >= 0 && sigma <= 4)) throw new IllegalArgumentException(name + " must be in [0, 4]: " + sigma);
    }

    public static BatchShape defaults() {
        return new BatchShape(
                List.of(Weighted.of("analytics", 0.40), Weighted.of("etl", 0.25), Weighted.of("ml", 0.20),
                        Weighted.of("dev", 0.15)),
                List.of(Weighted.of(Resources.of(250, 512), 0.20),
                        Weighted.of(Resources.of(500, 1024), 0.22),
                        Weighted.of(Resources.of(1000, 2048), 0.22),
                        Weighted.of(Resources.of(2000, 4096), 0.14),
                        Weighted.of(Resources.of(4000, 8192), 0.08),
                        Weighted.of(Resources.of(1000, 8192), 0.08),   // memory-heavy
                        Weighted.of(Resources.of(4000, 2048), 0.06)),  // cpu-heavy
                20 * MINUTE, 1.2, 0.4, SECOND, 12 * HOUR,
                2.0, 200,
                0.02, 3, 100);
    }

    /** Drops the shapes that cannot fit on one node: a task bigger than every node is never placed. */
    public BatchShape fitting(Resources node) {
        List<Weighted<Resources>> kept = new ArrayList<>();
        for (Weighted<Resources> r : requests) if (node.fits(r.value())) kept.add(r);
        if (kept.isEmpty()) throw new IllegalArgumentException("no batch task shape fits on a node of " + node);
        return withRequests(kept);
    }

    public BatchShape withRequests(List<Weighted<Resources>> newRequests) {
        return new BatchShape(roles, newRequests, medianDurationMicros, jobDurationSigma, taskDurationSigma,
                minDurationMicros, maxDurationMicros, tasksPerJobExponent, maxTasksPerJob, failureProbability,
                maxRetries, priority);
    }

    public BatchShape withMaxTasksPerJob(int newMax) {
        return new BatchShape(roles, requests, medianDurationMicros, jobDurationSigma, taskDurationSigma,
                minDurationMicros, maxDurationMicros, tasksPerJobExponent, newMax, failureProbability,
                maxRetries, priority);
    }
}
