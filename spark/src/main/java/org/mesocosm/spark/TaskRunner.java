package org.mesocosm.spark;

import java.io.Serializable;

/** Runs one task of a sweep to its row. Serializable: Spark ships it to the executors. */
@FunctionalInterface
public interface TaskRunner extends Serializable {
    SweepRow run(SweepTask task) throws Exception;
}
