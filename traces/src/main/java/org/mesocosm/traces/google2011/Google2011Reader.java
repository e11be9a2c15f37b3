package org.mesocosm.traces.google2011;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TaskTraits;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.assemble.AttemptAssembler;
import org.mesocosm.traces.io.ByteInterner;
import org.mesocosm.traces.io.PartReader;
import org.mesocosm.traces.io.RowException;
import org.mesocosm.traces.io.TraceFiles;

/**
 * Replays Google clusterdata-2011-2: task_events (jobs, tasks, requests, priorities, run times)
 * merged by time with machine_events (machines added, removed) and, when present, task_usage
 * (each attempt's measured usage: the sample-length-weighted mean CPU rate and canonical memory
 * usage of the samples that start while it is open; see {@link #joinUsage}). Requests and capacities are
 * normalized in the trace (1.0 = the largest machine); they are scaled by the declared machine
 * size, 32 cores and 128 GiB unless {@code --machine} says otherwise. Disk requests are not
 * replayed: machine_events records no disk capacity.
 *
 * <p>Machine UPDATE events (capacity changes) are counted, not replayed. Machine events after the
 * last task event are not replayed either: an excerpt of task_events beside a month of
 * machine_events should end where the tasks end. On a time tie, machine events come first, so the
 * time-0 machines are there when the time-0 tasks arrive.
 */
public final class Google2011Reader implements TraceReader {
    private static final AttemptAssembler.Kind[] KINDS = {AttemptAssembler.Kind.SUBMIT, AttemptAssembler.Kind.SCHEDULE,
        AttemptAssembler.Kind.EVICT, AttemptAssembler.Kind.FAIL, AttemptAssembler.Kind.FINISH, AttemptAssembler.Kind.KILL,
        AttemptAssembler.Kind.LOST, AttemptAssembler.Kind.UPDATE, AttemptAssembler.Kind.UPDATE};

    private final String name;
    private final TraceOptions opts;
    private final ReadStats stats;
    private final AttemptAssembler asm;
    private final PartReader tasks;
    private final PartReader machines;
    private final PartReader usage;
    private final TaskUsage sample = new TaskUsage();
    private boolean usagePending;
    private boolean usageDone;
    private long lastUsageStart;
    private long usageRows;
    private final java.util.List<Path> jobTables;
    private final TaskEvent task = new TaskEvent();
    private final MachineEvent machine = new MachineEvent();
    private final ByteInterner users = new ByteInterner(h -> "u:" + h.substring(0, Math.min(10, h.length())));
    private final Map<String, Map<String, String>> platforms = new HashMap<>();
    private final long cpuUnit;
    private final long memUnit;
    private boolean taskPending;
    private boolean machinePending;
    private boolean machinesDone;
    private boolean inputDone;
    private long lastTaskTime;
    private long lastMachineTime;
    private long taskRows;
    private long machineRows;
    private long span;

    public Google2011Reader(Path path, TraceOptions opts) {
        this.name = "google2011:" + TraceFiles.display(path);
        this.opts = opts;
        this.stats = new ReadStats(opts.lenient());
        this.asm = new AttemptAssembler(opts, stats);
        Resources m = opts.machineOr(DEFAULT_MACHINE);
        this.cpuUnit = m.cpuMillis();
        this.memUnit = m.memMiB();
        Google2011Layout layout = Google2011Layout.of(path);
        if (layout.taskEvents().isEmpty()) {
            throw TraceException.file(TraceFiles.display(path), "no google2011 task_events found (a task_events/ directory, or part files of 13 columns)");
        }
        this.tasks = new PartReader(layout.taskEvents());
        this.machines = new PartReader(layout.machineEvents());
        this.usage = new PartReader(layout.taskUsage());
        this.usageDone = layout.taskUsage().isEmpty();
        this.jobTables = layout.jobEvents();
    }

