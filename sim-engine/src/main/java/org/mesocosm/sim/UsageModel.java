package org.mesocosm.sim;

import java.util.SplittableRandom;

/**
 * How much a running task uses over time, the same for every policy. A task that declares a
 * usage below its request (synthetic workloads, or a trace's measured mean such as Google 2011
 * task_usage) uses, at each step, either its whole request (a burst, with probability
 * {@link #burstProbability}) or its mean times a uniform factor in [0.5, 1.5], never more than the
 * request. Steps come at exponential intervals of mean {@link #stepMeanMicros} per task, from the
 * task's own seeded stream: usage changes are discrete events per task, never a sweep over all.
 * A task that declares no usage uses its whole request, constantly.
 *
 * <p>Since usage never exceeds the request and the master never lets guaranteed requests exceed a
 * machine, only machines carrying reclaimed (overcommitted) placements can run out: the risk of
 * overcommit lands on the policy that takes it.
 */
record UsageModel(long stepMeanMicros, double burstProbability) {
    /** Five-minute steps (Google 2011 task_usage's sampling period), a burst one step in ten. */
    static final UsageModel DEFAULT = new UsageModel(300_000_000L, 0.1);

    UsageModel {
        if (stepMeanMicros <= 0) throw new IllegalArgumentException("usage step must be > 0");
        if (!(burstProbability >= 0 && burstProbability <= 1)) throw new IllegalArgumentException("burst probability must be in [0,1]");
    }

    /** Draws the task's next usage level into {@code t}. */
    void step(RunningTask t) {
        SplittableRandom r = t.usageRng;
        if (r.nextDouble() < burstProbability) {
            t.cpuUsage = t.request.cpuMillis();
            t.memUsage = t.request.memMiB();
        } else {
            double f = 0.5 + r.nextDouble();
            t.cpuUsage = Math.min(t.request.cpuMillis(), (long) (t.request.cpuMillis() * t.meanCpuFraction * f));
            t.memUsage = Math.min(t.request.memMiB(), (long) (t.request.memMiB() * t.meanMemFraction * f));
        }
    }

    /** Micros until the task's next usage step (at least 1). */
    long nextStepIn(RunningTask t) {
        return 1 + (long) (-Math.log(1 - t.usageRng.nextDouble()) * stepMeanMicros);
    }
}
