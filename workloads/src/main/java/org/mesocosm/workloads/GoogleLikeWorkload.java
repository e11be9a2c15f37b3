package org.mesocosm.workloads;

import java.util.List;
import org.apache.commons.math3.util.FastMath;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * A Google-like workload: a month of Borg-cell arrivals, generated lazily and deterministically
 * from the seed, with the distributions of {@link GoogleLikeSettings} (whose comment lists the
 * published figures it is calibrated to). Jobs arrive as a Poisson process whose rate follows a
 * daily cycle (thinning of a faster Poisson stream); each job draws its priority band, task
 * count, one request for all its tasks, and one run time per task. Long-running production
 * services arrive in the first ten minutes (the trace's time-0 snapshot) until they hold the
 * configured share of CPU. Roles are the priority bands ({@code production}, {@code batch},
 * {@code best-effort}), as in trace replays, so the two can be compared directly.
 *
 * <p>Math goes through FastMath and {@link StreamRandom}, never {@code Math.exp} (whose last bit
 * may vary by platform), so the same seed gives the same jobs on every JVM.
 */
public final class GoogleLikeWorkload implements WorkloadSource {
    private static final double DAY_MICROS = 86_400e6;
    private static final double SNAPSHOT_MICROS = 600e6;
    private static final int[] BATCH_PRIORITIES = {2, 3, 4, 5, 6, 7, 8};
    private static final double[] BATCH_WEIGHTS = {0.05, 0.05, 0.55, 0.15, 0.10, 0.05, 0.05};

    private final String name;
    private final GoogleLikeSettings s;
    private final StreamRandom arrivals;
    private final StreamRandom thinning;
    private final StreamRandom shapes;
    private final StreamRandom services;
    private final double maxRatePerMicro;
    private final double serviceGapMicros;
    private double serviceCpuLeft;
    private long serviceAt;
    private long batchAt;
    private boolean batchOpen = true;
    private long jobs;
    private long tasks;

    public GoogleLikeWorkload(GoogleLikeSettings settings, long seed) {
        this("google-like", settings, seed);
    }

    public GoogleLikeWorkload(String name, GoogleLikeSettings settings, long seed) {
        this.name = name;
        this.s = settings;
        RandomStreams streams = new RandomStreams(seed);
        arrivals = StreamRandom.of(streams, "google-like-arrivals");
        thinning = StreamRandom.of(streams, "google-like-thinning");
        shapes = StreamRandom.of(streams, "google-like-jobs");
        services = StreamRandom.of(streams, "google-like-services");
        maxRatePerMicro = s.jobsPerHour() * (1 + s.diurnalAmplitude()) / 3_600e6;
        serviceCpuLeft = s.serviceLoad() * s.capacity().cpuMillis();
        double expectedServices = serviceCpuLeft / Math.max(1, expectedServiceCpu());
        serviceGapMicros = SNAPSHOT_MICROS / Math.max(1, expectedServices);
        advanceBatch();
    }

    /** The full cell: 12,500 machines, a month of arrivals. */
    public static GoogleLikeWorkload fullCell(long seed) {
        return new GoogleLikeWorkload(GoogleLikeSettings.fullCell(), seed);
    }

    public GoogleLikeSettings settings() { return s; }

    @Override
    public String name() { return name; }

    /** Task instances handed out so far. */
    public long tasks() { return tasks; }

    @Override
    public WorkloadEvent next() {
        boolean service = serviceCpuLeft > 0 && (!batchOpen || serviceAt <= batchAt);
        if (!service && !batchOpen) return null;
        String id = jobId(++jobs);
        JobSpec job;
        long at;
        if (service) {
            at = serviceAt;
            job = service(id);
            serviceAt += Math.max(1, Math.round(serviceGapMicros));
        } else {
            at = batchAt;
            job = arrival(id);
            advanceBatch();
        }
        tasks += job.totalInstances();
        return new WorkloadEvent.JobArrival(at, job);
    }

    /** Next accepted arrival of the thinned Poisson process, or closes the stream past the window. */
    private void advanceBatch() {
        long window = s.windowMicros();
        while (true) {
            double gap = -FastMath.log(1 - arrivals.nextDouble()) / maxRatePerMicro;
            batchAt += Math.max(1, Math.round(gap));
            if (batchAt > window) {
                batchOpen = false;
                return;
            }
            double rate = 1 + s.diurnalAmplitude() * FastMath.sin(2 * Math.PI * batchAt / DAY_MICROS);
            if (thinning.nextDouble() * (1 + s.diurnalAmplitude()) < rate) return;
        }
    }

    private JobSpec service(String id) {
        int n = multiTaskCount(services);
        Resources req = request(services);
        serviceCpuLeft -= (double) req.cpuMillis() * n;
        int priority = services.nextDouble() < 0.85 ? 9 : 10;
        TaskSpec t = TaskSpec.simulated("t0", n, req, SimProfile.FOREVER);
        return new JobSpec(id, "production", JobKind.SERVICE, priority, List.of(t), 0);
    }

    private JobSpec arrival(String id) {
        double u = shapes.nextDouble();
        String band;
        int priority;
        GoogleLikeSettings.LogNormal dur;
        if (u < s.freeShare()) {
            band = "best-effort";
            priority = shapes.nextDouble() < 0.8 ? 0 : 1;
            dur = s.freeDuration();
        } else if (u < s.freeShare() + s.productionShare()) {
            band = "production";
            double p = shapes.nextDouble();
            priority = p < 0.85 ? 9 : p < 0.95 ? 10 : 11;
            dur = s.productionDuration();
        } else {
            band = "batch";
            priority = pick(BATCH_PRIORITIES, BATCH_WEIGHTS, shapes.nextDouble());
            dur = s.batchDuration();
        }
        int n = shapes.nextDouble() < s.singleTaskShare() ? 1 : multiTaskCount(shapes);
        Resources req = request(shapes);
        double jobMedian = draw(shapes, dur);
        long[] durations = new long[n];
        if (n == 1) {
            durations[0] = Math.round(jobMedian);
        } else {
            // tasks of one job run for similar times, with stragglers: a small spread around the job's draw
            for (int i = 0; i < n; i++) {
                double d = jobMedian * FastMath.exp(0.3 * shapes.nextGaussian());
                durations[i] = Math.round(Math.max(dur.min(), Math.min(dur.max(), d)));
            }
        }
        TaskSpec t = TaskSpec.simulated("t0", n, req, new SimProfile(durations, 0));
        return new JobSpec(id, band, JobKind.BATCH, priority, List.of(t), 0);
    }

    private int multiTaskCount(StreamRandom r) {
        double v = s.multiTaskMedian() * FastMath.exp(s.multiTaskSigma() * r.nextGaussian());
        return (int) Math.max(2, Math.min(s.maxTasksPerJob(), Math.round(v)));
    }

    private Resources request(StreamRandom r) {
        long cpu = Math.max(1, Math.round(draw(r, s.cpuRequest()) * s.largest().cpuMillis()));
        long mem = Math.max(1, Math.round(draw(r, s.memRequest()) * s.largest().memMiB()));
        return new Resources(cpu, mem, 0, 0);
    }

    private static double draw(StreamRandom r, GoogleLikeSettings.LogNormal d) {
        double v = d.median() * FastMath.exp(d.sigma() * r.nextGaussian());
        return Math.max(d.min(), Math.min(d.max(), v));
    }

    private static int pick(int[] values, double[] weights, double u) {
        double acc = 0;
        for (int i = 0; i < values.length; i++) {
            acc += weights[i];
            if (u < acc) return values[i];
        }
        return values[values.length - 1];
    }

    /** Mean CPU of one service job (tasks x request), to space the snapshot's arrivals. */
    private double expectedServiceCpu() {
        double tasksMean = Math.min(s.maxTasksPerJob(), s.multiTaskMedian() * FastMath.exp(s.multiTaskSigma() * s.multiTaskSigma() / 2));
        double cpuMean = s.cpuRequest().median() * FastMath.exp(s.cpuRequest().sigma() * s.cpuRequest().sigma() / 2) * s.largest().cpuMillis();
        return tasksMean * cpuMean;
    }

    /** "g0000001": fixed width, so ids sort like arrivals up to ten million jobs. */
    static String jobId(long n) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(8).append('g');
        for (int i = digits.length(); i < 7; i++) sb.append('0');
        return sb.append(digits).toString();
    }
}
