package org.mesocosm.policies.borg;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.pods.ClusterListener;
import org.mesocosm.runtime.pods.FrameworkHandle;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.Plugin;

/**
 * Borg's reclamation: some time after a task starts, its reservation (what the scheduler counts it
 * as using) drops from its request to its observed usage plus a safety margin, and the difference
 * becomes room for best-effort work (see {@link BorgFit}). Borg estimates usage continuously; here
 * the estimate is the task's declared mean usage ({@code TaskSpec.usage}), set once after
 * {@code delayMicros} (the time Borg's estimator needs to trust a new task). What the task really
 * uses varies around that mean, with bursts up to its request (the simulator's usage model): when
 * a machine's memory runs out, the simulator OOM-kills reclaimed placements first, so the risk of
 * this reclamation stays with the tasks placed on it. Tasks without a known usage keep their whole
 * request.
 *
 * <p>An OOM kill is a usage spike the estimator has seen: every reservation on that node goes back
 * to its request, and drops again only after {@code delayMicros} without another OOM there. Without
 * this the killed task's job relaunches it at once into the same reclaimed room, on a machine still
 * over its memory, and the two loop (a replay measured thousands of kills per task).
 */
public final class UsageReclaimer implements Plugin, ClusterListener {
    public static final String NAME = "UsageReclaimer";
    /** Headroom kept above measured usage, in percent, as Borg's reservation keeps a safety margin. */
    public static final int MARGIN_PERCENT = 10;

    private final long delayMicros;
    private FrameworkHandle handle;
    private long reclaimed;
    /** OOM kills seen per node id: a lowering timer set before the latest one there is stale. */
    private final Map<String, Integer> ooms = new HashMap<>();

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
        lowerLater(pod);
    }

    @Override
    public void podRemoved(PlacedPod pod) {
        if (!Task.OOM_KILLED.equals(pod.task().endReason())) return;
        String node = pod.node().id();
        ooms.merge(node, 1, Integer::sum);
        for (PlacedPod p : List.copyOf(pod.node().pods())) {
            if (!p.reservation().equals(p.task().request())) handle.setReservation(p, p.task().request());
            lowerLater(p);
        }
    }

    /** After the delay, lowers the pod's reservation to its usage plus the margin, unless its node ran out of memory meanwhile. */
    private void lowerLater(PlacedPod pod) {
        Resources usage = pod.task().spec().usage();
        if (usage == null) return;
        Resources target = reservation(pod.task().request(), usage);
        if (target.equals(pod.reservation())) return;
        String node = pod.node().id();
        int oomsThen = ooms.getOrDefault(node, 0);
        handle.context().schedule(delayMicros, () -> {
            // the task may have ended, or its node gone, in the meantime; after an OOM there, the later timer decides
            if (pod.node().find(pod.task()) != pod || ooms.getOrDefault(node, 0) != oomsThen) return;
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
