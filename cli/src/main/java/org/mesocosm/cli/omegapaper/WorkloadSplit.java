package org.mesocosm.cli.omegapaper;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.workloads.GoogleLikeSettings;
import org.mesocosm.workloads.GoogleLikeWorkload;

/**
 * What the service/batch split of one seed's workload is, counted from the workload itself (the
 * same generator and seed the run uses, so the counts are the run's): jobs, tasks and requested
 * CPU-hours per class within the horizon (a service's task counts from its arrival to the
 * horizon, a batch task for its run time, clipped at the horizon).
 */
record WorkloadSplit(Map<JobClass, Long> jobs, Map<JobClass, Long> tasks, Map<JobClass, Double> cpuHours) {

    static WorkloadSplit of(GoogleLikeSettings settings, long seed, long horizonMicros) {
        Map<JobClass, Long> jobs = new EnumMap<>(JobClass.class);
        Map<JobClass, Long> tasks = new EnumMap<>(JobClass.class);
        Map<JobClass, Double> cpu = new EnumMap<>(JobClass.class);
        for (JobClass c : JobClass.values()) {
            jobs.put(c, 0L);
            tasks.put(c, 0L);
            cpu.put(c, 0.0);
        }
        GoogleLikeWorkload w = new GoogleLikeWorkload(settings, seed);
        for (WorkloadEvent e = w.next(); e != null; e = w.next()) {
            if (!(e instanceof WorkloadEvent.JobArrival a) || a.atMicros() > horizonMicros) continue;
            JobSpec j = a.job();
            JobClass c = JobClass.of(j.kind());
            jobs.merge(c, 1L, Long::sum);
            tasks.merge(c, (long) j.totalInstances(), Long::sum);
            double coreMicros = 0;
            for (TaskSpec t : j.tasks()) {
                for (int i = 0; i < t.instances(); i++) {
                    long d = t.sim().durationMicros(i);
                    long run = d < 0 ? horizonMicros - a.atMicros() : Math.min(d, horizonMicros - a.atMicros());
                    coreMicros += t.request().cpuMillis() / 1000.0 * run;
                }
            }
            cpu.merge(c, coreMicros / 3_600e6, Double::sum);
        }
        return new WorkloadSplit(jobs, tasks, cpu);
    }

    /** "service: 69 jobs (3.6%), 8,812 tasks (10%), 24% of requested CPU-hours; batch: ...". */
    String describe() {
        long allJobs = jobs.values().stream().mapToLong(Long::longValue).sum();
        long allTasks = tasks.values().stream().mapToLong(Long::longValue).sum();
        double allCpu = cpuHours.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder sb = new StringBuilder();
        for (JobClass c : new JobClass[] {JobClass.SERVICE, JobClass.BATCH}) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(String.format(Locale.ROOT, "%s: %,d jobs (%.1f%%), %,d tasks (%.1f%%), %.1f%% of the requested CPU-hours", c.label(),
                    jobs.get(c), pct(jobs.get(c), allJobs), tasks.get(c), pct(tasks.get(c), allTasks), pct(cpuHours.get(c), allCpu)));
        }
        return sb.toString();
    }

    private static double pct(double part, double all) {
        return all > 0 ? 100 * part / all : Double.NaN;
    }
}
