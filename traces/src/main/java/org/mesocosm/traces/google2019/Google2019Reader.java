package org.mesocosm.traces.google2019;

import java.nio.file.Path;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.traces.PriorityBands;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.assemble.AttemptAssembler;
import org.mesocosm.traces.assemble.AttemptAssembler.Kind;
import org.mesocosm.traces.io.PartReader;
import org.mesocosm.traces.io.RowException;
import org.mesocosm.traces.io.TraceFiles;

/**
 * Replays Google ClusterData 2019 (v3) exported as JSON lines, sorted by time: instance_events
 * merged with machine_events. Same event model as 2011 (see {@link AttemptAssembler}), with 2019's
 * types (0 SUBMIT, 1 QUEUE, 2 ENABLE, 3 SCHEDULE, 4 EVICT, 5 FAIL, 6 FINISH, 7 KILL, 8 LOST, 9-10
 * UPDATE): QUEUE and ENABLE are steps of waiting, so queueing delay is still SUBMIT to SCHEDULE.
 * Priorities map to the common scale by tier ({@link PriorityBands#fromGoogle2019}).
 *
 * <p>Only instances of jobs (collection_type 0) are replayed. Instances of alloc sets
 * (collection_type 1) are reservations that jobs' tasks run inside; replaying them as well would
 * count the same resources twice. They are counted in the notes. Events stamped after the end of
 * the trace (2^63-1) end the replay. collection_events is read by {@code trace inspect} only.
 * Machine constraints become Marathon-style constraints where one can say them
 * ({@link Google2019Constraints}); the submitting event's are kept. machine_attributes, when
 * present, gives machines the attributes those constraints test ({@link MachineAttributes}).
 */
public final class Google2019Reader implements TraceReader {
    /** 1.0 NCU and 1.0 NMU: the declared machine when none is given (as for 2011). */
    public static final Resources DEFAULT_MACHINE = new Resources(32_000, 131_072, 0, 0);
    private static final Kind[] KINDS = {Kind.SUBMIT, Kind.UPDATE, Kind.UPDATE, Kind.SCHEDULE, Kind.EVICT, Kind.FAIL, Kind.FINISH,
        Kind.KILL, Kind.LOST, Kind.UPDATE, Kind.UPDATE};
    private static final long AFTER_END = 1L << 62;

    private final String name;
    private final TraceOptions opts;
    private final ReadStats stats;
    private final AttemptAssembler asm;
    private final PartReader instances;
    private final PartReader machines;
    private final java.util.List<Path> collectionTables;
    private final MachineAttributes attributes;
    private final JsonRow inst = new JsonRow();
    private final JsonRow mach = new JsonRow();
    private final long cpuUnit;
    private final long memUnit;
    private long instTime;
    private long machTime;
    private boolean instPending;
    private boolean machPending;
    private boolean machinesDone;
    private boolean inputDone;
    private long span;

