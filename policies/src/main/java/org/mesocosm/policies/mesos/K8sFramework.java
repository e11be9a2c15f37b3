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
 * ahead of the others, {@link OfferedResources}: a node is feasible only while this framework holds
 * an offer of it, and only for what is left of that offer. The pod scheduler sees only its own pods
 * (anti-affinity and topology spread count those, as a kube-scheduler on Mesos does), and its
 * preemption can only evict its own lower-priority pods on nodes it was offered.
 *
 * <p>It runs its queue at commit, when it holds offers: each pod it binds is launched from its
 * node's offer at once ({@link OfferAllocator#launchFromOffer}), so the next pod sees it; what is
 * left of each offer is then declined with the refuse filter. A new pod also gets an attempt
 * without offers, where only preemption of the framework's own pods can make room. The pod
 * scheduler's own timers (backoff, periodic retries) are not armed: it retries when offers come.
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
        this.pods = new PodScheduler(name, K8sPolicy.profile(defaults, List.of(new OfferedResources(this))), SchedulerSettings.DEFAULT);
    }

    @Override
    void start(PlacementContext ctx, OfferAllocator allocator, SchedulerLane lane) {
        super.start(ctx, allocator, lane);
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

    @Override String whyPending(Task t) { return pods.whyPending(t); }

    @Override public boolean hasDemand() { return !pending.isEmpty(); }

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

    /** Every waiting pod gets a cycle at commit: each is one task tried. */
    @Override
    void decide(List<Offer> offers) {
        for (Task t : pending) ctx.considering(t);
    }

    /** A new pod gets an attempt even without offers: it may preempt the framework's own less important pods. */
    @Override
    public void taskPending(Task task) {
        pending.add(task);
        minDemand = null;
        pods.taskPending(task);
        scheduleDecision();
    }

    /** The node with this index runs pods of this framework (which its preemption may evict). */
    boolean runsPodsOn(int agentIndex) {
        var n = pods.handle().node(agentIndex);
        return n != null && n.podCount() > 0;
    }

    @Override
    void commit(List<Offer> offers) {
        if (pending.isEmpty() && offers.isEmpty()) return;
        for (Offer o : offers) {
            open.put(o.agent().index(), o);
            left.put(o.agent().index(), o.resources());
        }
        try {
            pods.scheduleAllNow();
        } finally {
            for (Offer o : open.values()) answer(new OfferResponse.Decline(o.id(), settings.refuseMicros()));
            open.clear();
            left.clear();
        }
    }

    /** The master as the pod scheduler sees it: binding launches from the node's offer; its timers are not armed. */
    private final class Inner implements PlacementContext {
        private long nextTimer = 1;

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

        /** Not armed: the queue runs when offers come (see the class comment). */
        @Override public long schedule(long delayMicros, Runnable action) { return nextTimer++; }

        @Override public void cancel(long timerId) {}
    }
}
