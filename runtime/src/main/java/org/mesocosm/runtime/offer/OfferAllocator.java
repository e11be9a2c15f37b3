package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;

/**
 * Two-level scheduling as in Mesos. Changes are batched for one allocation interval; then an
 * offer round ({@link OfferRound}) walks the agents and offers their free resources to the
 * frameworks the role tree ranks first: quota guarantees first, then hierarchical weighted DRF,
 * within limits and reservations. Offered resources count as allocated to the role at once.
 * Frameworks accept (launch), decline with a refuse filter, or hold the offer until it times out.
 */
public final class OfferAllocator implements PlacementPolicy {
    private final String name;
    final OfferSettings settings;
    private final AllocatorConfig config;
    final RoleTree tree;
    final Reservations reservations;
    final List<FrameworkEntry> frameworks = new ArrayList<>();
    private final Map<String, FrameworkEntry> frameworksById = new HashMap<>();
    /** Offers not yet answered, in the order made. */
    private final LongMap<Held> outstanding = new LongMap<>();
    PlacementContext ctx;
    private boolean totalDirty;
    private long roundTimer = -1;
    private long roundAt = Long.MAX_VALUE;
    private long nextOfferId = 1;
    long rounds;
    /** Where the next round that has work starts its walk over the agents. */
    int rotation;
    /** See {@link OfferRound}: on except in the test that proves the shortcut changes no placement. */
    boolean suppressWhenDone = true;
    private long offersMade;
    /** While an accepted offer's tasks launch: the framework whose offer they come from (their allocation is the offer's). */
    private FrameworkEntry launchingFrom;
    private Resources launchedFromOffer = Resources.ZERO;
    /** Which framework a task goes to, when not by role and kind (see {@link #routeBy}); null: the built-in ones. */
    private Function<Task, Framework> router;
    /** What runs an offer round when its timer fires (see {@link #gateRounds}); null: at once. */
    private Consumer<Runnable> roundGate;

    /** An outstanding offer, its framework, and what it holds of each reservation slot of its agent (null: none). */
    private record Held(Offer offer, FrameworkEntry owner, long[][] slots) {}

    public OfferAllocator(String name, OfferSettings settings, RoleSorter.Factory sorterFactory, AllocatorConfig config) {
        this.name = name;
        this.settings = settings;
        this.config = config;
        this.tree = new RoleTree(sorterFactory, config);
        this.reservations = new Reservations(config.reservations());
    }

    /** Flat roles with weights only (no quotas or reservations). */
    public OfferAllocator(String name, OfferSettings settings, RoleSorter.Factory sorterFactory, Map<String, Double> roleWeights) {
        this(name, settings, sorterFactory, new AllocatorConfig(roleWeights, Map.of(), List.of()));
    }

    @Override
    public String name() { return name; }

    public AllocatorConfig config() { return config; }

    public long rounds() { return rounds; }

    /**
     * Keeps offering to frameworks that have nothing left to launch, for the rest of each round
     * (they decline). Only for the test that proves the round's shortcut changes no placement.
     */
    public OfferAllocator withoutSuppressionShortcut() {
        suppressWhenDone = false;
        return this;
    }

    public long offersMade() { return offersMade; }

    @Override
    public List<PolicyMetric> metrics() {
        return List.of(
                PolicyMetric.counter("mesocosm_offers_total", "Resource offers made to frameworks.", offersMade),
                PolicyMetric.counter("mesocosm_offer_rounds_total", "Allocation rounds run.", rounds),
                PolicyMetric.gauge("mesocosm_offers_outstanding", "Offers not yet answered.", outstandingOffers()));
    }

    /** The sorter of the top-level roles. */
    public RoleSorter roleSorter() {
        flushTotal();
        return tree.root.children;
    }

    /** Dominant share of a role's whole subtree (offers included), against the capacity of the agents that are up. */
    public double share(String rolePath) {
        RoleNode n = tree.find(rolePath);
        return n == null ? 0 : n.allocation().dominantShare(ctx.cluster().capacity());
    }

    /** What a role's subtree holds (launched tasks and outstanding offers). */
    public Resources allocation(String rolePath) {
        RoleNode n = tree.find(rolePath);
        return n == null ? Resources.ZERO : n.allocation();
    }

    /** Offers not yet answered. */
    public int outstandingOffers() { return outstanding.size(); }

    /**
     * Registers a framework of one's own (tests, custom schedulers). A framework whose id is
     * {@code ROLE/service} or {@code ROLE/jobs} takes the place of the built-in one for that role.
     */
    public void register(Framework f) {
        if (frameworksById.containsKey(f.id())) throw new IllegalArgumentException("framework " + f.id() + " already registered");
        RoleNode r = tree.node(f.role());
        FrameworkEntry e = new FrameworkEntry(f, r);
        tree.addFramework(r, e);
        if (f.id().equals(r.path + "/service")) r.service = e;
        if (f.id().equals(r.path + "/jobs")) r.jobs = e;
        frameworks.add(e);
        frameworksById.put(f.id(), e);
    }

