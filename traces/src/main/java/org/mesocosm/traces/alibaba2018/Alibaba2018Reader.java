package org.mesocosm.traces.alibaba2018;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.assemble.MachineTracker;
import org.mesocosm.traces.assemble.OrderedOutput;
import org.mesocosm.traces.io.PartReader;
import org.mesocosm.traces.io.RowException;
import org.mesocosm.traces.io.TraceFiles;

/**
 * Replays Alibaba cluster-trace-v2018: batch_task as DAG jobs ({@link DagJobBuilder}), with
 * batch_instance's per-instance times, outcomes and usage when present ({@link InstanceJoin}),
 * container_meta as long-running services ({@link ContainerMeta}), and machine_meta as machines
 * up (status USING) and down (any other status). A job's rows are
 * consecutive in batch_task; a job ends where the next one begins. Jobs are only roughly in time
 * order (by up to ~1.5 h in the sample), so they wait in a reorder buffer of
 * {@link #REORDER_MICROS}; a job further out of order than that is a malformed row (lenient mode
 * skips it). plan_cpu 100 = 1 core; plan_mem and mem_size are percentages of the declared
 * machine's memory (default 96 cores, 512 GiB: Alibaba does not publish the real size).
 */
public final class Alibaba2018Reader implements TraceReader {
    public static final Resources DEFAULT_MACHINE = new Resources(96_000, 524_288, 0, 0);
    static final long REORDER_MICROS = 6L * 3_600_000_000L;

    private final String name;
    private final TraceOptions opts;
    private final ReadStats stats;
    private final PartReader rows;
    private final BatchTask row = new BatchTask();
    private final DagJobBuilder builder;
    private final OrderedOutput out = new OrderedOutput();
    private final long memUnit;
    private final InstanceJoin instances;
    private final long start;
    private final List<DagJobBuilder.Task> group = new ArrayList<>();
    private String groupJob;
    private String groupFile;
    private long groupLine;
    private long seq;
    private long maxArrival = Long.MIN_VALUE;
    private long lastEnd;
    private boolean inputDone;
    private long span;

    public Alibaba2018Reader(Path path, TraceOptions opts) {
        this.name = "alibaba2018:" + TraceFiles.display(path);
        this.opts = opts;
        this.stats = new ReadStats(opts.lenient());
        this.builder = new DagJobBuilder(stats);
        Resources m = opts.machineOr(DEFAULT_MACHINE);
        this.memUnit = m.memMiB();
        this.start = opts.windowStartMicros();
        Alibaba2018Layout layout = Alibaba2018Layout.of(path);
        if (layout.batchTask().isEmpty()) throw TraceException.file(TraceFiles.display(path), "no alibaba2018 batch_task found");
        MachineTracker tracker = new MachineTracker(stats);
        for (MachineMeta.Row r : MachineMeta.load(layout.machineMeta(), m, stats)) {
            if (r.timeMicros() >= opts.windowEndMicros()) break;
            long at = Math.max(r.timeMicros(), start) - start;
            WorkloadEvent e;
            if (r.using()) e = tracker.isUp(r.id()) ? null : tracker.add(at, r.id(), r.capacity(), r.attributes());
            else e = tracker.isUp(r.id()) ? tracker.remove(at, r.id(), "status " + r.status() + " (trace)") : null;
            if (e != null) out.add(at, ++seq, new TraceRecord(e, null));
        }
        for (TraceRecord svc : ContainerMeta.load(layout.containerMeta(), m, start, opts.windowEndMicros(), stats)) {
            out.add(svc.atMicros(), ++seq, svc);
        }
        this.rows = new PartReader(layout.batchTask());
        this.instances = new InstanceJoin(layout.batchInstance(), stats);
    }

    @Override
    public String name() { return name; }

    @Override
    public ReadStats stats() { return stats; }

    @Override
    public long spanMicros() { return span; }

    @Override
    public TraceRecord next() {
        while (true) {
            if (inputDone) {
                // machine events and services after the last task are not replayed: the replay ends with the batch work
                if (out.peekTime() <= span) return out.pollAny();
                for (TraceRecord late = out.pollAny(); late != null; late = out.pollAny()) {
                    if (late.facts() != null) stats.note("services arriving after the last batch task (not replayed)");
                }
                return null;
            }
            TraceRecord r = maxArrival == Long.MIN_VALUE ? null : out.poll(maxArrival - REORDER_MICROS, 0);
            if (r != null) return r;
            step();
        }
    }

    private void step() {
        while (rows.next()) {
            var l = rows.line();
            if (l.isEmptyLine() || rows.lineNumber() == 1 && row.isHeader(l.buf(), l.start(), l.end())) continue;
            stats.row(BatchTask.TABLE);
            try {
                row.parse(l.buf(), l.start(), l.end());
            } catch (RowException e) {
                stats.malformed(BatchTask.TABLE, rows.file(), rows.lineNumber(), e);
                continue;
            }
            if (opts.windowEndMicros() != Long.MAX_VALUE && row.start * 1_000_000 >= opts.windowEndMicros() + REORDER_MICROS) {
                break; // far enough past the window that no job inside it can follow
            }
            boolean newJob = groupJob != null && !groupJob.equals(row.jobName);
            if (newJob) flush(row.jobName);
            if (groupJob == null) {
                groupJob = row.jobName;
                groupFile = rows.file();
                groupLine = rows.lineNumber();
            }
            add();
            if (newJob) return;
        }
        flush(null);
        span = Math.max(0, Math.min(lastEnd, opts.windowEndMicros()) - start);
        inputDone = true;
        rows.close();
        instances.finish();
    }

