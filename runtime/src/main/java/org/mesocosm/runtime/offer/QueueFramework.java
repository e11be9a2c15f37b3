package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/**
 * A built-in framework: it answers each offer by launching pending tasks first come, first
 * served, that fit what is left of the offer, and declines the rest with the refuse filter.
 */
abstract class QueueFramework implements Framework {
    private final String id;
    private final String role;
    private final OfferSettings settings;
    private final PendingQueue queue = new PendingQueue();

    QueueFramework(String role, String kind, OfferSettings settings) {
        this.id = role + "/" + kind;
        this.role = role;
        this.settings = settings;
    }

    /** How many instances of one job may land on one agent from one offer; 0 means no limit. */
    abstract int maxPerJobPerOffer();

    @Override
    public String id() { return id; }

    @Override
    public String role() { return role; }

    @Override
    public void taskPending(Task task) { queue.add(task); }

    @Override
    public void taskWithdrawn(Task task) { queue.remove(task); }

    @Override
    public boolean hasDemand() { return queue.size() > 0; }

    @Override
    public Resources minDemand() { return queue.minDemand(); }

    @Override
    public Resources totalDemand() { return queue.totalDemand(); }

    @Override
    public List<OfferResponse> offers(long now, List<Offer> offers) {
        List<OfferResponse> out = new ArrayList<>(offers.size());
        for (Offer o : offers) {
            List<Task> launch = fill(o);
            out.add(launch.isEmpty() ? new OfferResponse.Decline(o.id(), settings.refuseMicros())
                    : new OfferResponse.Accept(o.id(), launch, settings.refuseMicros()));
        }
        return out;
    }

    private List<Task> fill(Offer o) {
        List<Task> launch = new ArrayList<>();
        Resources left = o.resources();
        int cap = settings.maxTasksPerOffer();
        int perJob = maxPerJobPerOffer();
        for (Iterator<Map.Entry<PendingQueue.GroupKey, PendingQueue.Group>> it = queue.iterator(); it.hasNext(); ) {
            if (queue.size() == 0 || !left.fits(queue.minDemand())) break;
            PendingQueue.Group g = it.next().getValue();
            if (!left.fits(g.request) || !Cluster.matches(o.agent(), g.nodeSelector)) continue;
            int fromGroup = 0;
            while (!g.tasks.isEmpty() && left.fits(g.request) && (perJob == 0 || fromGroup < perJob)) {
                if (cap > 0 && launch.size() >= cap) return launch;
                launch.add(queue.poll(it, g));
                left = left.minus(g.request);
                fromGroup++;
            }
        }
        return launch;
    }

    /** Long-running services: spread instances, at most one per agent per offer round. */
    static final class ServiceScheduler extends QueueFramework {
        ServiceScheduler(String role, OfferSettings settings) { super(role, "service", settings); }

        @Override
        int maxPerJobPerOffer() { return 1; }
    }

    /** Batch jobs and pipelines: pack as many as fit. */
    static final class JobScheduler extends QueueFramework {
        JobScheduler(String role, OfferSettings settings) { super(role, "jobs", settings); }

        @Override
        int maxPerJobPerOffer() { return 0; }
    }
}