    /** 1.0 normalized CPU = 32 cores, 1.0 memory = 128 GiB: the declared size when none is given. */
    public static final Resources DEFAULT_MACHINE = new Resources(32_000, 131_072, 0, 0);

    @Override
    public String name() { return name; }

    @Override
    public ReadStats stats() { return stats; }

    @Override
    public long spanMicros() { return span; }

    @Override
    public TraceRecord next() {
        while (true) {
            TraceRecord r = asm.poll();
            if (r != null) return r;
            if (inputDone) return null;
            step();
        }
    }

    /** Reads one input row (the earlier of the next machine and task rows) into the assembler. */
    private void step() {
        if (!taskPending) taskPending = readTask();
        if (!taskPending) {
            endInput(lastTaskTime);
            return;
        }
        if (!machinePending && !machinesDone) {
            machinePending = readMachine();
            machinesDone = !machinePending;
        }
        if (machinePending && machine.time <= task.time) {
            machinePending = false;
            if (machine.time >= opts.windowEndMicros()) {
                machinesDone = true;
                return;
            }
            asm.advance(machine.time);
            applyMachine();
            return;
        }
        taskPending = false;
        if (task.time >= opts.windowEndMicros()) {
            endInput(opts.windowEndMicros());
            return;
        }
        joinUsage(task.time);
        asm.advance(task.time);
        applyTask();
    }

    private void endInput(long endTime) {
        span = asm.rel(endTime);
        asm.finish();
        inputDone = true;
        drainMachines();
        checkJobEvents();
        stats.rows(TaskEvent.TABLE, taskRows);
        stats.rows(MachineEvent.TABLE, machineRows);
        if (!usageDone && (usagePending || readUsage())) stats.note("task_usage: rows after the last replayed task event (not read)");
        stats.rows(TaskUsage.TABLE, usageRows);
        taskRows = 0;
        machineRows = 0;
        usageRows = 0;
        tasks.close();
        machines.close();
        usage.close();
    }

    /**
     * Joins the task_usage samples that start by trace time {@code t} to the attempts open now,
     * before the task events of {@code t} end or settle them. Both tables are in time order, so
     * this holds one sample at a time: usage costs no memory beyond the open attempts.
     */
    private void joinUsage(long t) {
        while (!usageDone) {
            if (!usagePending) {
                usagePending = readUsage();
                if (!usagePending) {
                    usageDone = true;
                    return;
                }
            }
            if (sample.start > t) return;
            usagePending = false;
            double cpu = sample.cpu < 0 ? -1 : sample.cpu * cpuUnit;
            double mem = sample.mem < 0 ? -1 : sample.mem * memUnit;
            if (!asm.usage(sample.start, sample.end, sample.jobId, sample.taskIndex, cpu, mem)) {
                stats.note("task_usage samples of no open task attempt (not joined)");
            }
        }
    }

    /** The next well-formed usage row, or false at the end of the table. */
    private boolean readUsage() {
        while (usage.next()) {
            var l = usage.line();
            if (l.isEmptyLine()) continue;
            usageRows++;
            try {
                sample.parse(l.buf(), l.start(), l.end());
                if (sample.start < lastUsageStart) stats.note("task_usage samples out of time order (joined to the attempt open when read)");
                lastUsageStart = Math.max(lastUsageStart, sample.start);
                return true;
            } catch (RowException e) {
                stats.malformed(TaskUsage.TABLE, usage.file(), usage.lineNumber(), e);
            }
        }
        return false;
    }

    /** The next well-formed task row, or false at the end of the table. */
    private boolean readTask() {
        while (tasks.next()) {
            var l = tasks.line();
            if (l.isEmptyLine()) continue;
            taskRows++;
            try {
                task.parse(l.buf(), l.start(), l.end());
                if (task.time < lastTaskTime) {
                    throw new RowException("time", "goes back in time", task.time + " after " + lastTaskTime);
                }
                lastTaskTime = task.time;
                stats.taskTime(task.time);
                return true;
            } catch (RowException e) {
                stats.malformed(TaskEvent.TABLE, tasks.file(), tasks.lineNumber(), e);
            }
        }
        return false;
    }

