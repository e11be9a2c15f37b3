package org.mesocosm.policies.mesos;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import org.mesocosm.policies.k8s.K8sPolicy;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.Offer;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.offer.OfferResponse;
import org.mesocosm.runtime.offer.OfferSettings;
import org.mesocosm.runtime.pods.PodScheduler;
import org.mesocosm.runtime.pods.SchedulerSettings;
import org.mesocosm.runtime.policy.PolicyParams;

/**
 * {@code k8s}: the Kubernetes scheduler as a Mesos framework. Today's pod scheduler (the {@code k8s}
 * policy's default profile: priority queue, filter and score plugins, preemption) with one filter
 * after the others, {@link OfferedResources}: a node is feasible only while this framework holds
 * an offer of it, and only for what is left of that offer. It comes last so that a pod it rejected
 * somewhere would fit there if offered (the other filters passed): that pod lacks offers, not a node. The pod scheduler sees only its own pods
 * (anti-affinity and topology spread count those, as a kube-scheduler on Mesos does), and its
 * preemption can only evict its own lower-priority pods on nodes it was offered.
 *
 * <p>It runs its queue at commit, when it holds offers: each pod it binds is launched from its
 * node's offer at once ({@link OfferAllocator#launchFromOffer}), so the next pod sees it; what is
 * left of each offer is then declined with the refuse filter. A new pod for which no agent has
 * room also gets an attempt without offers, where only preemption of the framework's own pods can
 * make room.
 *
 * <p>kube-scheduler's queue is kept ({@link PodScheduler#placeOnlyWhenAsked}): the framework asks
 * for offers only while pods are due. A pod that failed waits in the unschedulable queue until the
 * cluster changes where it could fit (a node added, resources freed by any framework's task, its
 * own pods deleted: {@link OfferedResources}'s queueing hint) or the periodic retry; one that failed
 * only for lack of offers while some agent has room for it backs off (1 s doubling to 10 s) and asks
 * again. So a pod that fits nowhere no longer takes offers and a decision in every allocation round.
 */
final class K8sFramework extends MesosFramework {
    private final PodScheduler pods;
    private final Inner inner = new Inner();
    private final OfferSettings settings;
    /** Pods waiting, in arrival order: what a decision tries (for its cost) and the smallest request. */
    private final LinkedHashSet<Task> pending = new LinkedHashSet<>();
    private Resources minDemand;
    /** While committing: the offer of each agent (by index) and what is left of it. */
    private final TreeMap<Integer, Offer> open = new TreeMap<>();
    private final TreeMap<Integer, Resources> left = new TreeMap<>();
    private final Cluster[] cluster = new Cluster[1];

    K8sFramework(String name, OfferSettings settings) {
        super(name);
        this.settings = settings;
        PolicyParams defaults = PolicyParams.of("k8s", java.util.Map.of());
        this.pods = new PodScheduler(name, K8sPolicy.profile(defaults, List.of(), List.of(new OfferedResources(this))),
                SchedulerSettings.DEFAULT);
        pods.placeOnlyWhenAsked(this::podsDue, this::lacksOnlyOffers);
    }

    /** Pods became due (new, backoff over, moved by an event): offers wanted again. */
    private void podsDue() {
        if (allocator != null) allocator.revive();
    }

    /** The pod's last attempt was refused on some node for want of an offer, and some agent has room for it now. */
    private boolean lacksOnlyOffers(Task t) {
        return pods.rejectedBy(t).contains(OfferedResources.NAME) && roomFor(t);
    }

    /** Some agent that is up and matches the pod's node selector has room for it, free or held in offers (of any framework). */
    private boolean roomFor(Task t) {
        for (Agent a : ctx.cluster().agents()) {
            if (a.isUp() && a.free().plus(a.offered()).fits(t.request()) && Cluster.matches(a, t.spec().nodeSelector())) return true;
        }
        return false;
    }

    @Override
    void start(PlacementContext ctx, OfferAllocator allocator, SchedulerLane lane, SchedulerLane allocatorLane) {
        super.start(ctx, allocator, lane, allocatorLane);
        cluster[0] = ctx.cluster();
        pods.init(inner);
    }

    PodScheduler pods() { return pods; }

