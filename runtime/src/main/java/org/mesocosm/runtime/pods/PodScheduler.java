package org.mesocosm.runtime.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/**
 * Kubernetes-style pod placement as a {@link PlacementPolicy}: a scheduling queue and a cycle of
 * plugins per pod (see the package description). Pending pods are batched: the first pod to
 * arrive at an instant sets a zero-delay timer, and when it fires the active queue is drained in
 * queue-sort order, so a job's tasks and everything else that arrived at that instant compete by
 * priority, not by arrival order within the instant.
 *
 * <p>Two shortcuts kube-scheduler does not take, neither changing a decision: a pod identical to
 * the last one that failed (same task group, same priority) while nothing in the cluster changed
 * fails the same way without a cycle (Borg's equivalence classes); and the unschedulable pods a
 * cluster event may help are found with per-plugin queueing hints.
 */
public final class PodScheduler implements PlacementPolicy {
    private final String name;
    private final Profile profile;
    private final SchedulerSettings settings;
    private final SchedulingQueue queue;
    private final Nominator nominator = new Nominator();
    private final PodIndex pods = new PodIndex();
    private final TaintCounts taints = new TaintCounts();
    private final NodeTable table = new NodeTable();
    private final SchedulingCycle cycle;
    private final Handle handle = new Handle();
    private final int overcommitPercent;
    private int slots;
    private int up;
    private PlacementContext ctx;
    private boolean drainScheduled;
    private boolean draining;
    private long wakeAt = Long.MAX_VALUE;
    private long wakeTimer = -1;
    /** Bumped on every change that could change a cycle's outcome. */
    private long version;
    private Object lastFailedSpec;
    private int lastFailedPriority;
    private long lastFailedVersion = -1;
    private long lastFailedMask;
    private String lastFailedReason;
    private long cycles, bound, failures, equivalenceHits, nominations;
    /** Offer-driven mode ({@link #placeOnlyWhenAsked}): told when pods are due instead of draining; null: drains itself. */
    private Runnable onDue;
    /** Offer-driven mode: a failed pod that should back off and retry rather than wait for a cluster event. */
    private Predicate<Task> backOffInstead = t -> false;

    public PodScheduler(String name, Profile profile, SchedulerSettings settings) {
        this(name, profile, settings, 0);
    }

    /** @param overcommitPercent declared overcommit for reclaimed placements (see {@link PlacementPolicy#overcommitPercent()}) */
    public PodScheduler(String name, Profile profile, SchedulerSettings settings, int overcommitPercent) {
        this.name = name;
        this.profile = profile;
        this.settings = settings;
        this.overcommitPercent = overcommitPercent;
        this.queue = new SchedulingQueue(profile, settings);
        this.cycle = new SchedulingCycle(this, profile);
    }

    @Override public String name() { return name; }

    @Override public int overcommitPercent() { return overcommitPercent; }

    public Profile profile() { return profile; }

    public SchedulerSettings settings() { return settings; }

    /** For plugins and tests. */
    public FrameworkHandle handle() { return handle; }

    public long cycles() { return cycles; }

    public long bound() { return bound; }

    public long failedAttempts() { return failures; }

    /** Failed attempts decided by the equivalence shortcut, without a cycle. */
    public long equivalenceHits() { return equivalenceHits; }

    public long nominations() { return nominations; }

    /** Pods waiting: active, backing off, or unschedulable. */
    public int pendingPods() { return queue.size(); }

    public int unschedulablePods() { return queue.unschedulableSize(); }

    /** The plugins that rejected a pending task in its last attempt (empty if none or not pending). */
    public List<String> rejectedBy(Task t) {
        QueuedPod p = queue.get(t);
        return p == null ? List.of() : profile.names(p.unschedulablePlugins);
    }

    /** Why a pending task's last scheduling attempt failed ("0/3 nodes are available: 3 Insufficient cpu"), or null. */
    @Override
    public String whyPending(Task t) {
        QueuedPod p = queue.get(t);
        return p == null ? null : p.lastFailure;
    }

