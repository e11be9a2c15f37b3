package org.mesocosm.workloads;

import org.mesocosm.runtime.model.Resources;

/**
 * The knobs of {@link GoogleLikeWorkload}, with defaults calibrated to the Google 2011 trace.
 *
 * <p>Published figures used (and only these):
 * <ul>
 *   <li>the trace covers 29 days of one cell of about 12.5k machines; priorities 0-11, 0-1 "free",
 *       9-11 "production" (google/cluster-data, ClusterData2011_2.md);</li>
 *   <li>"over 25 million tasks across over 12,500 hosts" (Di, Kondo, Cirne, "Characterization and
 *       comparison of cloud versus grid workloads", IEEE CLUSTER 2012, abstract), and about
 *       670,000 jobs (the count reported by analyses of the trace, e.g. Reiss et al., SoCC 2012):
 *       so about 963 jobs and 36,600 tasks per hour, about 38 tasks per job on average;</li>
 *   <li>the machine mix of Reiss et al., SoCC 2012, Table 1 ({@link GoogleCell});</li>
 *   <li>qualitatively, from Reiss et al., SoCC 2012: most jobs have one task while a few have
 *       thousands; most jobs are short (minutes) and a minority long-running; production tasks
 *       hold much of the cell's allocation; per-task requests are small fractions of a machine.</li>
 * </ul>
 * Modelling assumptions (not published figures, chosen to meet the figures above): 70% of jobs
 * have one task and the rest a log-normal count (median 35, sigma 1.6, at most 20,000), which
 * gives a mean of about 38; a job mix of 25% free, 68% batch, 7% production; log-normal task run
 * times with medians of 4 min (free), 10 min (batch), 60 min (production); per-job requests
 * log-normal around 0.025 CPU and 0.02 memory of the largest machine; a daily cycle of +-20% in
 * the arrival rate; and long-running production services holding 30% of the CPU from the start
 * (the trace's time-0 snapshot of running services).
 *
 * @param machines cell size the arrival rates are scaled to (the trace: 12,500)
 * @param capacity total capacity of the cluster the services' standing load is sized against
 * @param largest the machine that normalized requests refer to (1.0 CPU, 1.0 memory)
 * @param days how long jobs keep arriving
 * @param jobsPerHourPerMachine arrival rate per machine (0.077: 963 jobs/h over 12,500 machines)
 * @param diurnalAmplitude relative swing of the arrival rate over a day (0 = flat)
 * @param singleTaskShare share of jobs with exactly one task
 * @param multiTaskMedian median task count of the other jobs (log-normal)
 * @param multiTaskSigma log-normal shape of that count
 * @param maxTasksPerJob cap on the task count
 * @param freeShare share of jobs at free priorities (0-1)
 * @param productionShare share of jobs at production priorities (9-11); the rest is batch (2-8)
 * @param freeDuration run time of free tasks
 * @param batchDuration run time of batch tasks
 * @param productionDuration run time of production tasks that arrive during the window
 * @param cpuRequest per-task CPU request, as a fraction of the largest machine
 * @param memRequest per-task memory request, as a fraction of the largest machine
 * @param serviceLoad CPU share of {@code capacity} held by long-running services from time 0
 */
