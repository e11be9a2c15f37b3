package org.mesocosm.traces;

import org.mesocosm.runtime.model.Resources;

/**
 * How a trace is read and mapped to the workload model. Every option is documented in
 * {@code traces/README.md}.
 *
 * @param lenient skip malformed rows (counted per reason) instead of stopping at the first
 * @param machine the declared machine size: what 1.0 of Google's normalized CPU and memory (and
 *                100 of Alibaba's normalized memory) mean; null = the format's default
 *                ({@link TraceFormat#defaultMachine()})
 * @param windowStartMicros trace time that becomes time 0; earlier events only set the scene
 *                          (tasks alive at the start arrive at 0)
 * @param windowEndMicros trace time after which nothing is read (exclusive)
 * @param lookaheadMicros how long after a task's submission the reader waits for its end before
 *                        replaying it as long-running (bounds memory: see README)
 * @param roles what a job's role is: its priority band, or its user
 */
public record TraceOptions(boolean lenient, Resources machine, long windowStartMicros, long windowEndMicros,
                           long lookaheadMicros, RoleBy roles) {

    /** The source of a replayed job's role (the DRF tenant). */
    public enum RoleBy {
        /** {@code production}, {@code batch} or {@code best-effort} ({@link PriorityBands}): few roles, readable output. */
        BAND,
        /** The trace's user (hashed in the Google traces): hundreds of roles on a full trace. */
        USER
    }

    public static final long DEFAULT_LOOKAHEAD_MICROS = 12L * 3_600_000_000L;

    public TraceOptions {
        if (windowStartMicros < 0) throw new IllegalArgumentException("window start must be >= 0");
        if (windowEndMicros <= windowStartMicros) throw new IllegalArgumentException("window end must be after its start");
        if (lookaheadMicros <= 0) throw new IllegalArgumentException("lookahead must be > 0");
        if (machine != null && (machine.cpuMillis() <= 0 || machine.memMiB() <= 0)) {
            throw new IllegalArgumentException("declared machine size needs cpu and memory: " + machine);
        }
        if (roles == null) roles = RoleBy.BAND;
    }

    public static TraceOptions defaults() {
        return new TraceOptions(false, null, 0, Long.MAX_VALUE, DEFAULT_LOOKAHEAD_MICROS, RoleBy.BAND);
    }

    public TraceOptions withLenient(boolean v) {
        return new TraceOptions(v, machine, windowStartMicros, windowEndMicros, lookaheadMicros, roles);
    }

    public TraceOptions withMachine(Resources v) {
        return new TraceOptions(lenient, v, windowStartMicros, windowEndMicros, lookaheadMicros, roles);
    }

    public TraceOptions withWindow(long startMicros, long endMicros) {
        return new TraceOptions(lenient, machine, startMicros, endMicros, lookaheadMicros, roles);
    }

    public TraceOptions withLookahead(long v) {
        return new TraceOptions(lenient, machine, windowStartMicros, windowEndMicros, v, roles);
    }

    public TraceOptions withRoles(RoleBy v) {
        return new TraceOptions(lenient, machine, windowStartMicros, windowEndMicros, lookaheadMicros, v);
    }

    /** The declared machine, or {@code dflt} when none was given. */
    public Resources machineOr(Resources dflt) {
        return machine != null ? machine : dflt;
    }

    public boolean hasWindow() {
        return windowStartMicros > 0 || windowEndMicros != Long.MAX_VALUE;
    }
}