    /** The node preemption made room on for a pending task, or null. */
    public Agent nominatedNode(Task t) {
        QueuedPod p = queue.get(t);
        return p == null || p.nominated == null ? null : p.nominated.agent();
    }

    @Override
    public void init(PlacementContext ctx) {
        this.ctx = ctx;
        for (Plugin p : profile.plugins()) p.init(handle);
    }

    @Override
    public void taskPending(Task task) {
        queue.add(task, ctx.now());
        ensureDrain();
    }

    @Override
    public void taskWithdrawn(Task task) {
        QueuedPod p = queue.get(task);
        if (p == null) return;
        clearNomination(p);
        queue.forget(p);
    }

    @Override
    public void taskLaunched(Task task) {
        QueuedPod p = queue.get(task);
        if (p != null) {
            clearNomination(p);
            queue.forget(p);
        }
        NodeInfo n = table.node(task.agent().index());
        PlacedPod placed = new PlacedPod(task, n, false);
        ctx.attach(task, placed);
        n.add(placed);
        nodeChanged(n);
        pods.add(placed);
        for (ClusterListener l : profile.listeners) l.podAdded(placed);
        event(new ClusterEvent(ClusterEvent.Type.POD_ADDED, n, placed));
    }

    @Override
    public void taskReleased(Task task) {
        if (!(task.placement() instanceof PlacedPod placed) || !placed.node().removeLive(placed)) return;
        NodeInfo n = placed.node();
        ctx.attach(task, null);
        nodeChanged(n);
        pods.remove(placed);
        for (ClusterListener l : profile.listeners) l.podRemoved(placed);
        event(new ClusterEvent(ClusterEvent.Type.POD_DELETED, n, placed));
    }

    @Override
    public void agentAdded(Agent agent) {
        int i = agent.index();
        NodeInfo n = table.node(i);
        if (n == null) {
            n = new NodeInfo(agent); // in the table from nodeChanged below
            slots = Math.max(slots, i + 1);
        } else {
            n.refresh();
        }
        up++;
        nodeChanged(n);
        for (ClusterListener l : profile.listeners) l.nodeAdded(n);
        event(new ClusterEvent(ClusterEvent.Type.NODE_ADDED, n, null));
    }

    @Override
    public void agentRemoved(Agent agent) {
        NodeInfo n = table.node(agent.index());
        n.markDown();
        nodeChanged(n);
        up--;
        version++;
        for (QueuedPod p : new ArrayList<>(nominator.on(n))) {
            clearNomination(p);
            queue.retry(p, ctx.now());
        }
        for (ClusterListener l : profile.listeners) l.nodeRemoved(n);
        ensureDrain();
        ensureWake();
    }

    // ---- queue plumbing ----

    private void event(ClusterEvent e) {
        version++;
        if (queue.onEvent(e, ctx.now()) > 0) {
            ensureDrain();
            ensureWake();
        }
    }

    /**
     * Tries every waiting pod now, in queue order, whatever its backoff or unschedulable state, and
     * returns when the queue is drained: for a pod scheduler that is one framework among others on
     * a two-level allocator (Kubernetes on Mesos), which only has nodes to place on while it holds
     * offers, and runs its queue then.
     */
    public void scheduleAllNow() {
        version++; // what it may place on changed (offers are no cluster event): no failure carries over without a cycle
        queue.activateAll(ctx.now());
        drain();
    }

    /**
     * Offer-driven mode, for a pod scheduler that is one framework on a two-level allocator
     * (Kubernetes on Mesos) and can only place while it holds offers: the queue keeps
     * kube-scheduler's backoff and unschedulable pods and its timers, but the active queue is not
     * drained on a timer of its own: {@code onDue} is told whenever pods become due (new, backoff
     * over, moved by a cluster event), and the owner drains them with {@link #drainDue} when it
     * decides. A pod whose attempt failed goes to the unschedulable queue as usual, unless
     * {@code backOffInstead} says it lacked only offers: then it backs off and is retried.
     */
    public void placeOnlyWhenAsked(Runnable onDue, Predicate<Task> backOffInstead) {
        this.onDue = onDue;
        this.backOffInstead = backOffInstead;
    }