    /**
     * Reads (and checks) the machine rows past the end of the tasks, so a malformed row anywhere
     * in the table is reported and the notes say how many machine events were not replayed.
     */
    private void drainMachines() {
        long later = machinePending ? 1 : 0;
        machinePending = false;
        while (!machinesDone && readMachine()) later++;
        machinesDone = true;
        stats.note("machine events after the end of the task events (read, not replayed)", later);
    }

    /**
     * job_events adds nothing the replay needs (task_events repeats each job's user and priority),
     * but its rows are read and checked, so a damaged table is reported rather than ignored.
     */
    private void checkJobEvents() {
        if (jobTables.isEmpty()) return;
        JobEvent job = new JobEvent();
        long rows = 0;
        try (PartReader jobs = new PartReader(jobTables)) {
            while (jobs.next()) {
                var l = jobs.line();
                if (l.isEmptyLine()) continue;
                rows++;
                try {
                    job.parse(l.buf(), l.start(), l.end());
                } catch (RowException e) {
                    stats.malformed(JobEvent.TABLE, jobs.file(), jobs.lineNumber(), e);
                }
            }
        }
        stats.rows(JobEvent.TABLE, rows);
    }

    private boolean readMachine() {
        while (machines.next()) {
            var l = machines.line();
            if (l.isEmptyLine()) continue;
            machineRows++;
            try {
                machine.parse(l.buf(), l.start(), l.end());
                if (machine.time < lastMachineTime) {
                    throw new RowException("time", "goes back in time", machine.time + " after " + lastMachineTime);
                }
                lastMachineTime = machine.time;
                stats.machineTime(machine.time);
                return true;
            } catch (RowException e) {
                stats.malformed(MachineEvent.TABLE, machines.file(), machines.lineNumber(), e);
            }
        }
        return false;
    }

    private void applyTask() {
        String user = null;
        if (opts.roles() == TraceOptions.RoleBy.USER && !task.fields().isEmpty(TaskEvent.USER)) {
            var f = task.fields();
            user = users.intern(f.buf(), f.start(TaskEvent.USER), f.end(TaskEvent.USER));
        }
        long cpu = task.cpu < 0 ? -1 : Math.round(task.cpu * cpuUnit);
        long mem = task.mem < 0 ? -1 : Math.round(task.mem * memUnit);
        asm.task(task.time, task.jobId, task.taskIndex, KINDS[task.eventType], task.priority, cpu, mem, user,
                task.differentMachines ? TaskTraits.UNIQUE_HOST : TaskTraits.NONE);
    }

    private void applyMachine() {
        String id = Long.toString(machine.machineId);
        switch (machine.eventType) {
            case MachineEvent.ADD -> {
                if (machine.cpus <= 0 || machine.memory <= 0) {
                    stats.note("machine added without a capacity (not replayed)");
                    return;
                }
                Resources cap = new Resources(Math.max(1, Math.round(machine.cpus * cpuUnit)), Math.max(1, Math.round(machine.memory * memUnit)), 0, 0);
                asm.machineUp(machine.time, id, cap, platform());
            }
            case MachineEvent.REMOVE -> asm.machineDown(machine.time, id, "removed (trace)");
            default -> stats.note("machine update not replayed (capacity changes ignored)");
        }
    }

    /** {@code platform=<first 8 chars of the hash>}, one shared map per platform. */
    private Map<String, String> platform() {
        var f = machine.fields();
        if (f.isEmpty(3)) return Map.of();
        String p = f.string(3);
        return platforms.computeIfAbsent(p, k -> Map.of("platform", k.substring(0, Math.min(8, k.length()))));
    }

    @Override
    public void close() {
        tasks.close();
        machines.close();
        usage.close();
    }
}
