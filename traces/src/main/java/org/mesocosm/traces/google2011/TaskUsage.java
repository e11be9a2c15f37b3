package org.mesocosm.traces.google2011;

import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.RowException;

/**
 * One row of clusterdata-2011-2 {@code task_usage} (20 columns; 19 in the first release, without
 * sampled CPU usage): a task's measured usage over one sample window, parsed in place. Only what
 * the replay joins is checked: the window, the task, the mean CPU rate and the canonical memory
 * usage (both normalized like requests).
 */
public final class TaskUsage {
    public static final String TABLE = "task_usage";
    static final String[] NAMES = {"start_time", "end_time", "job_id", "task_index", "machine_id", "cpu_rate",
        "canonical_memory_usage", "assigned_memory_usage", "unmapped_page_cache", "total_page_cache", "maximum_memory_usage",
        "disk_io_time", "local_disk_space_usage", "maximum_cpu_rate", "maximum_disk_io_time", "cycles_per_instruction",
        "memory_accesses_per_instruction", "sample_portion", "aggregation_type", "sampled_cpu_usage"};

    public long start;
    public long end;
    public long jobId;
    public long taskIndex;
    /** Mean CPU rate over the window, or -1 when empty. */
    public double cpu;
    /** Mean canonical memory usage over the window, or -1 when empty. */
    public double mem;

    private final Fields f = new Fields(NAMES);

    /** Parses {@code buf[start, end)}; throws naming the first bad field. */
    public void parse(byte[] buf, int from, int to) throws RowException {
        int n = f.split(buf, from, to, (byte) ',');
        if (n != 19 && n != 20) throw new RowException("columns", "expected 19 or 20", "found " + n);
        start = f.longIn(0, 0, Long.MAX_VALUE);
        end = f.longIn(1, 0, Long.MAX_VALUE);
        if (end < start) throw new RowException(f.name(1), "before start_time", f.string(1));
        jobId = f.longIn(2, 0, Long.MAX_VALUE);
        taskIndex = f.longIn(3, 0, Long.MAX_VALUE);
        cpu = nonNegative(5);
        mem = nonNegative(6);
    }

    private double nonNegative(int i) throws RowException {
        double v = f.doubleOr(i, -1);
        if (!f.isEmpty(i) && !(v >= 0 && v <= 1e6)) throw new RowException(f.name(i), "out of range [0, 1e6]", f.string(i));
        return v;
    }
}
