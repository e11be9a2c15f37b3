package org.mesocosm.runtime.pods;

/**
 * Settings of the scheduling framework (not of any plugin).
 *
 * @param samplePercent percentage of nodes to find feasible before scoring, 1..100; 0 = adaptive
 *                      (kube-scheduler's default)
 * @param initialBackoffMicros backoff after a pod's first failed attempt (kube: 1 s); doubles per attempt
 * @param maxBackoffMicros cap on the backoff (kube: 10 s)
 * @param maxUnschedulableMicros an unschedulable pod that no event moved is retried after this long
 *                               anyway (kube: 5 min), a safety net for events no hint foresaw
 * @param cache keep each node's Filter and Score outcome for the next pod of the same spec while the
 *              node is unchanged, where every plugin allows it ({@link CachedScan}: same decisions,
 *              fewer plugin calls); false = always the plain node-by-node cycle
 */
public record SchedulerSettings(int samplePercent, long initialBackoffMicros, long maxBackoffMicros, long maxUnschedulableMicros,
                                boolean cache) {

    public static final SchedulerSettings DEFAULT = new SchedulerSettings(0, 1_000_000L, 10_000_000L, 300_000_000L);

    public SchedulerSettings(int samplePercent, long initialBackoffMicros, long maxBackoffMicros, long maxUnschedulableMicros) {
        this(samplePercent, initialBackoffMicros, maxBackoffMicros, maxUnschedulableMicros, true);
    }

    public SchedulerSettings withCache(boolean on) {
        return new SchedulerSettings(samplePercent, initialBackoffMicros, maxBackoffMicros, maxUnschedulableMicros, on);
    }

    public SchedulerSettings {
        if (samplePercent < 0 || samplePercent > 100) throw new IllegalArgumentException("sample must be 1..100% or adaptive: " + samplePercent);
        if (initialBackoffMicros <= 0) throw new IllegalArgumentException("backoff must be > 0");
        if (maxBackoffMicros < initialBackoffMicros) throw new IllegalArgumentException("max backoff must be >= backoff");
        if (maxUnschedulableMicros <= 0) throw new IllegalArgumentException("max unschedulable time must be > 0");
    }

    /** kube-scheduler's calculateBackoffDuration: initial, doubled per further attempt, capped. */
    public long backoffMicros(int attempts) {
        long d = initialBackoffMicros;
        for (int i = 1; i < attempts; i++) {
            if (d > maxBackoffMicros - d) return maxBackoffMicros;
            d += d;
        }
        return Math.min(d, maxBackoffMicros);
    }
}
