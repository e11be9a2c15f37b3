package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.policy.PlacementContext;
import org.mesocosm.runtime.policy.PlacementPolicy;

/**
 * Two-level scheduling as in Mesos. Changes are batched for one allocation interval; then an
 * offer round walks the agents with free resources and offers each one, whole, to the framework
 * its sorter ranks first among those that want it (has demand, not filtered on that agent, and
 * the agent holds at least its smallest request). Offered resources count as allocated to the
 * role at once, so the next agent goes to whoever is now most deserving. Frameworks accept
 * (launch), decline with a refuse filter, or hold the offer until it times out.
 */
public final class OfferAllocator implements PlacementPolicy {
    private final String name;
    private final OfferSettings settings;
    private final RoleSorter.Factory sorterFactory;
    private final Map<String, Double> roleWeights;
    private final RoleSorter roleSorter;
    private final Map<String, RoleEntry> roles = new HashMap<>();
    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final Map<Long, Offer> outstanding = new LinkedHashMap<>();
    private final Map<Long, Framework> offerOwner = new HashMap<>();
    /** (framework index, agent index) → time until which the framework refuses that agent. */
    private final Map<Long, Long> filters = new HashMap<>();
    private final Map<String, Integer> frameworkIndex = new HashMap<>();
    private PlacementContext ctx;
    private long roundTimer = -1;
    private long roundAt = Long.MAX_VALUE;
    private long nextOfferId = 1;
    private int rotation;
    private long rounds;
    private long offersMade;

    private static final class RoleEntry {
        final RoleSorter frameworkSorter;
        final Map<String, Framework> frameworks = new HashMap<>();

        RoleEntry(RoleSorter s) { frameworkSorter = s; }
    }

    public OfferAllocator(String name, OfferSettings settings, RoleSorter.Factory sorterFactory, Map<String, Double> roleWeights) {
        this.name = name;
        this.settings = settings;
        this.sorterFactory = sorterFactory;
        this.roleWeights = Map.copyOf(roleWeights);
        this.roleSorter = sorterFactory.create();
    }

    @Override
    public String name() { return name; }

    public long rounds() { return rounds; }

    public long offersMade() { return offersMade; }

    public RoleSorter roleSorter() { return roleSorter; }

    /** Registers a framework of one's own (tests, custom schedulers); built-in ones are created on demand. */
    public void register(Framework f) {
        if (frameworks.containsKey(f.id())) throw new IllegalArgumentException("framework " + f.id() + " already registered");
        RoleEntry r = roles.get(f.role());
        if (r == null) {
            r = new RoleEntry(sorterFactory.create());
            r.frameworkSorter.setTotal(ctx.cluster().capacity());
            roles.put(f.role(), r);
            roleSorter.add(f.role(), roleWeights.getOrDefault(f.role(), 1.0));
        }
        r.frameworks.put(f.id(), f);
        r.frameworkSorter.add(f.id(), 1.0);
        frameworkIndex.put(f.id(), frameworks.size());
        frameworks.put(f.id(), f);
    }

    @Override
    public void init(PlacementContext ctx) {
        this.ctx = ctx;
    }

    private Framework frameworkFor(Task t) {
        String kind = t.kind() == JobKind.SERVICE ? "service" : "jobs";
        Framework f = frameworks.get(t.role() + "/" + kind);
        if (f == null) {
            f = t.kind() == JobKind.SERVICE ? new QueueFramework.ServiceScheduler(t.role(), settings)
                    : new QueueFramework.JobScheduler(t.role(), settings);
            register(f);
        }
        return f;
    }

    @Override
    public void taskPending(Task task) {
        frameworkFor(task).taskPending(task);
        requestRound(settings.allocationIntervalMicros());
    }

    @Override
    public void taskWithdrawn(Task task) {
        frameworkFor(task).taskWithdrawn(task);
    }

    @Override
    public void taskLaunched(Task task) {
        charge(frameworkFor(task), task.request(), true);
    }

    @Override
    public void taskReleased(Task task) {
        charge(frameworkFor(task), task.request(), false);
        requestRound(settings.allocationIntervalMicros());
    }

    @Override
    public void agentAdded(Agent agent) {
        totalChanged();
        requestRound(settings.allocationIntervalMicros());
    }

    @Override
    public void agentRemoved(Agent agent) {
        List<Long> gone = new ArrayList<>();
        for (Offer o : outstanding.values()) if (o.agent() == agent) gone.add(o.id());
        for (long id : gone) rescind(id);
        totalChanged();
    }

    private void totalChanged() {
        Resources total = ctx.cluster().capacity();
        roleSorter.setTotal(total);
        for (RoleEntry r : roles.values()) r.frameworkSorter.setTotal(total);
    }

