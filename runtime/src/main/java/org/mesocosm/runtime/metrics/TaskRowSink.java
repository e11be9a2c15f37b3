package org.mesocosm.runtime.metrics;

import org.mesocosm.runtime.master.Task;

/** Receives each task once, when it reaches a terminal state or when the run ends. */
@FunctionalInterface
public interface TaskRowSink {
    void accept(Task task);

    TaskRowSink NONE = t -> {};
}
