package org.mesocosm.traces.alibaba2018;

import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.RowException;

/**
 * One row of cluster-trace-v2018 {@code batch_task} (9 columns): task_name, instance_num,
 * job_name, task_type, status, start_time, end_time (seconds), plan_cpu (100 = 1 core),
 * plan_mem (normalized, 100 = the declared machine's memory).
 */
final class BatchTask {
    static final String TABLE = "batch_task";
    static final int COLUMNS = 9;
    static final String[] NAMES = {"task_name", "instance_num", "job_name", "task_type", "status", "start_time", "end_time",
        "plan_cpu", "plan_mem"};

    final Fields f = new Fields(NAMES);
    String taskName;
    String jobName;
    int instances;
    Outcome outcome;
    long start;
    long end;
    double cpu;
    double mem;

    /** True when the line is the header some copies carry. */
    boolean isHeader(byte[] buf, int start, int end) {
        f.split(buf, start, end, (byte) ',');
        return f.equalsAscii(0, "task_name");
    }

    void parse(byte[] buf, int s, int e) throws RowException {
        int n = f.split(buf, s, e, (byte) ',');
        if (n != COLUMNS) throw new RowException("columns", "expected " + COLUMNS, "found " + n);
        if (f.isEmpty(0)) throw new RowException("task_name", "missing", "");
        if (f.isEmpty(2)) throw new RowException("job_name", "missing", "");
        instances = (int) f.longIn(1, 1, 1_000_000);
        outcome = status(f, 4);
        start = f.longIn(5, 0, Long.MAX_VALUE / 1_000_000);
        end = f.longIn(6, 0, Long.MAX_VALUE / 1_000_000);
        if (outcome.wasScheduled() && outcome != Outcome.RUNNING_AT_END && end < start) {
            throw new RowException("end_time", "before start_time", end + " < " + start);
        }
        cpu = amount(7);
        mem = amount(8);
        taskName = f.string(0);
        jobName = f.string(2);
    }

    private double amount(int i) throws RowException {
        double v = f.doubleOr(i, -1);
        if (!f.isEmpty(i) && !(v >= 0 && v <= 1e6)) throw new RowException(f.name(i), "out of range [0, 1e6]", f.string(i));
        return v;
    }

    /** Terminated, Failed, Cancelled/Interrupted, Running, Waiting/Ready (batch_task and batch_instance alike). */
    static Outcome status(Fields f, int i) throws RowException {
        if (f.equalsAscii(i, "Terminated")) return Outcome.FINISHED;
        if (f.equalsAscii(i, "Failed")) return Outcome.FAILED;
        if (f.equalsAscii(i, "Cancelled") || f.equalsAscii(i, "Interrupted")) return Outcome.KILLED;
        if (f.equalsAscii(i, "Running")) return Outcome.RUNNING_AT_END;
        if (f.equalsAscii(i, "Waiting") || f.equalsAscii(i, "Ready")) return Outcome.PENDING_AT_END;
        throw new RowException("status", "unknown status", "'" + f.string(i) + "'");
    }
}
