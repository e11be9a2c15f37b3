package org.mesocosm.traces.alibaba2018;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.io.PartReader;
import org.mesocosm.traces.io.RowException;

/**
 * Joins batch_instance to batch_task by job, streaming: a merge join that holds the instance rows
 * of one job at a time. It needs batch_instance to list jobs in batch_task's order (each job's
 * rows together), the way the tables are when both come from one sort or one per-job export.
 * Rows of a job that is neither the one being joined nor the next one in batch_task are skipped
 * and counted in the notes ("batch_instance rows out of batch_task's job order"), so a table in
 * another order shows up as a large count there rather than as a wrong replay; those jobs fall
 * back to batch_task's task-level times.
 */
final class InstanceJoin implements AutoCloseable {
    record Inst(long startMicros, long endMicros, Outcome outcome, double cpuAvg, double memAvg) {}

    private final PartReader rows;
    private final BatchInstance row = new BatchInstance();
    private final ReadStats stats;
    private boolean pending;
    private boolean done;

    InstanceJoin(List<Path> files, ReadStats stats) {
        this.rows = new PartReader(files);
        this.stats = stats;
        this.done = files.isEmpty();
    }

    boolean isEmpty() { return done && !pending; }

    /**
     * The instance rows of {@code job} by task name, in file order. Stops at the first row of
     * {@code next} (the job batch_task lists after it; null at its end), which is kept for the next call.
     */
    Map<String, List<Inst>> take(String job, String next) {
        Map<String, List<Inst>> out = new LinkedHashMap<>();
        while (true) {
            if (!pending && !(pending = read())) return out;
            if (row.isJob(job)) {
                out.computeIfAbsent(row.taskName, k -> new ArrayList<>())
                        .add(new Inst(row.start * 1_000_000, row.end * 1_000_000, row.outcome, row.cpuAvg, row.memAvg));
                pending = false;
            } else if (next != null && row.isJob(next)) {
                return out;
            } else if (next == null) {
                return out;
            } else {
                stats.note("batch_instance rows out of batch_task's job order (not joined)");
                pending = false;
            }
        }
    }

    /** At the end of batch_task: notes whether instance rows were left unread. */
    void finish() {
        if (pending || (!done && read())) stats.note("batch_instance: rows after the last replayed batch_task job (not read)");
        pending = false;
        done = true;
        rows.close();
    }

    private boolean read() {
        if (done) return false;
        while (rows.next()) {
            var l = rows.line();
            if (l.isEmptyLine() || rows.lineNumber() == 1 && row.isHeader(l.buf(), l.start(), l.end())) continue;
            stats.row(BatchInstance.TABLE);
            try {
                row.parse(l.buf(), l.start(), l.end());
                return true;
            } catch (RowException e) {
                stats.malformed(BatchInstance.TABLE, rows.file(), rows.lineNumber(), e);
            }
        }
        done = true;
        return false;
    }

    @Override
    public void close() {
        rows.close();
    }
}