    public Google2019Reader(Path path, TraceOptions opts) {
        this.name = "google2019:" + TraceFiles.display(path);
        this.opts = opts;
        this.stats = new ReadStats(opts.lenient());
        this.asm = new AttemptAssembler(opts, stats);
        Resources m = opts.machineOr(DEFAULT_MACHINE);
        cpuUnit = m.cpuMillis();
        memUnit = m.memMiB();
        Google2019Layout layout = Google2019Layout.of(path);
        if (layout.instanceEvents().isEmpty()) throw TraceException.file(TraceFiles.display(path), "no google2019 instance_events found");
        instances = new PartReader(layout.instanceEvents());
        machines = new PartReader(layout.machineEvents());
        collectionTables = layout.collectionEvents();
        attributes = new MachineAttributes(layout.machineAttributes(), stats);
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
            TraceRecord r = asm.poll();
            if (r != null) return r;
            if (inputDone) return null;
            step();
        }
    }

    private void step() {
        if (!instPending) instPending = read(instances, inst, Google2019Layout.INSTANCES, true);
        if (!instPending || instTime >= AFTER_END || instTime >= opts.windowEndMicros()) {
            if (instPending && instTime >= AFTER_END) stats.note("events after the end of the trace not replayed");
            endInput(instPending ? Math.min(instTime, opts.windowEndMicros()) : lastTime);
            return;
        }
        if (!machPending && !machinesDone) {
            machPending = read(machines, mach, Google2019Layout.MACHINES, false);
            machinesDone = !machPending;
        }
        if (machPending && machTime <= instTime) {
            machPending = false;
            asm.advance(machTime);
            attributes.advance(machTime);
            applyMachine();
            return;
        }
        instPending = false;
        asm.advance(instTime);
        applyInstance();
    }

    private long lastTime;

    private void endInput(long end) {
        span = asm.rel(Math.min(end, AFTER_END));
        asm.finish();
        inputDone = true;
        instances.close();
        machines.close();
        attributes.close();
        checkCollections();
    }

    /**
     * collection_events: each instance event already carries its collection's type and priority,
     * so the replay needs nothing from it; its rows are read and checked (time, type, collection
     * id, priority) so a damaged table is reported rather than ignored.
     */
    private void checkCollections() {
        if (collectionTables.isEmpty()) return;
        JsonRow row = new JsonRow();
        try (PartReader r = new PartReader(collectionTables)) {
            while (r.next()) {
                var l = r.line();
                if (l.isEmptyLine()) continue;
                stats.row(Google2019Layout.COLLECTIONS);
                try {
                    row.parse(l.buf(), l.start(), l.end());
                    if (row.longValue("time") < 0) throw new RowException("time", "negative", Long.toString(row.longValue("time")));
                    long type = row.longValue("type");
                    if (type < 0 || type > 10) throw new RowException("type", "out of range [0, 10]", Long.toString(type));
                    row.longValue("collection_id");
                    row.longOr("priority", 0);
                } catch (RowException e) {
                    stats.malformed(Google2019Layout.COLLECTIONS, r.file(), r.lineNumber(), e);
                }
            }
        }
    }

    private boolean read(PartReader r, JsonRow row, String table, boolean instance) {
        while (r.next()) {
            var l = r.line();
            if (l.isEmptyLine()) continue;
            stats.row(table);
            try {
                row.parse(l.buf(), l.start(), l.end());
                long t = row.longValue("time");
                if (t < 0) throw new RowException("time", "negative", Long.toString(t));
                long prev = instance ? instTime : machTime;
                if (t < prev) throw new RowException("time", "goes back in time", t + " after " + prev);
                if (instance) {
                    long type = row.longValue("type");
                    if (type < 0 || type > 10) throw new RowException("type", "out of range [0, 10]", Long.toString(type));
                    row.longValue("collection_id");
                    row.longValue("instance_index");
                    row.amount("resource_request.cpus");
                    row.amount("resource_request.memory");
                    Google2019Constraints.map(row.constraints(), null);
                    instTime = t;
                    stats.taskTime(t);
                    if (t < AFTER_END) lastTime = t;
                } else {
                    long type = row.longValue("type");
                    if (type < 0 || type > 2) throw new RowException("type", "out of range [0, 2]", Long.toString(type));
                    row.longValue("machine_id");
                    machTime = t;
                    stats.machineTime(t);
                }
                return true;
            } catch (RowException e) {
                stats.malformed(table, r.file(), r.lineNumber(), e);
            }
        }
        return false;
    }

    private void applyInstance() {
        try {
            if (inst.longOr("collection_type", 0) != 0) {
                stats.note("alloc-set instance events not replayed");
                return;
            }
            int type = (int) inst.longValue("type");
            int priority = PriorityBands.fromGoogle2019(inst.longOr("priority", 0));
            double cpu = inst.amount("resource_request.cpus");
            double mem = inst.amount("resource_request.memory");
            String user = opts.roles() == TraceOptions.RoleBy.USER && inst.string("user") != null
                    ? "u:" + inst.string("user").substring(0, Math.min(10, inst.string("user").length())) : null;
            asm.task(instTime, inst.longValue("collection_id"), inst.longValue("instance_index"), KINDS[type], priority,
                    cpu < 0 ? -1 : Math.round(cpu * cpuUnit), mem < 0 ? -1 : Math.round(mem * memUnit), user,
                    Google2019Constraints.map(inst.constraints(), type == 0 ? stats : null));
        } catch (RowException e) {
            throw new IllegalStateException("validated row failed to parse", e);
        }
    }

    private void applyMachine() {
        try {
            long machineId = mach.longValue("machine_id");
            String id = Long.toString(machineId);
            switch ((int) mach.longValue("type")) {
                case 0 -> {
                    double cpu = mach.amount("capacity.cpus");
                    double mem = mach.amount("capacity.memory");
                    if (cpu <= 0 || mem <= 0) {
                        stats.note("machine added without a capacity (not replayed)");
                        return;
                    }
                    String platform = mach.string("platform_id");
                    asm.machineUp(machTime, id, new Resources(Math.max(1, Math.round(cpu * cpuUnit)), Math.max(1, Math.round(mem * memUnit)), 0, 0),
                            attributes.up(machineId, platform == null ? Map.of() : Map.of("platform", platform.substring(0, Math.min(8, platform.length())))));
                }
                case 1 -> {
                    attributes.down(machineId);
                    asm.machineDown(machTime, id, "removed (trace)");
                }
                default -> stats.note("machine update not replayed (capacity changes ignored)");
            }
        } catch (RowException e) {
            throw new IllegalStateException("validated row failed to parse", e);
        }
    }

    @Override
    public void close() {
        instances.close();
        machines.close();
        attributes.close();
    }
}