    @Override
    public void init(PlacementContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Sends each task to the framework {@code router} names (registered before the task comes), instead
     * of its role's built-in service or job scheduler: a two-level policy whose frameworks are
     * chosen per job (Kubernetes on Mesos). The framework's role is the one charged for the task.
     */
    public void routeBy(Function<Task, Framework> router) {
        this.router = router;
    }

    /**
     * Hands every offer round to {@code gate} instead of running it when its timer fires; the gate
     * runs it (now or later: an allocator that takes time to decide, on a scheduler lane of its own).
     */
    public void gateRounds(Consumer<Runnable> gate) {
        this.roundGate = gate;
    }

    /**
     * A built-in framework ({@code ROLE/service}: spread, relaunch by the service controller; {@code ROLE/jobs}: pack), to register.
     * {@code considering} hears of each task it tries on an offer without room (decision time for a failed try).
     */
    public static Framework builtIn(boolean service, String role, OfferSettings settings, Cluster cluster, Consumer<Task> considering) {
        return service ? new QueueFramework.ServiceScheduler(role, settings, cluster, considering)
                : new QueueFramework.JobScheduler(role, settings, cluster, considering);
    }

    /**
     * A framework has demand again that no event of the allocator's own announced (Mesos's
     * reviveOffers, without clearing refuse filters): a round runs within the allocation interval.
     */
    public void revive() {
        requestRound(settings.allocationIntervalMicros());
    }

    /** True while the offer is outstanding (not yet answered, rescinded or timed out). */
    public boolean isOutstanding(long offerId) {
        return outstanding.get(offerId) != null;
    }

    /**
     * Answers an offer the framework held ({@link OfferResponse.Hold}) when it has decided: a
     * framework deciding on a lane of its own answers after its decision time.
     */
    public void answerLater(Framework f, OfferResponse resp) {
        FrameworkEntry e = frameworksById.get(f.id());
        if (e == null || e.f != f) throw new IllegalArgumentException("framework " + f.id() + " is not registered");
        answer(e, resp);
        requestRound(settings.allocationIntervalMicros());
    }

    /**
     * Launches one task on part of an outstanding offer, which keeps the rest (a framework that
     * places task by task, such as the Kubernetes scheduler, each placement seeing the last). Throws
     * if the offer is not the framework's, is gone, or lacks room.
     */
    public void launchFromOffer(Framework f, long offerId, Task t) {
        Held h = outstanding.get(offerId);
        if (h == null || h.owner().f != f) throw new IllegalStateException("framework " + f.id() + " launched from unknown offer " + offerId);
        if (h.slots() != null) throw new IllegalStateException("launching from part of an offer that holds reservations is not supported");
        Offer o = h.offer();
        if (!o.resources().fits(t.request())) throw new IllegalStateException("task " + t.id() + " does not fit what is left of offer " + o);
        ctx.releaseOffer(o.agent(), t.request());
        outstanding.put(offerId, new Held(new Offer(offerId, o.agent(), o.resources().minus(t.request())), h.owner(), null));
        launchingFrom = h.owner();
        try {
            ctx.launch(t, o.agent());
        } finally {
            launchingFrom = null;
        }
    }

    /**
     * Adds free resources of the offer's agent to an outstanding offer, held and charged like the
     * rest of it: a framework that keeps offers as executors takes back what its finished tasks freed.
     */
    public void growOffer(Framework f, long offerId, Resources more) {
        Held h = outstanding.get(offerId);
        if (h == null || h.owner().f != f) throw new IllegalStateException("framework " + f.id() + " grew unknown offer " + offerId);
        if (h.slots() != null) throw new IllegalStateException("growing an offer that holds reservations is not supported");
        Offer o = h.offer();
        ctx.holdForOffer(o.agent(), more);
        tree.charge(h.owner(), more, 1);
        outstanding.put(offerId, new Held(new Offer(offerId, o.agent(), o.resources().plus(more)), h.owner(), null));
    }

    private FrameworkEntry frameworkFor(Task t) {
        if (router != null) {
            Framework f = router.apply(t);
            FrameworkEntry e = frameworksById.get(f.id());
            if (e == null) throw new IllegalStateException("task " + t.id() + " routed to unregistered framework " + f.id());
            return e;
        }
        RoleNode r = tree.node(t.role());
        boolean service = t.kind() == JobKind.SERVICE;
        FrameworkEntry e = service ? r.service : r.jobs;
        if (e == null) {
            register(service ? new QueueFramework.ServiceScheduler(t.role(), settings, ctx.cluster(), ctx::considering)
                    : new QueueFramework.JobScheduler(t.role(), settings, ctx.cluster(), ctx::considering));
            e = service ? r.service : r.jobs;
        }
        return e;
    }

    @Override
    public void taskPending(Task task) {
        frameworkFor(task).f.taskPending(task);
        requestRound(settings.allocationIntervalMicros());
    }

    @Override
    public void taskWithdrawn(Task task) {
        frameworkFor(task).f.taskWithdrawn(task);
    }

    @Override
    public void taskLaunched(Task task) {
        FrameworkEntry e = frameworkFor(task);
        reservations.taskLaunched(task, task.agent());
        // launched from an accepted offer: the offer's allocation carries over, no need to re-sort
        if (e == launchingFrom) launchedFromOffer = launchedFromOffer.plus(task.request());
        else tree.charge(e, task.request(), 1);
    }

    @Override
    public void taskReleased(Task task) {
        FrameworkEntry e = frameworkFor(task);
        reservations.taskReleased(task);
        tree.charge(e, task.request(), -1);
        e.f.taskReleased(task);
        requestRound(settings.allocationIntervalMicros());
    }

    @Override
    public void agentAdded(Agent agent) {
        reservations.agentAdded(agent);
        totalDirty = true;
        requestRound(settings.allocationIntervalMicros());
    }

    @Override
    public void agentFreed(Agent agent) {
        requestRound(settings.allocationIntervalMicros());
    }

    @Override
    public void agentRemoved(Agent agent) {
        List<Long> gone = new ArrayList<>();
        outstanding.forEachValue(h -> {
            if (h.offer().agent() == agent) gone.add(h.offer().id());
        });
        gone.sort(null); // rescind in the order the offers were made
        for (long id : gone) rescind(id);
        reservations.agentRemoved(agent);
        totalDirty = true;
    }

    /** Shares are measured against the capacity of the agents that are up; re-sorting waits for the next round. */
    void flushTotal() {
        if (!totalDirty) return;
        totalDirty = false;
        tree.setTotal(ctx.cluster().capacity());
    }

    /** Arms the round timer so that a round runs within {@code delay}; earlier requests win. */
    void requestRound(long delay) {
        long at = ctx.now() + delay;
        if (roundTimer >= 0 && roundAt <= at) return;
        if (roundTimer >= 0) ctx.cancel(roundTimer);
        roundAt = at;
        roundTimer = ctx.schedule(delay, this::round);
    }

    private void round() {
        roundTimer = -1;
        roundAt = Long.MAX_VALUE;
        if (roundGate != null) roundGate.accept(this::runRound);
        else runRound();
    }

    private void runRound() {
        rounds++;
        flushTotal();
        new OfferRound(this).run();
    }

    /** Makes an offer: holds the resources on the agent and in the reservation slots, counts them as allocated. */
    Offer offer(FrameworkEntry f, Agent a, Resources r, long[][] slotParts) {
        Offer o = new Offer(nextOfferId++, a, r);
        ctx.holdForOffer(a, r);
        tree.charge(f, r, 1);
        outstanding.put(o.id(), new Held(o, f, slotParts));
        offersMade++;
        return o;
    }

    boolean anyDemand() {
        for (FrameworkEntry e : frameworks) if (e.f.hasDemand()) return true;
        return false;
    }

    void answer(FrameworkEntry f, OfferResponse resp) {
        Held h = outstanding.get(resp.offerId());
        if (h == null || h.owner() != f) {
            throw new IllegalStateException("framework " + f.f.id() + " answered unknown offer " + resp.offerId());
        }
        Offer o = h.offer();
        if (resp instanceof OfferResponse.Hold) {
            if (settings.offerTimeoutMicros() > 0) ctx.schedule(settings.offerTimeoutMicros(), () -> rescind(o.id()));
            return;
        }
        long refuse;
        Resources used = Resources.ZERO;
        if (resp instanceof OfferResponse.Accept acc) {
            for (Task t : acc.tasks()) used = used.plus(t.request());
            if (!o.resources().fits(used)) {
                throw new IllegalStateException("framework " + f.f.id() + " used " + used + " of offer " + o.resources());
            }
            unhold(h);
            launchingFrom = f;
            launchedFromOffer = Resources.ZERO;
            try {
                for (Task t : acc.tasks()) ctx.launch(t, o.agent());
            } finally {
                launchingFrom = null;
            }
            Resources unused = o.resources().minus(launchedFromOffer);
            if (!unused.isZero()) tree.charge(f, unused, -1);
            refuse = acc.refuseMicros();
        } else {
            release(h);
            refuse = ((OfferResponse.Decline) resp).refuseMicros();
        }
        if (refuse > 0 && !o.resources().minus(used).isZero()) f.refuse(o.agent().index(), ctx.now() + refuse);
    }

    /** Takes back an offer the framework did not answer in time (or whose agent is gone). */
    private void rescind(long offerId) {
        Held h = outstanding.get(offerId);
        if (h == null) return;
        release(h);
        requestRound(settings.allocationIntervalMicros());
    }

    /** Gives an offer's resources back to the agent and its reservation slots, leaving the allocation to the caller. */
    private void unhold(Held h) {
        outstanding.remove(h.offer().id());
        ctx.releaseOffer(h.offer().agent(), h.offer().resources());
        reservations.giveBack(h.offer().agent(), h.slots());
    }

    private void release(Held h) {
        unhold(h);
        tree.charge(h.owner(), h.offer().resources(), -1);
    }
}
