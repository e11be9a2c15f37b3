package org.mesocosm.traces.google2011;

import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.RowException;

/**
 * One row of clusterdata-2011-2 {@code task_events} (13 columns), parsed in place: the object is
 * reused for every row, and nothing is allocated unless a field is malformed. Normalized request
 * fields stay as read (-1 when empty); the reader scales them by the declared machine size.
 */
public final class TaskEvent {
    public static final String TABLE = "task_events";
    public static final int COLUMNS = 13;
    static final String[] NAMES = {"time", "missing_info", "job_id", "task_index", "machine_id", "event_type", "user",
        "scheduling_class", "priority", "cpu_request", "memory_request", "disk_space_request", "different_machines_restriction"};
    public static final int USER = 6;

    public long time;
    public long jobId;
    public long taskIndex;
    public long machineId;
    public int eventType;
    public int priority;
    public int schedulingClass;
    public double cpu;
    public double mem;
    public double disk;
    /** different_machines_restriction: no two instances of the job on one machine. */
    public boolean differentMachines;

    private final Fields f = new Fields(NAMES);

    public Fields fields() { return f; }

    /** Parses {@code buf[start, end)}; throws naming the first bad field. */
    public void parse(byte[] buf, int start, int end) throws RowException {
        int n = f.split(buf, start, end, (byte) ',');
        if (n != COLUMNS) throw new RowException("columns", "expected " + COLUMNS, "found " + n);
        time = f.longIn(0, 0, Long.MAX_VALUE);
        if (!f.isEmpty(1)) f.longIn(1, 0, 2);
        jobId = f.longIn(2, 0, Long.MAX_VALUE);
        taskIndex = f.longIn(3, 0, Long.MAX_VALUE);
        machineId = f.longOr(4, -1);
        eventType = (int) f.longIn(5, 0, 8);
        schedulingClass = f.isEmpty(7) ? -1 : (int) f.longIn(7, 0, 3);
        priority = (int) f.longIn(8, 0, 11);
        cpu = nonNegative(9);
        mem = nonNegative(10);
        disk = nonNegative(11);
        differentMachines = !f.isEmpty(12) && f.longIn(12, 0, 1) == 1;
    }

    private double nonNegative(int i) throws RowException {
        double v = f.doubleOr(i, -1);
        if (!f.isEmpty(i) && !(v >= 0 && v <= 1e6)) throw new RowException(f.name(i), "out of range [0, 1e6]", f.string(i));
        return v;
    }
}