    /** What is left of this framework's offer of the agent with this index, while it commits; null if it holds none. */
    Resources offeredLeft(int agentIndex) { return left.get(agentIndex); }

    @Override
    public void taskWithdrawn(Task task) {
        if (pending.remove(task)) minDemand = null;
        pods.taskWithdrawn(task);
    }

    @Override
    void taskLaunched(Task t) {
        if (pending.remove(t)) minDemand = null;
        pods.taskLaunched(t);
    }

    @Override public void taskReleased(Task task) { pods.taskReleased(task); }

    @Override void agentAdded(Agent a) { pods.agentAdded(a); }

    @Override void agentRemoved(Agent a) { pods.agentRemoved(a); }

    @Override void resourcesFreed(Agent a) { pods.resourcesFreed(a); }

    @Override String whyPending(Task t) { return pods.whyPending(t); }

    /** Asks for offers only while pods are due (Mesos: suppressed otherwise). */
    @Override public boolean hasDemand() { return pods.hasDue(); }

    @Override
    public Resources minDemand() {
        if (minDemand == null) {
            long cpu = Long.MAX_VALUE, mem = Long.MAX_VALUE, disk = Long.MAX_VALUE, gpus = Long.MAX_VALUE;
            for (Task t : pending) {
                Resources r = t.request();
                cpu = Math.min(cpu, r.cpuMillis());
                mem = Math.min(mem, r.memMiB());
                disk = Math.min(disk, r.diskMiB());
                gpus = Math.min(gpus, r.gpus());
            }
            minDemand = pending.isEmpty() ? Resources.ZERO : new Resources(cpu, mem, disk, gpus);
        }
        return minDemand;
    }

    @Override
    Task anyPending() { return pending.isEmpty() ? null : pending.iterator().next(); }

    /** Every pod due gets a cycle at commit: each is one task tried. */
    @Override
    void decide(List<Offer> offers) {
        for (Task t : pending) if (pods.isDue(t)) tried(t);
    }

    /** A new pod no agent has room for gets an attempt without offers: it may preempt the framework's own less important pods. */
    @Override
    public void taskPending(Task task) {
        pending.add(task);
        minDemand = null;
        pods.taskPending(task);
        if (!roomFor(task)) scheduleDecision();
    }

    /** The node with this index runs pods of this framework (which its preemption may evict). */
    boolean runsPodsOn(int agentIndex) {
        var n = pods.handle().node(agentIndex);
        return n != null && n.podCount() > 0;
    }

    @Override
    void commit(List<Offer> offers) {
        if (!pods.hasDue() && offers.isEmpty()) return;
        for (Offer o : offers) {
            open.put(o.agent().index(), o);
            left.put(o.agent().index(), o.resources());
        }
        try {
            pods.drainDue();
        } finally {
            for (Offer o : open.values()) answer(new OfferResponse.Decline(o.id(), settings.refuseMicros()));
            open.clear();
            left.clear();
        }
    }

    /** The master as the pod scheduler sees it: binding launches from the node's offer; its timers (backoff, periodic retry) are the master's. */
    private final class Inner implements PlacementContext {

        @Override public long now() { return ctx.now(); }

        @Override public Cluster cluster() { return cluster[0]; }

        @Override
        public void launch(Task task, Agent agent) {
            Offer o = open.get(agent.index());
            if (o == null) throw new IllegalStateException("k8s framework bound " + task.id() + " to " + agent.id() + ", which it was not offered");
            left.put(agent.index(), left.get(agent.index()).minus(task.request()));
            allocator.launchFromOffer(K8sFramework.this, o.id(), task);
        }

        @Override public void attach(Task task, Object record) { ctx.attach(task, record); }

        @Override
        public void holdForOffer(Agent agent, Resources resources) {
            throw new UnsupportedOperationException("the k8s framework holds only what the allocator offers it");
        }

        @Override
        public void releaseOffer(Agent agent, Resources resources) {
            throw new UnsupportedOperationException("the k8s framework holds only what the allocator offers it");
        }

        @Override public void preempt(Task victim, Task preemptor) { ctx.preempt(victim, preemptor); }

        @Override public long schedule(long delayMicros, Runnable action) { return ctx.schedule(delayMicros, action); }

        @Override public void cancel(long timerId) { ctx.cancel(timerId); }
    }
}
