package org.mesocosm.cli;

import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.workloads.MixedWorkload;

/**
 * Where a run on a steady workload ends: when its arrivals end. A steady stream describes the
 * cluster while work keeps coming; running on to drain it would add hours with no arrivals (the
 * drain the old burst workloads spent most of their time in) to every metric.
 */
public final class SteadyRuns {
    private SteadyRuns() {}

    /** The end of the arrival window of a steady mixed workload; no limit (Long.MAX_VALUE) for any other. */
    public static long endMicros(WorkloadSource source) {
        if (source instanceof MixedWorkload m && m.settings().isSteady()) return m.settings().arrivalWindowMicros();
        return Long.MAX_VALUE;
    }
}
