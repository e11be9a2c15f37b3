package org.mesocosm.sim;

import java.util.SplittableRandom;
import org.mesocosm.runtime.model.Resources;

/**
 * One task as its simulated machine sees it: what it asked for, what it uses right now, and how
 * much of its work is left. Progress is kept in "work micros" (time at full speed), so that when
 * the machine's CPU is over capacity and every task slows down, the end time can be moved.
 */
final class RunningTask {
    final String id;
    final Resources request;
    final int priority;
    /** Placed on reclaimed resources (Borg's overcommit): first to go when memory runs out. */
    final boolean reclaimed;
    /** Launch order on this simulation, to break priority ties towards the newest. */
    final long launchSeq;
    /** Own stream of usage draws (named "task-usage:" + id), so no other draw shifts. */
    final SplittableRandom usageRng;
    /** Mean use as a fraction of the request, cpu and memory; 1 when the task declares no usage. */
    final double meanCpuFraction, meanMemFraction;
    long cpuUsage, memUsage;

    /** Whether the task ends by itself; services that run until killed do not. */
    final boolean ends;
    final boolean failed;
    /** Work left at {@link #lastUpdate}, in micros at full speed. */
    private double workLeft;
    private long lastUpdate;
    private double rate = 1.0;
    /** Bumped each time the end is moved, so that the event for an earlier end is ignored. */
    int endVersion;

    RunningTask(String id, Resources request, Resources declaredUsage, int priority, boolean reclaimed, long launchSeq,
                SplittableRandom usageRng, long now, long runFor, boolean failed) {
        this.id = id;
        this.request = request;
        this.priority = priority;
        this.reclaimed = reclaimed;
        this.launchSeq = launchSeq;
        this.usageRng = usageRng;
        this.meanCpuFraction = fraction(declaredUsage == null ? request.cpuMillis() : declaredUsage.cpuMillis(), request.cpuMillis());
        this.meanMemFraction = fraction(declaredUsage == null ? request.memMiB() : declaredUsage.memMiB(), request.memMiB());
        this.cpuUsage = request.cpuMillis();
        this.memUsage = request.memMiB();
        this.ends = runFor >= 0;
        this.failed = failed;
        this.workLeft = Math.max(0, runFor);
        this.lastUpdate = now;
    }

    private static double fraction(long part, long whole) {
        return whole <= 0 ? 1.0 : Math.min(1.0, (double) part / whole);
    }

    /** True when its usage can vary below the request (it declares a usage under it). */
    boolean varies() { return meanCpuFraction < 1.0 || meanMemFraction < 1.0; }

    double rate() { return rate; }

    /**
     * The machine's CPU share changes at {@code now}: the work done so far is booked at the old
     * rate, and the end time of what is left at the new rate is returned (rounded up, so that a
     * task never ends before its work is done).
     */
    long changeRate(long now, double newRate) {
        if (!(newRate > 0 && newRate <= 1)) throw new IllegalArgumentException("rate must be in (0,1]: " + newRate);
        workLeft = Math.max(0, workLeft - (now - lastUpdate) * rate);
        lastUpdate = now;
        rate = newRate;
        return endAt();
    }

    /** When the task ends at the current rate. */
    long endAt() {
        return lastUpdate + (long) Math.ceil(workLeft / rate);
    }

    /** Work lost, in micros at full speed, if the task were killed at {@code now}. */
    double workLeftAt(long now) {
        return Math.max(0, workLeft - (now - lastUpdate) * rate);
    }
}
