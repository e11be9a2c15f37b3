package org.mesocosm.traces.swf;

import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.RowException;

/**
 * One job line of the Standard Workload Format: 18 whitespace-separated fields, -1 = unknown.
 * Times may be fractional seconds (the format allows it and some logs use it).
 */
final class SwfJob {
    static final String TABLE = "jobs";
    static final int COLUMNS = 18;
    static final long MAX_PROCS = 1_000_000;
    static final String[] NAMES = {"job_number", "submit_time", "wait_time", "run_time", "allocated_procs", "avg_cpu_time",
        "used_memory", "requested_procs", "requested_time", "requested_memory", "status", "user_id", "group_id", "executable",
        "queue", "partition", "preceding_job", "think_time"};

    final Fields f = new Fields(NAMES);
    long number;
    long submitMicros;
    long waitMicros;
    long runMicros;
    /** Field 9, the user's run time estimate (or limit), -1 when unknown. */
    long requestedMicros;
    long procs;
    long memKb;
    int status;
    long user;

    void parse(byte[] buf, int s, int e) throws RowException {
        int n = f.splitWhitespace(buf, s, e);
        if (n != COLUMNS) throw new RowException("columns", "expected " + COLUMNS, "found " + n);
        number = f.longValue(0);
        submitMicros = seconds(1);
        if (submitMicros < 0) throw new RowException("submit_time", "negative", f.string(1));
        waitMicros = seconds(2);
        runMicros = seconds(3);
        long allocated = procs(4);
        long requested = procs(7);
        procs = allocated > 0 ? allocated : requested;
        requestedMicros = seconds(8);
        long used = whole(6);
        long reqMem = whole(9);
        memKb = reqMem > 0 ? reqMem : Math.max(used, -1);
        status = (int) f.longIn(10, -1, 5);
        user = whole(11);
    }

    /** Seconds (integer or decimal) as microseconds; -1 stays -1 (unknown). */
    private long seconds(int i) throws RowException {
        double v = f.doubleValue(i);
        if (v == -1) return -1;
        if (!(v >= 0 && v < 1e12)) throw new RowException(f.name(i), "out of range", f.string(i));
        return Math.round(v * 1e6);
    }

    /**
     * A processor count: each processor is replayed as one task instance, so a count beyond any
     * real machine (the same cap as Alibaba's instance_num) would only exhaust memory.
     */
    private long procs(int i) throws RowException {
        long v = whole(i);
        if (v > MAX_PROCS) throw new RowException(f.name(i), "more than " + MAX_PROCS + " processors", f.string(i));
        return v;
    }

    /** A count that may be written as a decimal ({@code 18.00}); -1 = unknown. */
    private long whole(int i) throws RowException {
        double v = f.doubleValue(i);
        if (v < -1 || v > 1e15) throw new RowException(f.name(i), "out of range", f.string(i));
        return Math.round(v);
    }
}
