package org.mesocosm.traces;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.traces.io.RowException;

/**
 * What a reader saw: rows read per table, rows skipped per reason (lenient mode), and notes:
 * counts of legal-but-notable things the mapping had to decide about (a task ended before it
 * was seen starting, a machine added without a capacity, ...). Sorted maps, so reports list
 * reasons in the same order on every run.
 */
public final class ReadStats {
    private final Map<String, Long> rowsByTable = new TreeMap<>();
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private final Map<String, String> firstSkipped = new TreeMap<>();
    private final Map<String, Long> notes = new TreeMap<>();
    private final boolean lenient;
    private long rows;
    private long skipped;
    /** {first, last} trace time of the task (instance) and machine event rows read; first = -1 when none. */
    private final long[] taskWindow = {-1, -1};
    private final long[] machineWindow = {-1, -1};

    public ReadStats(boolean lenient) {
        this.lenient = lenient;
    }

    public boolean lenient() { return lenient; }

    public void row(String table) {
        rows++;
        rowsByTable.merge(table, 1L, Long::sum);
    }

    /** Adds {@code n} rows of {@code table} at once (hot loops count locally and flush). */
    public void rows(String table, long n) {
        if (n == 0) return;
        rows += n;
        rowsByTable.merge(table, n, Long::sum);
    }

    /**
     * A malformed row: strict mode stops with {@code file:line: field NAME: reason}; lenient mode
     * counts it (by table, field and reason, without the value) and the caller skips the row.
     */
    public void malformed(String table, String file, long line, RowException e) {
        if (!lenient) throw TraceException.row(file, line, e.field(), e.reason());
        skipped++;
        String key = table + "." + e.reasonKey();
        skippedByReason.merge(key, 1L, Long::sum);
        firstSkipped.putIfAbsent(key, file + ":" + line);
    }

    public void note(String what) {
        notes.merge(what, 1L, Long::sum);
    }

    public void note(String what, long n) {
        if (n != 0) notes.merge(what, n, Long::sum);
    }

    /** Adds counts recorded elsewhere (the trailer of a converted trace). */
    public void absorb(long rowCount, long skippedCount, Map<String, Long> byReason, Map<String, Long> noteCounts) {
        rows += rowCount;
        skipped += skippedCount;
        byReason.forEach((k, v) -> skippedByReason.merge(k, v, Long::sum));
        noteCounts.forEach((k, v) -> notes.merge(k, v, Long::sum));
    }

    /** A well-formed task (instance) event row at trace time {@code t} (rows come in time order). */
    public void taskTime(long t) {
        if (taskWindow[0] < 0) taskWindow[0] = t;
        taskWindow[1] = t;
    }

    /** A well-formed machine event row at trace time {@code t}. */
    public void machineTime(long t) {
        if (machineWindow[0] < 0) machineWindow[0] = t;
        machineWindow[1] = t;
    }

    /** {first, last} trace time (us) of the task event rows read so far, or null when none (or not tracked by the format). */
    public long[] taskWindow() { return taskWindow[0] < 0 ? null : taskWindow.clone(); }

    /** {first, last} trace time (us) of the machine event rows read so far, or null when none. */
    public long[] machineWindow() { return machineWindow[0] < 0 ? null : machineWindow.clone(); }

    public long rows() { return rows; }

    public long skipped() { return skipped; }

    public Map<String, Long> rowsByTable() { return new TreeMap<>(rowsByTable); }

    /** Skipped rows by {@code table.field: reason}, sorted. */
    public Map<String, Long> skippedByReason() { return new TreeMap<>(skippedByReason); }

    /** Where the first row skipped for each reason was ({@code file:line}). */
    public Map<String, String> firstSkipped() { return new TreeMap<>(firstSkipped); }

    public Map<String, Long> notes() { return new TreeMap<>(notes); }

    /** The keys that go into summary.json: {@code trace_rows}, {@code trace_rows_skipped}, ... */
    public Map<String, Object> summaryEntries() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace_rows", rows);
        m.put("trace_rows_skipped", skipped);
        m.put("trace_skipped_by_reason", skippedByReason());
        m.put("trace_notes", notes());
        return m;
    }
}
