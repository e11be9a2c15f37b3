package org.mesocosm.traces.google2011;

import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.RowException;

/**
 * One row of clusterdata-2011-2 {@code job_events} (8 columns). The replay takes everything it
 * needs from task_events (each row repeats the job's user and priority); job_events is read by
 * {@code trace inspect} to count jobs and validate the table.
 */
public final class JobEvent {
    public static final String TABLE = "job_events";
    public static final int COLUMNS = 8;
    static final String[] NAMES = {"time", "missing_info", "job_id", "event_type", "user", "scheduling_class", "job_name",
        "logical_job_name"};

    public long time;
    public long jobId;
    public int eventType;

    private final Fields f = new Fields(NAMES);

    public void parse(byte[] buf, int start, int end) throws RowException {
        int n = f.split(buf, start, end, (byte) ',');
        if (n != COLUMNS) throw new RowException("columns", "expected " + COLUMNS, "found " + n);
        time = f.longIn(0, 0, Long.MAX_VALUE);
        if (!f.isEmpty(1)) f.longIn(1, 0, 2);
        jobId = f.longIn(2, 0, Long.MAX_VALUE);
        eventType = (int) f.longIn(3, 0, 8);
        if (!f.isEmpty(5)) f.longIn(5, 0, 3);
    }
}
