package org.mesocosm.policies.borg;

import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.pods.ClusterListener;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.Plugin;

/**
 * Borg's reclamation: some time after a task starts, its reservation (what the scheduler counts it
 * as using) drops from its request to its observed usage plus a safety margin, and the difference
 * becomes room for best-effort work (see {@link BorgFit}). Borg estimates usage continuously; in
 * simulation a task's usage is a constant of its spec ({@code TaskSpec.usage}), so one step after
 * {@code delayMicros} (the time Borg's estimator needs to trust a new task) is the same thing.
 * Tasks without a known usage keep their whole request.
 */
public final class UsageReclaimer implements Plugin, ClusterListener {
    public static final String NAME = "UsageReclaimer";
    /** Headroom kept above measured usage, in percent, as Borg's reservation keeps a safety margin. */
    public static final int MARGIN_PERCENT = 10;

    private final long delayMicros;
    private FrameworkHandle handle;
    private long reclaimed;

    public UsageReclaimer(long delayMicros) {
        if (delayMicros < 0) throw new IllegalArgumentException("reclaim delay must be >= 0");
        this.delayMicros = delayMicros;
    }

    @Override
    public String name() { return NAME; }

    @Override
    public void init(FrameworkHandle h) { this.handle = h; }

    /** How many reservations were lowered so far. */
    public long reclaimedCount() { return reclaimed; }

    @Override
    public void podAdded(PlacedPod pod) {
        Resources usage = pod.task().spec().usage();
        if (usage == null) return;
        Resources target = reservation(pod.task().request(), usage);
        if (target.equals(pod.reservation())) return;
        handle.context().schedule(delayMicros, () -> {
            // the task may have ended, or its node gone, in the meantime
            if (pod.node().find(pod.task()) != pod) return;
            handle.setReservation(pod, target);
            reclaimed++;
        });
    }

    /** Usage plus the margin, never more than the request. */
    static Resources reservation(Resources request, Resources usage) {
        return new Resources(withMargin(usage.cpuMillis(), request.cpuMillis()), withMargin(usage.memMiB(), request.memMiB()),
                withMargin(usage.diskMiB(), request.diskMiB()), withMargin(usage.gpus(), request.gpus()));
    }

    private static long withMargin(long used, long requested) {
        return Math.min(requested, used + (used * MARGIN_PERCENT + 99) / 100);
    }
}
