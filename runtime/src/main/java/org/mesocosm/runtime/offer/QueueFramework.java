package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.PlacementConstraint;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.gpu.GpuDevices;

/**
 * A built-in framework: it answers each offer by launching pending tasks first come, first
 * served, that fit what is left of the offer and satisfy their placement constraints, and
 * declines the rest with the refuse filter.
 */
abstract class QueueFramework implements Framework {
    private final String id;
    private final String role;
    private final OfferSettings settings;
    private final Cluster cluster;
    private final PendingQueue queue = new PendingQueue();
    /** Placements of constrained apps, by (job, task group); lookups only, never iterated. */
    private final Map<PendingQueue.GroupKey, AppPlacements> apps = new HashMap<>();
    private final AppPlacements.DistinctValues distinct = new AppPlacements.DistinctValues();
    /** {@code PlacementContext.considering}: a try that found no room costs decision time too. */
    private final Consumer<Task> considering;
    private long now;

    QueueFramework(String role, String kind, OfferSettings settings, Cluster cluster, Consumer<Task> considering) {
        this.id = role + "/" + kind;
        this.role = role;
        this.settings = settings;
        this.cluster = cluster;
        this.considering = considering;
    }

    /** How many instances of one job may land on one agent from one offer; 0 means no limit. */
    abstract int maxPerJobPerOffer();

    @Override
    public String id() { return id; }

    @Override
    public String role() { return role; }

    @Override
    public void taskPending(Task task) {
        PendingQueue.Group g = queue.add(task);
        if (g.app == null && !task.spec().constraints().isEmpty()) g.app = app(task);
    }

    private AppPlacements app(Task t) {
        return apps.computeIfAbsent(new PendingQueue.GroupKey(t.jobId(), t.spec().name()), k -> {
            List<PlacementConstraint> cs = new ArrayList<>();
            for (String c : t.spec().constraints()) cs.add(PlacementConstraint.parse(c));
            return new AppPlacements(cs, cluster, distinct);
        });
    }

    @Override
    public void taskWithdrawn(Task task) { queue.remove(task); }

    @Override
    public void taskReleased(Task task) {
        if (task.spec().constraints().isEmpty()) return;
        PendingQueue.GroupKey k = new PendingQueue.GroupKey(task.jobId(), task.spec().name());
        AppPlacements app = apps.get(k);
        if (app == null) return;
        app.released(task.agent());
        if (app.instances() == 0 && !queue.has(k)) apps.remove(k); // all its state is in its instances: nothing to keep
    }

    @Override
    public boolean hasDemand() { return queue.size() > 0; }

    @Override
    public Resources minDemand() { return queue.minDemand(); }

    @Override
    public List<OfferResponse> offers(long now, List<Offer> offers) {
        this.now = now;
        List<OfferResponse> out = new ArrayList<>(offers.size());
        for (Offer o : offers) {
            if (queue.size() == 0) { // nothing to launch: decline without a filter, as a suppressed framework would
                out.add(new OfferResponse.Decline(o.id(), 0));
                continue;
            }
            List<Task> launch = fill(o);
            out.add(launch.isEmpty() ? new OfferResponse.Decline(o.id(), settings.refuseMicros())
                    : new OfferResponse.Accept(o.id(), launch, settings.refuseMicros()));
        }
        return out;
    }

    private List<Task> fill(Offer o) {
        List<Task> launch = new ArrayList<>();
        Resources left = o.resources();
        Agent agent = o.agent();
        int cap = settings.maxTasksPerOffer();
        int perJob = maxPerJobPerOffer();
        // the agent's devices as the tasks picked so far leave them: the master books the same devices in the same order
        GpuDevices devices = null;
        for (Iterator<Map.Entry<PendingQueue.GroupKey, PendingQueue.Group>> it = queue.iterator(); it.hasNext(); ) {
            if (queue.size() == 0 || !left.fits(queue.minDemand())) break;
            PendingQueue.Group g = it.next().getValue();
            if (!left.fits(g.request) || !Cluster.matches(agent, g.nodeSelector)) {
                tried(g);
                continue;
            }
            if (!g.gpu.none() && devices == null) devices = agent.gpuDevices().copy();
            int fromGroup = 0;
            while (!g.tasks.isEmpty() && left.fits(g.request) && (g.gpu.none() || devices.fits(g.gpu))
                    && (perJob == 0 || fromGroup < perJob)) {
                if (cap > 0 && launch.size() >= cap) return launch;
                if (g.app != null) {
                    if (!g.app.allows(agent)) {
                        if (fromGroup == 0) tried(g);
                        break;
                    }
                    g.app.placed(agent);
                }
                launch.add(queue.poll(it, g));
                left = left.minus(g.request);
                if (!g.gpu.none()) devices.take(devices.choose(g.gpu), g.gpu.milli());
                fromGroup++;
            }
        }
        return launch;
    }

    /**
     * The framework tried the group's next task on this offer and found no room: one try, for a
     * driver that charges decision time; once per group per round (the round's offers share
     * {@code now}), since trying the same request on the next offer is the same attempt.
     */
    private void tried(PendingQueue.Group g) {
        if (g.triedAt == now || g.tasks.isEmpty()) return;
        g.triedAt = now;
        considering.accept(g.tasks.peekFirst());
    }

    /** Long-running services: spread instances, at most one per agent per offer round. */
    static final class ServiceScheduler extends QueueFramework {
        ServiceScheduler(String role, OfferSettings settings, Cluster cluster, Consumer<Task> considering) {
            super(role, "service", settings, cluster, considering);
        }

        @Override
        int maxPerJobPerOffer() { return 1; }
    }

    /** Batch jobs and pipelines: pack as many as fit. */
    static final class JobScheduler extends QueueFramework {
        JobScheduler(String role, OfferSettings settings, Cluster cluster, Consumer<Task> considering) {
            super(role, "jobs", settings, cluster, considering);
        }

        @Override
        int maxPerJobPerOffer() { return 0; }
    }
}
