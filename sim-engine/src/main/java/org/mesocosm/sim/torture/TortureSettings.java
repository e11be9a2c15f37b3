package org.mesocosm.sim.torture;

import java.util.EnumSet;
import java.util.Set;

/**
 * What every run of a torture campaign shares.
 *
 * @param minNodes fewest agents a run gets
 * @param maxNodes most agents a run gets
 * @param faults the fault kinds to inject
 * @param faultWindowMicros faults happen (and jobs arrive) in [0, this)
 * @param quietMicros then the cluster has this long without faults to put everything right
 */
public record TortureSettings(int minNodes, int maxNodes, Set<FaultKind> faults, long faultWindowMicros, long quietMicros) {
    public static final TortureSettings DEFAULT = new TortureSettings(3, 8, EnumSet.allOf(FaultKind.class), 600_000_000L, 900_000_000L);

    public TortureSettings {
        if (minNodes < 1 || maxNodes < minNodes) throw new IllegalArgumentException("nodes: need 1 <= min <= max, got " + minNodes + ".." + maxNodes);
        if (faultWindowMicros <= 0 || quietMicros <= 0) throw new IllegalArgumentException("fault window and quiet period must be > 0");
        faults = faults.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(faults);
    }

    public TortureSettings withNodes(int min, int max) {
        return new TortureSettings(min, max, faults, faultWindowMicros, quietMicros);
    }

    public TortureSettings withFaults(Set<FaultKind> f) {
        return new TortureSettings(minNodes, maxNodes, f, faultWindowMicros, quietMicros);
    }
}