    /** Pods due for an attempt now (new, backoff over, or moved by a cluster event). */
    public boolean hasDue() { return queue.hasActive(); }

    /** This pending task is due for an attempt now. */
    public boolean isDue(Task t) {
        QueuedPod p = queue.get(t);
        return p != null && p.where == QueuedPod.Where.ACTIVE;
    }

    /**
     * Tries the pods that are due, in queue order, and returns when none is left (offer-driven
     * mode: the owner holds offers now). Pods backing off or unschedulable stay where they are.
     */
    public void drainDue() {
        version++; // what it may place on changed (offers are no cluster event): no failure carries over without a cycle
        drain();
    }

    /**
     * Resources on an agent became free without a pod of this scheduler leaving (another framework's
     * task ended, on a two-level allocator): a cluster event for the unschedulable pods it may help.
     */
    public void resourcesFreed(Agent agent) {
        NodeInfo n = agent.index() < slots ? table.node(agent.index()) : null;
        if (n == null || !agent.isUp()) return;
        event(new ClusterEvent(ClusterEvent.Type.RESOURCES_FREED, n, null));
    }

    private void ensureDrain() {
        if (draining || drainScheduled || !queue.hasActive()) return;
        if (onDue != null) {
            onDue.run();
            return;
        }
        drainScheduled = true;
        ctx.schedule(0, this::drain);
    }

    private void drain() {
        drainScheduled = false;
        draining = true;
        try {
            QueuedPod p;
            while ((p = queue.pop()) != null) scheduleOne(p);
        } finally {
            draining = false;
        }
        ensureWake();
    }

    /** One timer for the earliest of: a backoff ending, an unschedulable pod due for its periodic retry. */
    private void ensureWake() {
        long next = Math.min(queue.nextBackoffExpiry(), queue.nextUnschedulableFlush());
        if (next >= wakeAt) return;
        if (wakeTimer >= 0) ctx.cancel(wakeTimer);
        wakeAt = next;
        wakeTimer = ctx.schedule(Math.max(0, next - ctx.now()), this::wake);
    }

    private void wake() {
        wakeTimer = -1;
        wakeAt = Long.MAX_VALUE;
        queue.flushBackoff(ctx.now());
        queue.flushUnschedulable(ctx.now());
        if (onDue == null) {
            drain();
            return;
        }
        if (queue.hasActive()) onDue.run();
        ensureWake();
    }

    private void scheduleOne(QueuedPod p) {
        Task t = p.task();
        ctx.considering(t); // one attempt at this pod, for a driver that charges decision time
        if (p.nominated == null && lastFailedVersion == version && t.spec() == lastFailedSpec && t.priority() == lastFailedPriority) {
            equivalenceHits++;
            failures++;
            p.lastFailure = lastFailedReason; // the same spec failed the same way on the same cluster version
            unschedulable(p, lastFailedMask);
            return;
        }
        cycles++;
        SchedulingCycle.Outcome o = cycle.run(p);
        switch (o) {
            case BOUND -> bound++;
            case UNSCHEDULABLE -> {
                failures++;
                long mask = cycle.diagnosis.pluginMask();
                // built once per failed cycle (which already scanned the nodes); kept for status views, never read by a decision
                p.lastFailure = cycle.diagnosis.message(ctx.cluster().agentsUp());
                unschedulable(p, mask);
                if (p.nominated == null) {
                    lastFailedSpec = t.spec();
                    lastFailedPriority = t.priority();
                    lastFailedVersion = version;
                    lastFailedMask = mask;
                    lastFailedReason = p.lastFailure;
                }
            }
            case ERROR -> {
                failures++;
                queue.backoff(p, ctx.now());
            }
        }
    }

