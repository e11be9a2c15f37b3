package org.mesocosm.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.stats.LogHistogram;
import org.mesocosm.traces.stats.TraceFidelity;

/**
 * The simulated side of the fidelity table, measured like for like with the trace's side: it sees
 * each replayed job's trace facts (as a workload listener) and the master's placements (as an
 * observer), and keeps the simulated delay (ready to first placement) only of the instances whose
 * trace delay is known, so both percentiles are over the same instances. A rigid job (SWF) counts
 * once, with the wait of its last instance to start (the job starts when all its processors do).
 * It also pairs each such sample with its trace delay, for the share of delays reproduced within
 * a tolerance. Memory: one entry per job with instances not yet placed.
 */
final class SimDelays implements MasterObserver, Consumer<TraceRecord> {
    /** Tolerances of the paired comparison, in seconds. */
    static final long[] WITHIN_S = {60, 3600};

    private static final class Entry {
        final long[] traceDelay;
        final Map<String, Integer> offsets = new HashMap<>();
        final boolean rigid;
        int unplaced;
        long maxWait;

        Entry(WorkloadEvent.JobArrival a, InstanceFacts facts) {
            this.traceDelay = facts.delayMicros();
            this.rigid = TraceFidelity.isRigid(a);
            int off = 0;
            for (TaskSpec t : a.job().tasks()) {
                offsets.put(t.name(), off);
                off += t.instances();
            }
            this.unplaced = off;
        }
    }

    private final Map<String, Entry> open = new HashMap<>();
    private final LogHistogram delay = new LogHistogram();
    private final long[] within = new long[WITHIN_S.length];
    private long instances;
    private long placed;

    @Override
    public void accept(TraceRecord r) {
        if (r.event() instanceof WorkloadEvent.JobArrival a) open.put(a.job().id(), new Entry(a, r.facts()));
    }

    @Override
    public void taskCreated(long now, Task task) {
        if (task.attempt() == 0) instances++;
    }

    @Override
    public void taskPlaced(long now, Task task) {
        if (task.attempt() != 0) return;
        placed++;
        Entry e = open.get(task.jobId());
        if (e == null) return;
        Integer off = e.offsets.get(task.spec().name());
        if (off == null) return;
        int k = off + task.instance();
        long wait = now - task.readyAt();
        if (e.rigid) {
            e.maxWait = Math.max(e.maxWait, wait);
            if (e.unplaced == 1) sample(e.traceDelay[0], e.maxWait);
        } else {
            sample(e.traceDelay[k], wait);
        }
        if (--e.unplaced == 0) open.remove(task.jobId());
    }

    private void sample(long traceDelay, long simDelay) {
        if (!InstanceFacts.known(traceDelay)) return;
        delay.add(simDelay);
        for (int i = 0; i < WITHIN_S.length; i++) if (Math.abs(simDelay - traceDelay) <= WITHIN_S[i] * 1_000_000L) within[i]++;
    }

    /** First attempts created. */
    long instances() { return instances; }

    /** Share of first attempts placed at least once. */
    double scheduledShare() { return instances == 0 ? Double.NaN : (double) placed / instances; }

    /** Simulated delays of the instances (jobs, when rigid) whose trace delay is known and that were placed. */
    LogHistogram delayMicros() { return delay; }

    /** Share of those whose simulated delay is within {@code WITHIN_S[i]} of the trace's; NaN with none. */
    double withinShare(int i) { return delay.count() == 0 ? Double.NaN : (double) within[i] / delay.count(); }
}
