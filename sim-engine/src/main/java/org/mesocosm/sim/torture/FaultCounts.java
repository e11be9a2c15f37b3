package org.mesocosm.sim.torture;

import java.util.EnumMap;
import java.util.Map;

/** How many faults of each kind were injected. */
public final class FaultCounts {
    private final EnumMap<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);

    void add(FaultKind k) {
        counts.merge(k, 1L, Long::sum);
    }

    public void addAll(FaultCounts other) {
        other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    public long get(FaultKind k) { return counts.getOrDefault(k, 0L); }

    public long total() {
        long n = 0;
        for (long v : counts.values()) n += v;
        return n;
    }

    public Map<FaultKind, Long> asMap() { return new EnumMap<>(counts); }

    /** The counts of the kinds a single-master run can inject. */
    @Override
    public String toString() {
        return toString(false);
    }

    /** The counts of the kinds that apply to a single-master ({@code ha} false) or replicated run; the others are not listed. */
    public String toString(boolean ha) {
        StringBuilder b = new StringBuilder();
        for (FaultKind k : FaultKind.values()) {
            if (!k.appliesTo(ha)) continue;
            if (b.length() > 0) b.append(", ");
            b.append(k.cliName()).append('=').append(get(k));
        }
        return b.toString();
    }
}