    private void add() {
        long s = row.start * 1_000_000;
        long e = row.end * 1_000_000;
        boolean open = row.outcome == Outcome.RUNNING_AT_END || row.outcome == Outcome.PENDING_AT_END;
        if (!open) lastEnd = Math.max(lastEnd, e);
        else lastEnd = Math.max(lastEnd, s);
        if (!open && e <= start) {
            stats.note("task ended before the window (not replayed)");
            return;
        }
        if (s >= opts.windowEndMicros()) {
            stats.note("task started after the window (not replayed)");
            return;
        }
        long cpu = row.cpu < 0 ? 0 : Math.round(row.cpu * 10);
        long mem = row.mem < 0 ? 0 : Math.round(row.mem / 100 * memUnit);
        if (cpu == 0 && mem == 0) {
            stats.note("task request missing or zero (replayed as 1 millicore)");
            cpu = 1;
        }
        long effStart = Math.max(s, start);
        group.add(new DagJobBuilder.Task(row.taskName, row.instances, row.outcome, effStart, open ? effStart : Math.max(e, effStart),
                new Resources(cpu, mem, 0, 0)));
    }

    private void flush(String next) {
        if (groupJob != null && !instances.isEmpty()) measure(instances.take(groupJob, next));
        if (group.isEmpty()) {
            groupJob = null;
            return;
        }
        long arrival = Long.MAX_VALUE;
        for (DagJobBuilder.Task t : group) arrival = Math.min(arrival, t.startMicros());
        arrival -= start;
        if (arrival < out.lastReleased()) {
            stats.malformed(BatchTask.TABLE, groupFile, groupLine, new RowException("start_time", "out of order",
                    "job " + groupJob + " starts " + (out.lastReleased() - arrival) / 1_000_000 + " s before jobs already replayed (reorder window "
                            + REORDER_MICROS / 3_600_000_000L + " h)"));
        } else {
            for (TraceRecord r : builder.build(groupJob, group, arrival)) out.add(arrival, ++seq, r);
            maxArrival = Math.max(maxArrival, arrival);
        }
        group.clear();
        groupJob = null;
    }

    /**
     * Gives each task of the job its batch_instance rows: per-instance run times (from the
     * instance's own start and end, clipped at the window start) and outcomes, and the mean
     * cpu_avg / mem_avg as usage. Instances still running or waiting run until the end in a task
     * that does; in a task that ended, they run until the task's end.
     */
    private void measure(Map<String, List<InstanceJoin.Inst>> byTask) {
        for (int i = 0; i < group.size(); i++) {
            DagJobBuilder.Task t = group.get(i);
            List<InstanceJoin.Inst> inst = byTask.remove(t.name());
            if (inst == null) continue;
            boolean foreverTask = t.outcome() == Outcome.RUNNING_AT_END || t.outcome() == Outcome.PENDING_AT_END;
            long[] durations = new long[inst.size()];
            byte[] outcomes = new byte[inst.size()];
            double cpu = 0;
            double mem = 0;
            int cpuN = 0;
            int memN = 0;
            for (int j = 0; j < inst.size(); j++) {
                InstanceJoin.Inst x = inst.get(j);
                boolean open = x.outcome() == Outcome.RUNNING_AT_END || x.outcome() == Outcome.PENDING_AT_END;
                long from = Math.max(x.startMicros(), start);
                if (foreverTask) durations[j] = -1;
                else if (open) durations[j] = Math.max(0, t.endMicros() - from);
                else durations[j] = x.outcome().wasScheduled() && x.startMicros() > 0 ? Math.max(0, x.endMicros() - from) : 0;
                outcomes[j] = (byte) x.outcome().ordinal();
                if (x.cpuAvg() >= 0) {
                    cpu += x.cpuAvg() * 10;
                    cpuN++;
                }
                if (x.memAvg() >= 0) {
                    mem += x.memAvg() / 100 * memUnit;
                    memN++;
                }
            }
            if (inst.size() != t.instances()) stats.note("task instance_num differs from its batch_instance rows (rows replayed)");
            Resources usage = cpuN == 0 && memN == 0 ? null
                    : new Resources(cpuN == 0 ? t.request().cpuMillis() : Math.round(cpu / cpuN), memN == 0 ? t.request().memMiB() : Math.round(mem / memN), 0, 0);
            group.set(i, t.with(new DagJobBuilder.Measured(durations, outcomes, usage)));
        }
        for (List<InstanceJoin.Inst> left : byTask.values()) stats.note("batch_instance rows of a task not replayed from batch_task (not joined)", left.size());
    }

    @Override
    public void close() {
        instances.close();
        rows.close();
    }
}
