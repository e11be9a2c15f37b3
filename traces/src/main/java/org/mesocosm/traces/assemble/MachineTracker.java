package org.mesocosm.traces.assemble;

import java.util.HashMap;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.ReadStats;

/**
 * Keeps the up/down state of every machine a trace mentions, so that the replay never adds a
 * machine that is already up or removes one that is not (the simulator rejects both). Traces do
 * repeat themselves (an ADD for a machine already added, a REMOVE of an unknown machine); each
 * such event is dropped and counted in the notes. Memory: one entry per machine of the cell.
 */
public final class MachineTracker {
    private final Map<String, Boolean> up = new HashMap<>();
    private final ReadStats stats;
    private int upCount;
    private int known;

    public MachineTracker(ReadStats stats) {
        this.stats = stats;
    }

    /** The event to replay for an ADD, or null when it must be dropped. */
    public WorkloadEvent.MachineUp add(long at, String id, Resources capacity, Map<String, String> attributes) {
        Boolean was = up.put(id, Boolean.TRUE);
        if (Boolean.TRUE.equals(was)) {
            stats.note("machine added while already up (ignored)");
            return null;
        }
        if (was == null) known++;
        upCount++;
        return new WorkloadEvent.MachineUp(at, id, capacity, attributes);
    }

    /** The event to replay for a REMOVE or failure, or null when the machine is not up. */
    public WorkloadEvent.MachineDown remove(long at, String id, String reason) {
        Boolean was = up.get(id);
        if (!Boolean.TRUE.equals(was)) {
            stats.note("machine removed while not up (ignored)");
            return null;
        }
        up.put(id, Boolean.FALSE);
        upCount--;
        return new WorkloadEvent.MachineDown(at, id, reason);
    }

    public boolean isUp(String id) {
        return Boolean.TRUE.equals(up.get(id));
    }

    /** Machines up now. */
    public int upCount() { return upCount; }

    /** Distinct machines ever added. */
    public int known() { return known; }
}
