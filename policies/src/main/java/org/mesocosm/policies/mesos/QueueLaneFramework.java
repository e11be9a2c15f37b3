package org.mesocosm.policies.mesos;

import java.util.LinkedHashSet;
import java.util.List;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.Framework;
import org.mesocosm.runtime.offer.Offer;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.offer.OfferResponse;
import org.mesocosm.runtime.offer.OfferSettings;

/**
 * {@code marathon} (services: one instance of a job per agent per offer, spread; the master's
 * service controller keeps N instances and relaunches the lost) and {@code jobs} (batch, cron runs
 * and pipeline steps: packed first come, first served): the allocator's built-in schedulers, deciding
 * on a lane. Their decision is made at commit, on the offers they held all along, so it is the
 * decision they would have made when the lane started.
 */
final class QueueLaneFramework extends MesosFramework {
    private final Framework inner;
    /** Tasks waiting, in arrival order: what a decision tries (for its cost). */
    private final LinkedHashSet<Task> pending = new LinkedHashSet<>();

    QueueLaneFramework(String name, boolean service, OfferSettings settings, Cluster cluster) {
        super(name);
        // the lane charged this decision in decide() (considerFitting); the built-in answers at commit, which costs nothing more
        this.inner = OfferAllocator.builtIn(service, name, settings, cluster, t -> {});
    }

    @Override
    public void taskPending(Task task) {
        pending.add(task);
        inner.taskPending(task);
    }

    @Override
    public void taskWithdrawn(Task task) {
        pending.remove(task);
        inner.taskWithdrawn(task);
    }

    @Override
    void taskLaunched(Task t) { pending.remove(t); }

    @Override public void taskReleased(Task task) { inner.taskReleased(task); }

    @Override public boolean hasDemand() { return inner.hasDemand(); }

    @Override public Resources minDemand() { return inner.minDemand(); }

    @Override
    Task anyPending() { return pending.isEmpty() ? null : pending.iterator().next(); }

    @Override
    void decide(List<Offer> offers) { considerFitting(pending, offers); }

    @Override
    void commit(List<Offer> offers) {
        if (offers.isEmpty()) return;
        for (OfferResponse r : inner.offers(ctx.now(), offers)) answer(r);
    }
}