    /** A failed attempt: to the unschedulable queue, or (offer-driven, lacking only offers) to backoff. */
    private void unschedulable(QueuedPod p, long mask) {
        queue.unschedulable(p, ctx.now(), mask);
        if (backOffInstead.test(p.task())) queue.retry(p, ctx.now());
    }

    void nominate(QueuedPod p, NodeInfo n) {
        nominations++;
        version++;
        nominator.nominate(p, n);
    }

    void clearNomination(QueuedPod p) {
        NodeInfo n = nominator.clear(p);
        if (n != null) event(new ClusterEvent(ClusterEvent.Type.RESOURCES_FREED, n, null));
    }

    // ---- for the cycle ----

    Nominator nominator() { return nominator; }

    int nodeSlots() { return slots; }

    int nodesUp() { return up; }

    TaintCounts taints() { return taints; }

    NodeTable table() { return table; }

    private void nodeChanged(NodeInfo n) {
        taints.changed(n);
        table.sync(n);
        cycle.nodeChanged(n);
    }

    /** Cycles whose Filter and Score went through the per-node cache (every plugin allowed it). */
    public long cachedCycles() { return cycle.cachedCycles(); }

    /** Nodes those cycles took from the cache. */
    public long cacheHits() { return cycle.cacheHits(); }

    /** Nodes those cycles had to filter and score. */
    public long cacheMisses() { return cycle.cacheMisses(); }

    /** The framework as plugins see it. */
    private final class Handle implements FrameworkHandle {
        @Override public long now() { return ctx.now(); }
        @Override public PlacementContext context() { return ctx; }
        @Override public Profile profile() { return profile; }
        @Override public int nodeSlots() { return slots; }
        @Override public NodeInfo node(int index) { return index < slots ? table.node(index) : null; }
        @Override public NodeInfo nodeInfo(Agent agent) { return node(agent.index()); }
        @Override public int nodesUp() { return up; }
        @Override public PodIndex pods() { return pods; }
        @Override public List<QueuedPod> nominatedPods(NodeInfo node) { return List.copyOf(nominator.on(node)); }

        @Override
        public NodeInfo nominatedNodeOf(Task pod) {
            QueuedPod p = queue.get(pod);
            return p == null ? null : p.nominated;
        }

        @Override
        public void clearNomination(Task pod) {
            QueuedPod p = queue.get(pod);
            if (p == null || p.nominated == null) return;
            PodScheduler.this.clearNomination(p);
            queue.retry(p, ctx.now());
            ensureDrain();
            ensureWake();
        }

        @Override
        public Status runPreFilterPlugins(CycleState state, Task pod) {
            return cycle.runPreFilter(state, pod);
        }

        @Override
        public Status runFilterPluginsWithNominatedPods(CycleState state, Task pod, NodeInfo node) {
            return cycle.runFilterPluginsWithNominatedPods(state, pod, node);
        }

        @Override
        public void runPreFilterExtensionAddPod(CycleState state, Task pod, PlacedPod added, NodeInfo node) {
            cycle.runAddPod(state, pod, added, node);
        }

        @Override
        public void runPreFilterExtensionRemovePod(CycleState state, Task pod, PlacedPod removed, NodeInfo node) {
            cycle.runRemovePod(state, pod, removed, node);
        }

        @Override
        public void setReservation(PlacedPod pod, Resources r) {
            NodeInfo n = pod.node();
            if (n.find(pod.task()) != pod) throw new IllegalArgumentException(pod + " is not on its node any more");
            boolean lower = r.cpuMillis() < pod.resCpu || r.memMiB() < pod.resMem || r.diskMiB() < pod.resDisk || r.gpus() < pod.resGpus;
            n.setReservation(pod, r);
            nodeChanged(n);
            version++;
            if (lower) event(new ClusterEvent(ClusterEvent.Type.RESOURCES_FREED, n, pod));
        }
    }
}
