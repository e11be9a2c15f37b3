package org.mesocosm.workloads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.WorkloadSource;

/** Drains a workload and measures it independently of the generator's own load model. */
final class WorkloadStats {
    final List<WorkloadEvent.JobArrival> arrivals = new ArrayList<>();
    final String digest;
    long tasks;
    long serviceTasks;
    int services;
    int batches;
    int pipelines;
    long firstArrival = Long.MAX_VALUE;
    long lastArrival;
    final Map<String, Integer> jobsByRole = new TreeMap<>();
    final long[] batchDurations;
    /** Offered load per dimension (cpu, mem) as a fraction of capacity, split by kind. */
    final double[] serviceLoad = new double[2];
    final double[] batchLoad = new double[2];

    WorkloadStats(WorkloadSource source, Resources capacity) {
        MessageDigest sha = sha256();
        List<Long> durations = new ArrayList<>();
        double[] serviceReq = new double[2];
        double[] work = new double[2];
        for (WorkloadEvent e = source.next(); e != null; e = source.next()) {
            if (!(e instanceof WorkloadEvent.JobArrival a)) throw new AssertionError("unexpected event " + e);
            arrivals.add(a);
            JobSpec job = a.job();
            sha.update(describe(a).getBytes(StandardCharsets.UTF_8));
            firstArrival = Math.min(firstArrival, a.atMicros());
            lastArrival = Math.max(lastArrival, a.atMicros());
            tasks += job.totalInstances();
            jobsByRole.merge(job.role(), 1, Integer::sum);
            switch (job.kind()) {
                case SERVICE -> { services++; serviceTasks += job.totalInstances(); }
                case BATCH -> batches++;
                case PIPELINE -> pipelines++;
                default -> throw new AssertionError("unexpected kind " + job.kind());
            }
            for (TaskSpec t : job.tasks()) {
                for (int i = 0; i < t.instances(); i++) {
                    long d = t.sim().durationMicros(i);
                    if (job.kind() == JobKind.SERVICE) {
                        serviceReq[0] += t.request().cpuMillis();
                        serviceReq[1] += t.request().memMiB();
                    } else {
                        durations.add(d);
                        work[0] += (double) t.request().cpuMillis() * d;
                        work[1] += (double) t.request().memMiB() * d;
                    }
                }
            }
        }
        digest = HexFormat.of().formatHex(sha.digest());
        batchDurations = durations.stream().mapToLong(Long::longValue).sorted().toArray();
        double[] cap = {capacity.cpuMillis(), capacity.memMiB()};
        for (int d = 0; d < 2; d++) {
            serviceLoad[d] = serviceReq[d] / cap[d];
            batchLoad[d] = lastArrival > 0 ? work[d] / lastArrival / cap[d] : 0;
        }
    }

    int jobs() {
        return arrivals.size();
    }

    /** Offered load on the dominant dimension: services' steady requests plus batch work per unit time. */
    double offeredLoad() {
        return Math.max(serviceLoad[0] + batchLoad[0], serviceLoad[1] + batchLoad[1]);
    }

    double serviceShare() {
        return Math.max(serviceLoad[0], serviceLoad[1]);
    }

    long durationPercentile(double p) {
        if (batchDurations.length == 0) return 0;
        int i = (int) Math.min(batchDurations.length - 1, Math.floor(p * batchDurations.length));
        return batchDurations[i];
    }

    static String describe(WorkloadEvent.JobArrival a) {
        JobSpec j = a.job();
        StringBuilder sb = new StringBuilder().append(a.atMicros()).append('|').append(j.id()).append('|').append(j.role())
                .append('|').append(j.kind()).append('|').append(j.priority()).append('|').append(j.maxRetries());
        for (TaskSpec t : j.tasks()) {
            sb.append('[').append(t.name()).append(',').append(t.instances()).append(',').append(t.request())
                    .append(',').append(Arrays.toString(t.sim().durationsMicros())).append(',')
                    .append(t.sim().failureProbability()).append(',').append(t.dependsOn()).append(']');
        }
        return sb.append('\n').toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String summary() {
        return String.format(java.util.Locale.ROOT,
                "jobs=%d (services=%d batch=%d pipelines=%d) tasks=%d serviceTasks=%d window=%.2fh load=%.3f "
                        + "(services cpu=%.3f mem=%.3f, batch cpu=%.3f mem=%.3f) duration p50=%.1fmin p99=%.1fmin "
                        + "max=%.1fh roles=%s",
                jobs(), services, batches, pipelines, tasks, serviceTasks, lastArrival / 3.6e9, offeredLoad(),
                serviceLoad[0], serviceLoad[1], batchLoad[0], batchLoad[1], durationPercentile(0.5) / 6e7,
                durationPercentile(0.99) / 6e7, durationPercentile(1.0) / 3.6e9, jobsByRole);
    }
}
