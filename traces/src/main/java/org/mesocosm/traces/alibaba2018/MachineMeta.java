package org.mesocosm.traces.alibaba2018;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.PartReader;
import org.mesocosm.traces.io.RowException;

/**
 * cluster-trace-v2018 {@code machine_meta} (7 columns: machine_id, time_stamp, failure_domain_1,
 * failure_domain_2, cpu_num, mem_size, status), loaded whole and sorted by time: the file is
 * sorted by machine, not time, and holds a few rows per machine (17,592 for the 4,034 machines of
 * the full trace), so its size follows the cluster, not the trace length. Status {@code USING}
 * means the machine is up; any other status (IMPORT_INSTALLING, ...) means it is not.
 */
final class MachineMeta {
    static final String TABLE = "machine_meta";
    static final int COLUMNS = 7;
    private static final String[] NAMES = {"machine_id", "time_stamp", "failure_domain_1", "failure_domain_2", "cpu_num", "mem_size",
        "status"};

    record Row(long timeMicros, String id, Resources capacity, Map<String, String> attributes, String status) {
        boolean using() { return status.equals("USING"); }
    }

    private MachineMeta() {}

    static List<Row> load(List<Path> files, Resources machine, ReadStats stats) {
        List<Row> rows = new ArrayList<>();
        Map<String, Map<String, String>> attrCache = new HashMap<>();
        Fields f = new Fields(NAMES);
        try (PartReader r = new PartReader(files)) {
            while (r.next()) {
                var l = r.line();
                if (l.isEmptyLine()) continue;
                int n = f.split(l.buf(), l.start(), l.end(), (byte) ',');
                if (r.lineNumber() == 1 && f.equalsAscii(0, "machine_id")) continue;
                stats.row(TABLE);
                try {
                    if (n != COLUMNS) throw new RowException("columns", "expected " + COLUMNS, "found " + n);
                    if (f.isEmpty(0)) throw new RowException("machine_id", "missing", "");
                    long t = f.longIn(1, 0, Long.MAX_VALUE / 1_000_000);
                    long cpus = f.longIn(4, 1, 100_000);
                    double mem = f.doubleValue(5);
                    if (!(mem > 0 && mem <= 1e4)) throw new RowException("mem_size", "out of range (0, 10000]", f.string(5));
                    if (f.isEmpty(6)) throw new RowException("status", "missing", "");
                    String fd1 = f.string(2);
                    String fd2 = f.string(3);
                    Map<String, String> attrs = attrCache.computeIfAbsent(fd1 + "\u0000" + fd2, k -> Map.of("fd1", fd1, "fd2", fd2));
                    Resources cap = new Resources(cpus * 1000, Math.max(1, Math.round(mem / 100 * machine.memMiB())), 0, 0);
                    rows.add(new Row(t * 1_000_000, f.string(0), cap, attrs, f.string(6)));
                } catch (RowException e) {
                    stats.malformed(TABLE, r.file(), r.lineNumber(), e);
                }
            }
        }
        // stable sort: rows of one instant keep file order, so the result never depends on hashing
        rows.sort((a, b) -> Long.compare(a.timeMicros(), b.timeMicros()));
        return rows;
    }
}
