package org.mesocosm.traces.google2011;

import org.mesocosm.traces.io.Fields;
import org.mesocosm.traces.io.RowException;

/** One row of clusterdata-2011-2 {@code machine_events} (6 columns): ADD, REMOVE or UPDATE. */
public final class MachineEvent {
    public static final String TABLE = "machine_events";
    public static final int COLUMNS = 6;
    public static final int ADD = 0;
    public static final int REMOVE = 1;
    public static final int UPDATE = 2;
    static final String[] NAMES = {"time", "machine_id", "event_type", "platform_id", "cpus", "memory"};

    public long time;
    public long machineId;
    public int eventType;
    /** Normalized to the largest machine (1.0); -1 when empty. */
    public double cpus;
    public double memory;

    private final Fields f = new Fields(NAMES);

    public Fields fields() { return f; }

    public void parse(byte[] buf, int start, int end) throws RowException {
        int n = f.split(buf, start, end, (byte) ',');
        if (n != COLUMNS) throw new RowException("columns", "expected " + COLUMNS, "found " + n);
        time = f.longIn(0, 0, Long.MAX_VALUE);
        machineId = f.longIn(1, 0, Long.MAX_VALUE);
        eventType = (int) f.longIn(2, 0, 2);
        cpus = capacity(4);
        memory = capacity(5);
    }

    private double capacity(int i) throws RowException {
        double v = f.doubleOr(i, -1);
        if (!f.isEmpty(i) && !(v >= 0 && v <= 1e3)) throw new RowException(f.name(i), "out of range [0, 1000]", f.string(i));
        return v;
    }
}
