package org.mesocosm.runtime.live;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.security.RoleQuotas;

/**
 * What a job may ask for, checked before anything is logged: a job's totals (instances, cores,
 * memory, over all its task groups; 400 naming the limit) and its role's quota (403 when the job
 * alone exceeds it, since waiting cannot help; 429 when it fits the quota but not next to what
 * the role's active jobs already hold, since it may once some of those end).
 *
 * <p>Totals are capped at {@link #HARD_MAX_INSTANCES}, which no configuration passes: a replay
 * refuses a logged job above it (as an older master did, by running out of memory), so one spec
 * can never make the master unrestartable again.
 */
public record JobAdmission(long maxInstances, long maxCpuMillis, long maxMemMiB, RoleQuotas quotas) {
    public static final long HARD_MAX_INSTANCES = 100_000;
    public static final JobAdmission DEFAULT = new JobAdmission(10_000, 10_000_000, 40L << 20, RoleQuotas.none());

    public JobAdmission {
        if (maxInstances < 1 || maxInstances > HARD_MAX_INSTANCES) {
            throw new IllegalArgumentException("the most instances per job must be 1.." + HARD_MAX_INSTANCES + ", got " + maxInstances);
        }
        if (maxCpuMillis < 1 || maxMemMiB < 1) throw new IllegalArgumentException("per-job cpu and memory limits must be positive");
    }

    public JobAdmission withQuotas(RoleQuotas q) { return new JobAdmission(maxInstances, maxCpuMillis, maxMemMiB, q); }

    /** Instances over all task groups, saturating (no overflow from huge specs). */
    static long instances(JobSpec spec) {
        long n = 0;
        for (TaskSpec t : spec.tasks()) n = Math.min(Long.MAX_VALUE / 2, n + t.instances());
        return n;
    }

    /** A job a replay must refuse: one no master configuration could have accepted. */
    static boolean beyondHardLimits(JobSpec spec) {
        return instances(spec) > HARD_MAX_INSTANCES;
    }

    /** 400 unless the job's totals are within this master's limits. */
    void checkTotals(JobSpec spec) {
        checkTotals(spec, TaskSpec::instances);
    }

    /** The same for a service scaled: its totals with one group at {@code instances}, the others at their {@code targets}. */
    void checkScaled(JobSpec spec, java.util.Map<String, Integer> targets, String group, int instances) {
        checkTotals(spec, t -> t.name().equals(group) ? instances : targets.getOrDefault(t.name(), t.instances()));
    }

    private void checkTotals(JobSpec spec, java.util.function.ToIntFunction<TaskSpec> instancesOf) {
        long n = 0, cpu = 0, mem = 0;
        for (TaskSpec t : spec.tasks()) {
            long k = instancesOf.applyAsInt(t); // at most 100,000 per group (the spec reader's cap) and 1,000 groups: no overflow
            n += k;
            cpu = sat(cpu, times(t.request().cpuMillis(), k));
            mem = sat(mem, times(t.request().memMiB(), k));
        }
        if (n > maxInstances) throw new ApiError(400, "tasks", "tasks: " + n + " instances in all; a job may have at most " + maxInstances);
        if (cpu > maxCpuMillis) {
            throw new ApiError(400, "tasks", "tasks: " + cores(cpu) + " cores in all (instances x cpus); a job may ask for at most " + cores(maxCpuMillis));
        }
        if (mem > maxMemMiB) throw new ApiError(400, "tasks", "tasks: " + mem + " MiB in all (instances x mem); a job may ask for at most " + maxMemMiB);
    }

    private static long times(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    /** 403 or 429 unless {@code demand} fits the role's quota next to what its active jobs hold (on the event loop). */
    void checkQuota(LiveState state, String role, long tasks, long cpuMillis, long memMiB) {
        RoleQuotas.Quota q = quotas.of(role);
        if (q == null) return;
        over(403, role, "this job alone", tasks, cpuMillis, memMiB, q, "it can never run within the quota");
        long[] held = held(state, role);
        over(429, role, "this job next to the role's active tasks (" + held[0] + " tasks, " + cores(held[1]) + " cores, " + held[2] + " MiB)",
                held[0] + tasks, held[1] + cpuMillis, held[2] + memMiB, q, "retry once some of them end");
    }

    /** 403 or 429 unless the whole job fits its role's quota (on the event loop); call after {@link #checkTotals}. */
    void checkQuota(LiveState state, JobSpec spec) {
        long tasks = 0, cpu = 0, mem = 0;
        for (TaskSpec t : spec.tasks()) {
            tasks += t.instances();
            cpu += t.request().cpuMillis() * t.instances();
            mem += t.request().memMiB() * t.instances();
        }
        checkQuota(state, spec.role(), tasks, cpu, mem);
    }

    private static void over(int status, String role, String what, long tasks, long cpu, long mem, RoleQuotas.Quota q, String advice) {
        String why = null;
        if (q.maxTasks() >= 0 && tasks > q.maxTasks()) why = tasks + " tasks > max_running_tasks " + q.maxTasks();
        else if (q.maxCpuMillis() >= 0 && cpu > q.maxCpuMillis()) why = cores(cpu) + " cores > max_cpus " + cores(q.maxCpuMillis());
        else if (q.maxMemMiB() >= 0 && mem > q.maxMemMiB()) why = mem + " MiB > max_mem " + q.maxMemMiB();
        if (why != null) throw new ApiError(status, "role", "role '" + role + "' quota: " + what + " needs " + why + "; " + advice);
    }

    /** Tasks, millicores and MiB held by the role's active jobs: their tasks not yet ended. */
    private static long[] held(LiveState state, String role) {
        long[] h = new long[3];
        for (LiveState.JobRecord j : state.jobs()) {
            if (j.endedAt >= 0 || !j.spec.role().equals(role)) continue;
            for (Task t : j.tasks) {
                if (t.state().isTerminal()) continue;
                Resources r = t.spec().request();
                h[0]++;
                h[1] += r.cpuMillis();
                h[2] += r.memMiB();
            }
        }
        return h;
    }

    private static long sat(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    private static String cores(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
