package org.mesocosm.runtime.model;

/**
 * A stream of workload events in non-decreasing time order, read lazily so that a month-long
 * trace never sits on the heap. Must be closed.
 */
public interface WorkloadSource extends AutoCloseable {

    /** A short name for reports, e.g. {@code mixed} or {@code google2011:/path}. */
    String name();

    /** The next event, or null when the workload is exhausted. */
    WorkloadEvent next();

    @Override
    default void close() {}
}