    private void charge(Framework f, Resources r, boolean add) {
        RoleEntry role = roles.get(f.role());
        if (add) {
            roleSorter.allocated(f.role(), r);
            role.frameworkSorter.allocated(f.id(), r);
        } else {
            roleSorter.unallocated(f.role(), r);
            role.frameworkSorter.unallocated(f.id(), r);
        }
    }

    /** Arms the round timer so that a round runs within {@code delay}; earlier requests win. */
    private void requestRound(long delay) {
        long at = ctx.now() + delay;
        if (roundTimer >= 0 && roundAt <= at) return;
        if (roundTimer >= 0) ctx.cancel(roundTimer);
        roundAt = at;
        roundTimer = ctx.schedule(delay, this::round);
    }

    /** One offer round. */
    void round() {
        roundTimer = -1;
        roundAt = Long.MAX_VALUE;
        rounds++;
        long now = ctx.now();
        List<Agent> agents = ctx.cluster().agents();
        int n = agents.size();
        if (n == 0) return;
        Map<Framework, List<Offer>> batch = new LinkedHashMap<>();
        long nextFilterExpiry = Long.MAX_VALUE;
        int start = rotation++ % n;
        for (int k = 0; k < n; k++) {
            Agent a = agents.get((start + k) % n);
            if (!a.isUp()) continue;
            Resources free = a.free();
            if (free.isZero()) continue;
            Framework f = null;
            outer:
            for (String role : roleSorter.order()) {
                RoleEntry r = roles.get(role);
                for (String fid : r.frameworkSorter.order()) {
                    Framework c = r.frameworks.get(fid);
                    if (!c.hasDemand() || !free.fits(c.minDemand())) continue;
                    long until = filters.getOrDefault(filterKey(c, a), 0L);
                    if (until > now) {
                        nextFilterExpiry = Math.min(nextFilterExpiry, until);
                        continue;
                    }
                    f = c;
                    break outer;
                }
            }
            if (f == null) continue;
            Offer o = new Offer(nextOfferId++, a, free);
            a.holdForOffer(free);
            charge(f, free, true);
            outstanding.put(o.id(), o);
            offerOwner.put(o.id(), f);
            batch.computeIfAbsent(f, x -> new ArrayList<>()).add(o);
            offersMade++;
        }
        for (Map.Entry<Framework, List<Offer>> e : batch.entrySet()) {
            for (OfferResponse resp : e.getKey().offers(now, e.getValue())) answer(e.getKey(), resp);
        }
        // Mesos allocates periodically; we allocate when something changed, plus once more after a
        // round that made offers while demand remains (leftovers may suit someone else next time),
        // and when the earliest refuse filter expires.
        if (!batch.isEmpty() && anyDemand()) requestRound(settings.allocationIntervalMicros());
        if (nextFilterExpiry != Long.MAX_VALUE) requestRound(Math.max(nextFilterExpiry - now, settings.allocationIntervalMicros()));
    }

    private boolean anyDemand() {
        for (Framework f : frameworks.values()) if (f.hasDemand()) return true;
        return false;
    }

    private void answer(Framework f, OfferResponse resp) {
        Offer o = outstanding.get(resp.offerId());
        if (o == null || offerOwner.get(resp.offerId()) != f) {
            throw new IllegalStateException("framework " + f.id() + " answered unknown offer " + resp.offerId());
        }
        if (resp instanceof OfferResponse.Hold) {
            if (settings.offerTimeoutMicros() > 0) ctx.schedule(settings.offerTimeoutMicros(), () -> rescind(o.id()));
            return;
        }
        release(o);
        long refuse;
        Resources used = Resources.ZERO;
        if (resp instanceof OfferResponse.Accept acc) {
            for (Task t : acc.tasks()) used = used.plus(t.request());
            if (!o.resources().fits(used)) {
                throw new IllegalStateException("framework " + f.id() + " used " + used + " of offer " + o.resources());
            }
            for (Task t : acc.tasks()) ctx.launch(t, o.agent());
            refuse = acc.refuseMicros();
        } else {
            refuse = ((OfferResponse.Decline) resp).refuseMicros();
        }
        if (refuse > 0 && !o.resources().minus(used).isZero()) {
            filters.put(filterKey(f, o.agent()), ctx.now() + refuse);
        }
    }

    /** Takes back an offer the framework did not answer in time (or whose agent is gone). */
    private void rescind(long offerId) {
        Offer o = outstanding.get(offerId);
        if (o == null) return;
        release(o);
        requestRound(settings.allocationIntervalMicros());
    }

    private void release(Offer o) {
        outstanding.remove(o.id());
        Framework f = offerOwner.remove(o.id());
        o.agent().releaseOffer(o.resources());
        charge(f, o.resources(), false);
    }

    private long filterKey(Framework f, Agent a) {
        return ((long) frameworkIndex.get(f.id()) << 32) | a.index();
    }

    /** Offers not yet answered (for tests). */
    public int outstandingOffers() { return outstanding.size(); }
}