public record GoogleLikeSettings(int machines, Resources capacity, Resources largest, double days, double jobsPerHourPerMachine,
                                 double diurnalAmplitude, double singleTaskShare, double multiTaskMedian, double multiTaskSigma,
                                 int maxTasksPerJob, double freeShare, double productionShare, LogNormal freeDuration,
                                 LogNormal batchDuration, LogNormal productionDuration, LogNormal cpuRequest, LogNormal memRequest,
                                 double serviceLoad) {

    /** A log-normal by its median and shape, clamped to [min, max]. */
    public record LogNormal(double median, double sigma, double min, double max) {
        public LogNormal {
            if (!(median > 0 && sigma >= 0 && min >= 0 && max >= min && median >= min && median <= max)) {
                throw new IllegalArgumentException("bad log-normal: median=" + median + " sigma=" + sigma + " in [" + min + ", " + max + "]");
            }
        }
    }

    public static final int TRACE_MACHINES = 12_500;
    public static final double TRACE_DAYS = 29;
    /** 670,000 jobs / (29 days x 24 h) / 12,500 machines. */
    public static final double JOBS_PER_HOUR_PER_MACHINE = 670_000.0 / (TRACE_DAYS * 24) / TRACE_MACHINES;
    private static final double MINUTE = 60e6;

    public GoogleLikeSettings {
        if (machines < 1) throw new IllegalArgumentException("machines must be >= 1: " + machines);
        if (capacity == null || capacity.cpuMillis() <= 0 || capacity.memMiB() <= 0) throw new IllegalArgumentException("capacity needs cpu and memory");
        if (largest == null || largest.cpuMillis() <= 0 || largest.memMiB() <= 0) throw new IllegalArgumentException("largest machine needs cpu and memory");
        if (!(days > 0 && days <= 366)) throw new IllegalArgumentException("days must be in (0, 366]: " + days);
        if (!(jobsPerHourPerMachine > 0)) throw new IllegalArgumentException("arrival rate must be > 0");
        if (!(diurnalAmplitude >= 0 && diurnalAmplitude < 1)) throw new IllegalArgumentException("diurnal amplitude must be in [0, 1)");
        if (!(singleTaskShare >= 0 && singleTaskShare <= 1)) throw new IllegalArgumentException("singleTaskShare must be in [0, 1]");
        if (!(multiTaskMedian >= 2) || !(multiTaskSigma >= 0) || maxTasksPerJob < 2) throw new IllegalArgumentException("bad task-count model");
        if (!(freeShare >= 0 && productionShare >= 0 && freeShare + productionShare <= 1)) throw new IllegalArgumentException("bad priority mix");
        if (!(serviceLoad >= 0 && serviceLoad < 1)) throw new IllegalArgumentException("serviceLoad must be in [0, 1)");
        if (freeDuration == null || batchDuration == null || productionDuration == null || cpuRequest == null || memRequest == null) {
            throw new IllegalArgumentException("distributions are required");
        }
        if (cpuRequest.max() > 1 || memRequest.max() > 1) throw new IllegalArgumentException("requests are fractions of the largest machine (<= 1)");
    }

    /** The calibrated defaults for a cluster of {@code nodes} machines of {@code node} (29 days). */
    public static GoogleLikeSettings forCluster(int nodes, Resources node) {
        return new GoogleLikeSettings(nodes, node.times(nodes), ClusterShapes.DEFAULT_NODE, TRACE_DAYS, JOBS_PER_HOUR_PER_MACHINE,
                0.2, 0.70, 35, 1.6, 20_000, 0.25, 0.07,
                new LogNormal(4 * MINUTE, 1.5, 1e6, 7 * 1440 * MINUTE),
                new LogNormal(10 * MINUTE, 1.6, 1e6, 7 * 1440 * MINUTE),
                new LogNormal(60 * MINUTE, 1.5, 1e6, 7 * 1440 * MINUTE),
                new LogNormal(0.025, 0.8, 0.001, 0.5),
                new LogNormal(0.02, 0.9, 0.0005, 0.5),
                0.30);
    }

    /** The full cell: 12,500 default machines, a month of arrivals. */
    public static GoogleLikeSettings fullCell() {
        return forCluster(TRACE_MACHINES, ClusterShapes.DEFAULT_NODE);
    }

    public GoogleLikeSettings withDays(double d) {
        return new GoogleLikeSettings(machines, capacity, largest, d, jobsPerHourPerMachine, diurnalAmplitude, singleTaskShare,
                multiTaskMedian, multiTaskSigma, maxTasksPerJob, freeShare, productionShare, freeDuration, batchDuration,
                productionDuration, cpuRequest, memRequest, serviceLoad);
    }

    /**
     * The same workload with the services' standing load sized against {@code c}: for a cell whose
     * machines are not all the default node (the Google cell's Table 1 mix, {@link GoogleCell}).
     */
    public GoogleLikeSettings withCapacity(Resources c) {
        return new GoogleLikeSettings(machines, c, largest, days, jobsPerHourPerMachine, diurnalAmplitude, singleTaskShare,
                multiTaskMedian, multiTaskSigma, maxTasksPerJob, freeShare, productionShare, freeDuration, batchDuration,
                productionDuration, cpuRequest, memRequest, serviceLoad);
    }

    public GoogleLikeSettings withServiceLoad(double v) {
        return new GoogleLikeSettings(machines, capacity, largest, days, jobsPerHourPerMachine, diurnalAmplitude, singleTaskShare,
                multiTaskMedian, multiTaskSigma, maxTasksPerJob, freeShare, productionShare, freeDuration, batchDuration,
                productionDuration, cpuRequest, memRequest, v);
    }

    public GoogleLikeSettings withDiurnalAmplitude(double v) {
        return new GoogleLikeSettings(machines, capacity, largest, days, jobsPerHourPerMachine, v, singleTaskShare,
                multiTaskMedian, multiTaskSigma, maxTasksPerJob, freeShare, productionShare, freeDuration, batchDuration,
                productionDuration, cpuRequest, memRequest, serviceLoad);
    }

    /** Mean jobs per hour over a day. */
    public double jobsPerHour() {
        return jobsPerHourPerMachine * machines;
    }

    public long windowMicros() {
        return Math.round(days * 86_400e6);
    }
}
