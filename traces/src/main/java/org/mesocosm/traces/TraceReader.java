package org.mesocosm.traces;

/**
 * A trace read as a lazy, time-ordered stream of {@link TraceRecord}s: the one workload model
 * (job arrivals, machines up and down) plus what the trace recorded about each instance. Times
 * are microseconds from the start of the window. Must be closed.
 */
public interface TraceReader extends AutoCloseable {

    /** {@code format:path}, for reports. */
    String name();

    /** The next record in time order, or null at the end. */
    TraceRecord next();

    /** Rows read and skipped so far; complete once {@link #next()} returned null. */
    ReadStats stats();

    /** Microseconds of trace time covered so far (end of the window, or the last event). */
    long spanMicros();

    @Override
    void close();
}
