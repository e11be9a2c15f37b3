package org.mesocosm.workloads;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * The built-in synthetic workload: long-running services that arrive during a short ramp, then a
 * Poisson stream of batch jobs and pipelines at the rate that offers the target load.
 *
 * <p>Lazy and deterministic: events are drawn one at a time as {@link #next()} is called, and the
 * same settings and seed give the same events on every machine. Two arrival clocks (services and
 * batch) run side by side and are merged by time, services first on a tie; job ids are handed out
 * in arrival order.
 */
public final class MixedWorkload implements WorkloadSource {

    /**
     * @param clusterCapacity total capacity of the cluster the load is measured against
     * @param load target average offered load on the dominant dimension, as a fraction of capacity
     * @param serviceShare part of that load held by services (the "service fraction"): their
     *                     requests as a fraction of capacity on their dominant dimension
     * @param pipelineFraction fraction of non-service jobs that are pipelines
     * @param totalTasks the stream ends after the job that brings the task instances to this many
     * @param arrivalWindowMicros and no job arrives after this time, whichever comes first
     * @param batch shape of batch jobs and pipeline steps
     * @param services shape of services
     */
    public record Settings(Resources clusterCapacity, double load, double serviceShare, double pipelineFraction,
                           long totalTasks, long arrivalWindowMicros, BatchShape batch, ServiceShape services) {

        /** The share services get by default: a steady backdrop, well under the batch load. */
        public static final double DEFAULT_SERVICE_SHARE = 0.15;
        public static final double DEFAULT_PIPELINE_FRACTION = 0.05;
        /** No time limit: forCluster workloads end on their task count, however long that takes. */
        public static final long UNBOUNDED_WINDOW = Long.MAX_VALUE;
        /** No task limit: a steady workload ends on its arrival window. */
        public static final long UNBOUNDED_TASKS = Long.MAX_VALUE;
        /**
         * How long the steady built-in workloads keep arriving: 6 hours. Batch durations are
         * heavy-tailed (median 20 min, mean 43.6 min, up to 12 h), so the running work only nears
         * its steady level slowly: E[min(D, t)] / E[D] is 0.62 at 1 h, 0.79 at 2 h, 0.87 at 3 h and
         * 0.96 at 6 h. Six hours leave a 2 h warmup and 4 h of measurement.
         */
        public static final long STEADY_WINDOW_MICROS = 6 * 3_600_000_000L;
        /** The warmup that goes with {@link #STEADY_WINDOW_MICROS}: batch occupancy at 79% of its steady level and rising. */
        public static final long STEADY_WARMUP_MICROS = 2 * 3_600_000_000L;

        public Settings {
            if (clusterCapacity == null || clusterCapacity.cpuMillis() == 0 && clusterCapacity.memMiB() == 0) {
                throw new IllegalArgumentException("cluster capacity must have cpu or memory: " + clusterCapacity);
            }
            if (!(load > 0 && load <= 10)) throw new IllegalArgumentException("load must be in (0, 10]: " + load);
            if (!(serviceShare >= 0 && serviceShare <= load)) {
                throw new IllegalArgumentException("serviceShare must be in [0, load=" + load + "]: " + serviceShare);
            }
            if (!(pipelineFraction >= 0 && pipelineFraction <= 1)) {
                throw new IllegalArgumentException("pipelineFraction must be in [0, 1]: " + pipelineFraction);
            }
            if (totalTasks < 1) throw new IllegalArgumentException("totalTasks must be >= 1: " + totalTasks);
            if (arrivalWindowMicros < 1) throw new IllegalArgumentException("arrivalWindowMicros must be >= 1: " + arrivalWindowMicros);
            if (batch == null || services == null) throw new IllegalArgumentException("batch and service shapes are required");
            for (Weighted<Resources> r : batch.requests()) requireFits(clusterCapacity, r.value(), "batch");
            for (Weighted<Resources> r : services.requests()) requireFits(clusterCapacity, r.value(), "service");
        }

        private static void requireFits(Resources capacity, Resources request, String what) {
            if (!capacity.fits(request)) {
                throw new IllegalArgumentException(what + " request " + request + " exceeds the whole cluster " + capacity);
            }
        }

        /** The default cluster: 1,000 default nodes, 50,000 tasks, load 0.7. */
        public static Settings defaults() {
            return forCluster(1000, ClusterShapes.DEFAULT_NODE, 50_000, 0.7);
        }

        /**
         * Settings that offer about {@code load} of the capacity of {@code nodes} nodes of
         * {@code nodeShape}, stopping after {@code targetTasks} task instances.
         *
         * <p>The arithmetic, per resource dimension d, with loads as fractions of capacity C_d:
         * services take s_d, reaching {@link #DEFAULT_SERVICE_SHARE} (or half the load, if
         * smaller) on their dominant dimension. Batch jobs arriving at rate lambda offer
         * b_d = lambda * E[instances per job] * E[request_d] * E[duration] / C_d, where
         * E[instances per job] is the Zipf mean times (1 - p + p * 4) for a pipeline fraction p
         * (pipelines have 3-5 steps), E[request_d] is the weighted mean of the shape table and
         * E[duration] is the mean of the clamped log-normal (see {@code LoadModel}). The rate is
         * lambda = min_d (load - s_d) / (b_d / lambda), so max_d (s_d + b_d) = load. For the
         * default 1,000 x 32-core nodes, cpu is dominant: of 32,000 cores services take 4,800
         * (0.15) and batch must offer 17,600 (0.55). A task asks 1.3 cores on average and runs
         * 43.6 min on average (median 20 min), i.e. 3,400 core-seconds; so 5.2 tasks/s, and at
         * 4.12 tasks per job (Zipf mean 3.58, times 1.15 for pipelines) lambda = 1.26 jobs/s,
         * and 50,000 tasks arrive over about 2.6 hours.
         *
         * <p>The arrival window is unbounded: the task count ends the stream. Shapes that do not
         * fit on one node are dropped, and the largest batch job is kept to
         * about 0.4% of the workload's tasks (between 10 and 1,000) so one job cannot be the
         * whole experiment. Heavy tails make one run's load stray from the expectation; with
         * these settings, 200 seeds on 1,000 nodes gave 0.62 to 0.80 for a target of 0.7, but
         * 0.50 to 1.07 on 20 nodes (1,000 tasks).
         */
        public static Settings forCluster(int nodes, Resources nodeShape, long targetTasks, double load) {
            if (nodes < 1) throw new IllegalArgumentException("nodes must be >= 1: " + nodes);
            if (nodeShape == null) throw new IllegalArgumentException("node shape is required");
            int maxTasksPerJob = (int) Math.max(10, Math.min(1000, targetTasks / 250));
            double serviceShare = Math.min(DEFAULT_SERVICE_SHARE, load / 2);
            return new Settings(nodeShape.times(nodes), load, serviceShare, DEFAULT_PIPELINE_FRACTION, targetTasks,
                    UNBOUNDED_WINDOW, BatchShape.defaults().fitting(nodeShape).withMaxTasksPerJob(maxTasksPerJob),
                    ServiceShape.defaults().fitting(nodeShape));
        }

        public Settings withLoad(double v) {
            return new Settings(clusterCapacity, v, serviceShare, pipelineFraction, totalTasks, arrivalWindowMicros, batch, services);
        }

        public Settings withServiceShare(double v) {
            return new Settings(clusterCapacity, load, v, pipelineFraction, totalTasks, arrivalWindowMicros, batch, services);
        }

        public Settings withPipelineFraction(double v) {
            return new Settings(clusterCapacity, load, serviceShare, v, totalTasks, arrivalWindowMicros, batch, services);
        }

        public Settings withTotalTasks(long v) {
            return new Settings(clusterCapacity, load, serviceShare, pipelineFraction, v, arrivalWindowMicros, batch, services);
        }

        public Settings withArrivalWindowMicros(long v) {
            return new Settings(clusterCapacity, load, serviceShare, pipelineFraction, totalTasks, v, batch, services);
        }

        public Settings withBatch(BatchShape v) {
            return new Settings(clusterCapacity, load, serviceShare, pipelineFraction, totalTasks, arrivalWindowMicros, v, services);
        }

        public Settings withServices(ServiceShape v) {
            return new Settings(clusterCapacity, load, serviceShare, pipelineFraction, totalTasks, arrivalWindowMicros, batch, v);
        }

        /**
         * The same settings as a steady stream: jobs keep arriving at the load's rate for
         * {@code windowMicros}, with no task limit (instead of a task count that arrives in a burst
         * and then drains).
         */
        public Settings steadyFor(long windowMicros) {
            return withTotalTasks(UNBOUNDED_TASKS).withArrivalWindowMicros(windowMicros);
        }

        /** Whether arrivals end on a time (a steady stream) rather than on a task count. */
        public boolean isSteady() {
            return arrivalWindowMicros != UNBOUNDED_WINDOW;
        }

        /**
         * Task instances to expect: the task limit, or for a steady stream about
         * window x batch rate x tasks per job, plus the services' instances, if fewer.
         */
        public long expectedTasks() {
            if (!isSteady()) return totalTasks;
            double services = LoadModel.expectedServices(this) * (this.services.minInstances() + this.services.maxInstances()) / 2.0;
            double batchTasks = arrivalWindowMicros / 1e6 * batchJobsPerSecond() * LoadModel.instancesPerBatchJob(this);
            return Math.min(totalTasks, Math.round(services + batchTasks));
        }

        /** Poisson rate of batch and pipeline jobs that the load target implies. */
        public double batchJobsPerSecond() {
            return LoadModel.batchJobsPerSecond(this);
        }
    }

    private final String name;
    private final Settings settings;
    private final JobFactory factory;
    private final ExponentialDistribution batchGaps;
    private final ExponentialDistribution serviceGaps;

    private JobFactory.ServicePlan pendingService;
    private long serviceAt;
    private boolean batchOpen;
    private long batchAt;
    private long jobs;
    private long tasks;
    private boolean done;

    public MixedWorkload(Settings settings, long seed) {
        this("mixed", settings, seed);
    }

    /** @param name what reports call this workload (the registry passes its own names) */
    public MixedWorkload(String name, Settings settings, long seed) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("workload name must not be blank");
        if (settings == null) throw new IllegalArgumentException("settings are required");
        this.name = name;
        this.settings = settings;
        RandomStreams streams = new RandomStreams(seed);
        this.factory = new JobFactory(settings, streams);

        double rate = settings.batchJobsPerSecond();
        batchOpen = rate > 0;
        batchGaps = batchOpen ? new ExponentialDistribution(StreamRandom.of(streams, "arrivals"), 1e6 / rate) : null;
        if (batchOpen) advanceBatch();

        double expected = LoadModel.expectedServices(settings);
        serviceGaps = expected > 0
                ? new ExponentialDistribution(StreamRandom.of(streams, "service-arrivals"),
                        Math.max(1, settings.services().rampMicros() / expected))
                : null;
        if (serviceGaps != null) advanceService();
    }

    /**
     * The offered load of the built-in default: 0.7 of the cluster's capacity on its dominant
     * dimension (cpu), services 0.15 of it. Chosen, not tuned: the offered load is
     * rate x mean task size x mean duration / capacity (see {@link Settings#forCluster}); a
     * cluster is loaded but not saturated when that stays below 1 with room for the run's own
     * variation (heavy-tailed sizes and durations moved one run's load between 0.62 and 0.80 over
     * 200 seeds on 1,000 nodes) and for fragmentation (whole tasks on 32-core nodes cannot use the
     * last cores of every node), so 0.7 keeps about 3 standard deviations below full.
     */
    public static final double DEFAULT_LOAD = 0.7;

    /**
     * The built-in default: a steady stream at load {@link #DEFAULT_LOAD} on default nodes, jobs
     * arriving for {@link Settings#STEADY_WINDOW_MICROS} (6 h; about 5.2 tasks/s per 1,000 nodes, so
     * 113,000 tasks on 1,000 nodes and 1,700 on 15).
     */
    public static MixedWorkload defaultFor(int nodes, long seed) {
        return new MixedWorkload(steadySettings(nodes, DEFAULT_LOAD), seed);
    }

    /**
     * The offered load of the built-in {@code overload} workload: 1.3 of the cluster's capacity on
     * its dominant dimension (cpu), services keeping their 0.15. A defined overload, chosen, not
     * tuned: more work arrives than the cluster can run, so once the cluster is full (the batch work
     * running nears its steady level only after about 1.3 h: 1.3 x E[min(D, t)] / E[D] passes 0.9
     * there) about 0.3 of capacity queues up per unit of time, and who waits shows what a policy
     * favours. 1.3 rather than 2.0: the queue grows at 0.3 instead of 1.0 of the cluster, so every
     * scheduler pass over it stays affordable and a run ends in minutes, not hours.
     */
    public static final double OVERLOAD_LOAD = 1.3;

    /**
     * How long the {@code overload} workload keeps arriving: 3 h, about 1.7 h of it saturated.
     * The run ends with the arrivals (as every steady run does), with the queue still growing: an
     * overload has no steady state to wait for, and a longer stream only makes the backlog, and the
     * run's cost, grow. On 1,000 nodes: about 11 batch tasks/s (5.2 x 1.15 / 0.55), 120,000 tasks.
     */
    public static final long OVERLOAD_WINDOW_MICROS = 3 * 3_600_000_000L;

    /** The settings of the built-in {@code overload} workload on {@code nodes} default nodes. */
    public static Settings overloadSettings(int nodes) {
        return steadySettings(nodes, OVERLOAD_LOAD).withArrivalWindowMicros(OVERLOAD_WINDOW_MICROS);
    }

    /** Steady settings for {@code nodes} default nodes at {@code load}: the base of the built-in synthetic workloads. */
    public static Settings steadySettings(int nodes, double load) {
        // job sizes as before (the largest job ~0.4% of 50 tasks per node), the task limit lifted
        return Settings.forCluster(nodes, ClusterShapes.DEFAULT_NODE, Math.max(1000, 50L * nodes), load)
                .steadyFor(Settings.STEADY_WINDOW_MICROS);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WorkloadEvent next() {
        if (done) return null;
        boolean service = pendingService != null && (!batchOpen || serviceAt <= batchAt);
        if (!service && !batchOpen) {
            done = true;
            return null;
        }
        String id = jobId(++jobs);
        JobSpec job;
        long at;
        if (service) {
            at = serviceAt;
            job = factory.service(id, pendingService);
            advanceService();
        } else {
            at = batchAt;
            job = factory.batchOrPipeline(id);
            advanceBatch();
        }
        tasks += job.totalInstances();
        if (tasks >= settings.totalTasks()) done = true;
        return new WorkloadEvent.JobArrival(at, job);
    }

    private void advanceService() {
        serviceAt = after(serviceAt, serviceGaps.sample());
        pendingService = open(serviceAt) ? factory.planService() : null;
    }

    private void advanceBatch() {
        batchAt = after(batchAt, batchGaps.sample());
        batchOpen = open(batchAt);
    }

    /** Saturates instead of wrapping, so a vanishing rate with no window ends the stream rather than going back in time. */
    private static long after(long at, double gapMicros) {
        long gap = Math.round(gapMicros);
        return gap >= Long.MAX_VALUE - at ? Long.MAX_VALUE : at + gap;
    }

    private boolean open(long at) {
        return at < Long.MAX_VALUE && at <= settings.arrivalWindowMicros();
    }

    /** "j000001": fixed-width so ids sort like arrivals up to a million jobs, and locale-proof unlike String.format. */
    static String jobId(long n) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(Math.max(7, digits.length() + 1)).append('j');
        for (int i = digits.length(); i < 6; i++) sb.append('0');
        return sb.append(digits).toString();
    }
}
