package org.mesocosm.runtime.metrics;

/**
 * The part of a run that metrics describe: from the end of the warmup to the end of the
 * measurement, in sim-time microseconds, half-open [from, to). Events before the warmup ends (the
 * cluster filling up from empty) and after the measurement (a drain with no arrivals) are left out
 * so that a run's numbers describe the steady state.
 */
public record MeasurementWindow(long fromMicros, long toMicros) {
    /** The whole run: the default. */
    public static final MeasurementWindow WHOLE_RUN = new MeasurementWindow(0, Long.MAX_VALUE);

    public MeasurementWindow {
        if (fromMicros < 0) throw new IllegalArgumentException("warmup must be >= 0: " + fromMicros);
        if (toMicros <= fromMicros) throw new IllegalArgumentException("window must end after it starts: [" + fromMicros + ", " + toMicros + ")");
    }

    /** A window after {@code warmupMicros}, lasting {@code measureMicros} (or to the end of the run if that is negative). */
    public static MeasurementWindow of(long warmupMicros, long measureMicros) {
        if (measureMicros == 0 || measureMicros < -1) throw new IllegalArgumentException("measure must be > 0: " + measureMicros);
        long to = measureMicros < 0 || measureMicros >= Long.MAX_VALUE - warmupMicros ? Long.MAX_VALUE : warmupMicros + measureMicros;
        return new MeasurementWindow(warmupMicros, to);
    }

    public boolean contains(long atMicros) {
        return atMicros >= fromMicros && atMicros < toMicros;
    }

    /** Length of the overlap of [a, b) with the window. */
    public long overlap(long a, long b) {
        long lo = Math.max(a, fromMicros);
        long hi = Math.min(b, toMicros);
        return Math.max(0, hi - lo);
    }

    public boolean isWholeRun() {
        return fromMicros == 0 && toMicros == Long.MAX_VALUE;
    }
}
