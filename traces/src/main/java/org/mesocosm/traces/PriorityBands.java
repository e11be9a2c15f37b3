package org.mesocosm.traces;

/**
 * The one priority scale every trace maps to: Google 2011's own 0-11, where larger is more
 * important, as {@code JobSpec.priority} wants. Borg groups it into bands (Reiss et al., SoCC 2012,
 * section 2; the clusterdata-2011-2 schema notes):
 * <pre>
 *   0-1   free (best effort, "gratis": may be preempted at will)      role "best-effort"
 *   2-8   batch (the "middle" priorities)                              role "batch"
 *   9-11  production (latency-sensitive serving, monitoring)         role "production"
 * </pre>
 * Other traces map into it: Google 2019 tiers free (0-99) to 0, best-effort batch (100-115) to 2,
 * mid (116-119) to 5, production (120-359) to 9, monitoring (360+) to 11; Alibaba batch tasks to 4;
 * SWF jobs to 4 (batch).
 */
public final class PriorityBands {
    public static final int FREE = 0;
    public static final int BATCH = 4;
    public static final int PRODUCTION = 9;
    public static final int MAX = 11;

    private PriorityBands() {}

    /** The band of a priority on this scale: best-effort, batch or production. */
    public static String band(int priority) {
        if (priority <= 1) return "best-effort";
        if (priority <= 8) return "batch";
        return "production";
    }

    /** Google 2019 priority (0..~450) on this scale. */
    public static int fromGoogle2019(long p) {
        if (p < 100) return 0;
        if (p <= 115) return 2;
        if (p <= 119) return 5;
        if (p < 360) return 9;
        return 11;
    }
}
