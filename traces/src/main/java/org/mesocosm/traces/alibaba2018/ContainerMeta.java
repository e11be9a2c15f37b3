package org.mesocosm.traces.alibaba2018;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.PriorityBands;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.assemble.JobBuilder;
import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.PartReader;
import org.mesocosm.traces.io.RowException;

/**
 * cluster-trace-v2018 {@code container_meta} (8 columns: container_id, machine_id, time_stamp,
 * app_du, status, cpu_request, cpu_limit, mem_size) as long-running services: one SERVICE job per
 * app_du (the deploy unit: containers of one application), arriving at the first time_stamp of
 * any of its containers, with one instance per distinct container. A container's request is its
 * first row's cpu_request (100 = 1 core) and mem_size (percent of the declared machine's memory);
 * later rows of the same container (status changes) are counted, not replayed. Services run until
 * the simulation ends, at production priority (online services in Alibaba's co-located cluster).
 *
 * <p>Loaded whole, like machine_meta: the table follows the number of containers (about 71,000
 * in the full trace), not the trace's length.
 */
final class ContainerMeta {
    static final String TABLE = "container_meta";
    static final int COLUMNS = 8;
    private static final String[] NAMES = {"container_id", "machine_id", "time_stamp", "app_du", "status", "cpu_request", "cpu_limit",
        "mem_size"};

    private static final class App {
        final String name;
        long first = Long.MAX_VALUE;
        final List<Resources> containers = new ArrayList<>();

        App(String name) {
            this.name = name;
        }
    }

    private ContainerMeta() {}

    /** The services, in arrival order ({@code window start} subtracted, clamped at 0); none arriving at or after the window end. */
    static List<TraceRecord> load(List<Path> files, Resources machine, long windowStart, long windowEnd, ReadStats stats) {
        Map<String, App> apps = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Fields f = new Fields(NAMES);
        try (PartReader r = new PartReader(files)) {
            while (r.next()) {
                var l = r.line();
                if (l.isEmptyLine()) continue;
                int n = f.split(l.buf(), l.start(), l.end(), (byte) ',');
                if (r.lineNumber() == 1 && f.equalsAscii(0, "container_id")) continue;
                stats.row(TABLE);
                try {
                    if (n != COLUMNS) throw new RowException("columns", "expected " + COLUMNS, "found " + n);
                    if (f.isEmpty(0)) throw new RowException("container_id", "missing", "");
                    long t = f.longIn(2, 0, Long.MAX_VALUE / 1_000_000);
                    if (f.isEmpty(3)) throw new RowException("app_du", "missing", "");
                    long cpu = f.longIn(5, 0, 100_000);
                    if (!f.isEmpty(6)) f.longIn(6, 0, 100_000);
                    double mem = f.doubleValue(7);
                    if (!(mem >= 0 && mem <= 100)) throw new RowException("mem_size", "out of range [0, 100]", f.string(7));
                    App app = apps.computeIfAbsent(f.string(3), App::new);
                    app.first = Math.min(app.first, t * 1_000_000);
                    if (!seen.add(f.string(0))) {
                        stats.note("container_meta rows repeating a container (first kept)");
                        continue;
                    }
                    long cpuMillis = cpu * 10;
                    long memMiB = Math.round(mem / 100 * machine.memMiB());
                    if (cpuMillis == 0 && memMiB == 0) {
                        stats.note("container request missing or zero (replayed as 1 millicore)");
                        cpuMillis = 1;
                    }
                    app.containers.add(new Resources(cpuMillis, memMiB, 0, 0));
                } catch (RowException e) {
                    stats.malformed(TABLE, r.file(), r.lineNumber(), e);
                }
            }
        }
        List<TraceRecord> out = new ArrayList<>();
        JobBuilder b = new JobBuilder();
        for (App app : apps.values()) {
            if (app.containers.isEmpty()) continue;
            if (app.first >= windowEnd) {
                stats.note("services arriving after the window (not replayed)");
                continue;
            }
            for (Resources req : app.containers) b.add(req, -1, InstanceFacts.UNKNOWN, Outcome.RUNNING_AT_END);
            long at = Math.max(app.first, windowStart) - windowStart;
            out.add(b.build(at, app.name, PriorityBands.band(PriorityBands.PRODUCTION), JobKind.SERVICE, PriorityBands.PRODUCTION));
        }
        // stable: services of one instant keep file order
        out.sort((x, y) -> Long.compare(x.atMicros(), y.atMicros()));
        return out;
    }
}
