package org.mesocosm.cli.experiments;

import java.util.Arrays;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;

/** Records when preemptions happen, for the preemptions-over-time chart; one per run. */
final class PreemptionTimes implements MasterObserver {
    private long[] times = new long[16];
    private int size;

    @Override
    public void taskPreempted(long now, Task victim, Task preemptor) {
        if (size == times.length) times = Arrays.copyOf(times, size * 2);
        times[size++] = now;
    }

    long[] times() {
        return Arrays.copyOf(times, size);
    }
}
