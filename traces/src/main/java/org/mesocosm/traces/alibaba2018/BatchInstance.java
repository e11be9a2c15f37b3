package org.mesocosm.traces.alibaba2018;

import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.RowException;

/**
 * One row of cluster-trace-v2018 {@code batch_instance} (14 columns): instance_name, task_name,
 * job_name, task_type, status, start_time, end_time (seconds), machine_id, seq_no, total_seq_no,
 * cpu_avg, cpu_max (100 = 1 core), mem_avg, mem_max (normalized, 100 = the declared machine's
 * memory). Statuses are batch_task's.
 */
final class BatchInstance {
    static final String TABLE = "batch_instance";
    static final int COLUMNS = 14;
    static final String[] NAMES = {"instance_name", "task_name", "job_name", "task_type", "status", "start_time", "end_time",
        "machine_id", "seq_no", "total_seq_no", "cpu_avg", "cpu_max", "mem_avg", "mem_max"};

    final Fields f = new Fields(NAMES);
    String taskName;
    String jobName;
    Outcome outcome;
    long start;
    long end;
    /** Mean CPU used (100 = 1 core), or -1 when empty. */
    double cpuAvg;
    /** Mean memory used (normalized), or -1 when empty. */
    double memAvg;

    boolean isHeader(byte[] buf, int start, int end) {
        f.split(buf, start, end, (byte) ',');
        return f.equalsAscii(0, "instance_name");
    }

    void parse(byte[] buf, int s, int e) throws RowException {
        int n = f.split(buf, s, e, (byte) ',');
        if (n != COLUMNS) throw new RowException("columns", "expected " + COLUMNS, "found " + n);
        if (f.isEmpty(1)) throw new RowException("task_name", "missing", "");
        if (f.isEmpty(2)) throw new RowException("job_name", "missing", "");
        outcome = BatchTask.status(f, 4);
        start = f.longIn(5, 0, Long.MAX_VALUE / 1_000_000);
        end = f.longIn(6, 0, Long.MAX_VALUE / 1_000_000);
        if (outcome.wasScheduled() && outcome != Outcome.RUNNING_AT_END && end < start) {
            throw new RowException("end_time", "before start_time", end + " < " + start);
        }
        cpuAvg = amount(10);
        memAvg = amount(12);
        taskName = f.string(1);
        jobName = f.string(2);
    }

    /** True when this row belongs to the job named {@code job}, compared in place. */
    boolean isJob(String job) {
        return jobName.equals(job);
    }

    private double amount(int i) throws RowException {
        double v = f.doubleOr(i, -1);
        if (!f.isEmpty(i) && !(v >= 0 && v <= 1e6)) throw new RowException(f.name(i), "out of range [0, 1e6]", f.string(i));
        return v;
    }
}
