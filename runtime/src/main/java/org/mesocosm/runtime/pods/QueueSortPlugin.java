package org.mesocosm.runtime.pods;

/** Orders the active queue: which pending pod is tried next. Exactly one per profile. */
public interface QueueSortPlugin extends Plugin {
    /** Negative if {@code a} should be tried before {@code b}. Must be a total order (break ties by seq). */
    int compare(QueuedPod a, QueuedPod b);
}
