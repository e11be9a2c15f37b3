package org.mesocosm.sim.decision;

import java.util.function.LongSupplier;

/**
 * The CPU time of the policy's code for {@code --decision-time measured}, at a fraction of the
 * cost of reading the thread CPU clock around every call.
 *
 * <p>Why: reading the thread's CPU clock is a system call (about 16 µs on the loaded 2-core build
 * machine), and the policy is entered several times per simulated event; reading it at every
 * entry and exit made a measured run 1.57x slower than the same run under {@code zero}.
 *
 * <p>How: each stretch of policy code (a <em>segment</em>, {@link #start()} .. {@link #end()}) is
 * timed with the wall clock ({@code System.nanoTime}, tens of nanoseconds). The thread CPU clock
 * is read only when at least {@link #READ_EVERY_NANOS} of wall time has passed since the last
 * read, at the end of a segment. The CPU time between two reads (a <em>window</em>) is
 * apportioned by wall time: the policy's share is {@code cpu x (wall in segments) / (wall of the
 * window)}, the rest belongs to the simulator's own code between segments. A segment's charge is
 * needed at once (it places the decision's launches in time), so it is charged its wall time times
 * the CPU/wall ratio of the last window; when a window closes, the difference between its share
 * and what its segments were charged is carried to the next segments, each taking at most as much
 * again as its own base charge (never below zero), so that no single decision absorbs a large
 * correction. Hence the totals are exact: what has been charged plus {@link #carried()} equals
 * the policy's share of the CPU deltas read ({@link #apportioned()}), which is all of them when
 * the thread runs nothing but policy code.
 *
 * <p>Error: one decision's charge can be off by the difference between its own CPU/wall ratio and
 * its window's (a preemption or GC pause in the middle of one decision is spread over the
 * decisions around it), by at most its base charge in the correction it carries, and the share
 * assumes that policy code and simulator code lose the processor at the same rate within a window
 * of about a millisecond. On a quiet machine the ratio is close to 1 and a charge is close to the
 * segment's wall time.
 */
final class CpuMeter {
    /** Wall time between two reads of the thread CPU clock: at most about 1,000 reads per second of run. */
    static final long READ_EVERY_NANOS = 1_000_000;

    private final LongSupplier wall;
    private final LongSupplier cpu;
    private long wallAtRead;
    private long cpuAtRead;
    private long segmentStart;
    /** CPU nanoseconds per wall nanosecond over the last window. */
    private double ratio = 1.0;
    private long windowSegmentsWall;
    /** What the window's segments were charged before corrections: wall x ratio. */
    private double windowBase;
    /** The correction still to charge: shares of closed windows minus all charges plus the current window's base. */
    private double carried;
    private double apportioned;
    private long cpuRead;
    private double charged;
    private long reads;

    CpuMeter(LongSupplier wall, LongSupplier cpu) {
        this.wall = wall;
        this.cpu = cpu;
        this.wallAtRead = wall.getAsLong();
        this.cpuAtRead = cpu.getAsLong();
    }

    /** The meter of this thread's real clocks. */
    static CpuMeter ofThisThread() {
        CpuClock.check();
        return new CpuMeter(System::nanoTime, CpuClock::nanos);
    }

    /** A stretch of policy code begins. */
    void start() { segmentStart = wall.getAsLong(); }

    /** The stretch begun at {@link #start()} ends: returns the CPU nanoseconds charged to it. */
    long end() {
        long now = wall.getAsLong();
        long w = Math.max(0, now - segmentStart);
        windowSegmentsWall += w;
        double base = w * ratio;
        double charge = Math.max(0, Math.min(2 * base, base + carried));
        long whole = (long) charge;
        carried -= whole - base;
        windowBase += base;
        charged += whole;
        if (now - wallAtRead >= READ_EVERY_NANOS) read(now);
        return whole;
    }

    private void read(long now) {
        long c = cpu.getAsLong();
        long cpuDelta = Math.max(0, c - cpuAtRead);
        long windowWall = now - wallAtRead;
        double share = windowWall > 0 ? (double) cpuDelta * windowSegmentsWall / windowWall : 0;
        carried += share - windowBase;
        if (windowWall > 0) ratio = (double) cpuDelta / windowWall;
        apportioned += share;
        cpuRead += cpuDelta;
        reads++;
        wallAtRead = now;
        cpuAtRead = c;
        windowSegmentsWall = 0;
        windowBase = 0;
    }

    /** CPU nanoseconds charged to segments so far. */
    double charged() { return charged; }

    /** The policy's share of the CPU deltas read so far, in nanoseconds. */
    double apportioned() { return apportioned; }

    /** CPU nanoseconds between the first and the last read. */
    long cpuRead() { return cpuRead; }

    /**
     * The policy's share of the CPU read minus what has been charged (negative: charged ahead of
     * the reads): exactly what the next segments still owe, right after a read.
     */
    double carried() { return carried - windowBase; }

    /** Reads of the thread CPU clock after the first. */
    long reads() { return reads; }
}
