package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.Arrays;
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
 * offer round walks the agents (from a rotating start) and offers each one's free resources,
 * whole, to the framework its sorters rank first among those that want it: it has demand, has
 * not refused that agent recently, and the agent holds at least its smallest request. Offered
 * resources count as allocated to the role at once, so the next agent goes to whoever is now
 * most deserving. Frameworks accept (launch), decline with a refuse filter, or hold the offer
 * until it times out.
 *
 * <p>Where this departs from Mesos, for speed, without changing what a framework would accept:
 * a round stops offering to a framework once it has been offered its whole pending demand (it
 * would decline the rest), and ends when no framework wants more.
 */
public final class OfferAllocator implements PlacementPolicy {
    private final String name;
    private final OfferSettings settings;
    private final RoleSorter.Factory sorterFactory;
    private final Map<String, Double> roleWeights;
    private final RoleSorter roleSorter;
    private final Map<String, RoleEntry> roles = new HashMap<>();
    private final List<FrameworkEntry> frameworks = new ArrayList<>();
    private final Map<String, FrameworkEntry> frameworksById = new HashMap<>();
    private final Map<Long, Offer> outstanding = new LinkedHashMap<>();
    private final Map<Long, FrameworkEntry> offerOwner = new HashMap<>();
    private PlacementContext ctx;
    private long roundTimer = -1;
    private long roundAt = Long.MAX_VALUE;
    private long nextOfferId = 1;
    private int rotation;
    private long rounds;
    private long offersMade;

    private static final class RoleEntry {
        final String name;
        final RoleSorter frameworkSorter;
        final Map<String, FrameworkEntry> frameworks = new HashMap<>();
        FrameworkEntry service, jobs;
        /** Frameworks of this role still wanting offers in the current round. */
        int hungry;

        RoleEntry(String name, RoleSorter s) {
            this.name = name;
            this.frameworkSorter = s;
        }
    }

    private static final class FrameworkEntry {
        final Framework f;
        final RoleEntry role;
        /** Per agent index: time until which this framework refuses that agent. */
        long[] refusedUntil = new long[0];
        /** What this framework may still be offered in the current round; null = no limit. */
        long appetiteCpu, appetiteMem;
        boolean unlimited;
        boolean hungry;

        FrameworkEntry(Framework f, RoleEntry role) {
            this.f = f;
            this.role = role;
        }

        long refusedUntil(int agent) {
            return agent < refusedUntil.length ? refusedUntil[agent] : 0;
        }

        void refuse(int agent, long until) {
            if (agent >= refusedUntil.length) refusedUntil = Arrays.copyOf(refusedUntil, Math.max(agent + 1, refusedUntil.length * 2));
            refusedUntil[agent] = until;
        }
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

    /** Offers not yet answered. */
    public int outstandingOffers() { return outstanding.size(); }

    /**
     * Registers a framework of one's own (tests, custom schedulers). A framework whose id is
     * {@code ROLE/service} or {@code ROLE/jobs} takes the place of the built-in one for that role.
     */
    public void register(Framework f) {
        if (frameworksById.containsKey(f.id())) throw new IllegalArgumentException("framework " + f.id() + " already registered");
        RoleEntry r = role(f.role());
        FrameworkEntry e = new FrameworkEntry(f, r);
        r.frameworks.put(f.id(), e);
        r.frameworkSorter.add(f.id(), 1.0);
        if (f.id().equals(r.name + "/service")) r.service = e;
        if (f.id().equals(r.name + "/jobs")) r.jobs = e;
        frameworks.add(e);
        frameworksById.put(f.id(), e);
    }

    private RoleEntry role(String name) {
        RoleEntry r = roles.get(name);
        if (r == null) {
            r = new RoleEntry(name, sorterFactory.create());
            r.frameworkSorter.setTotal(ctx.cluster().capacity());
            roles.put(name, r);
            roleSorter.add(name, roleWeights.getOrDefault(name, 1.0));
        }
        return r;
    }

    @Override
    public void init(PlacementContext ctx) {
        this.ctx = ctx;
    }

    private FrameworkEntry frameworkFor(Task t) {
        RoleEntry r = role(t.role());
        boolean service = t.kind() == JobKind.SERVICE;
        FrameworkEntry e = service ? r.service : r.jobs;
        if (e == null) {
            register(service ? new QueueFramework.ServiceScheduler(t.role(), settings) : new QueueFramework.JobScheduler(t.role(), settings));
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
    public void agentFreed(Agent agent) {
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

    private void charge(FrameworkEntry e, Resources r, boolean add) {
        if (add) {
            roleSorter.allocated(e.role.name, r);
            e.role.frameworkSorter.allocated(e.f.id(), r);
        } else {
            roleSorter.unallocated(e.role.name, r);
            e.role.frameworkSorter.unallocated(e.f.id(), r);
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

    /** Marks who wants offers this round; returns the smallest request any of them has, or null if none. */
    private Resources startRound() {
        long cpu = Long.MAX_VALUE, mem = Long.MAX_VALUE, disk = Long.MAX_VALUE, gpus = Long.MAX_VALUE;
        boolean any = false;
        for (RoleEntry r : roles.values()) r.hungry = 0;
        for (FrameworkEntry e : frameworks) {
            e.hungry = e.f.hasDemand();
            if (!e.hungry) continue;
            any = true;
            e.role.hungry++;
            Resources total = e.f.totalDemand();
            e.unlimited = total == null;
            if (total != null) {
                e.appetiteCpu = total.cpuMillis();
                e.appetiteMem = total.memMiB();
            }
            Resources min = e.f.minDemand();
            cpu = Math.min(cpu, min.cpuMillis());
            mem = Math.min(mem, min.memMiB());
            disk = Math.min(disk, min.diskMiB());
            gpus = Math.min(gpus, min.gpus());
        }
        return any ? new Resources(cpu, mem, disk, gpus) : null;
    }

    /** One offer round. */
    void round() {
        roundTimer = -1;
        roundAt = Long.MAX_VALUE;
        rounds++;
        long now = ctx.now();
        List<Agent> agents = ctx.cluster().agents();
        int n = agents.size();
        Resources smallest = n == 0 ? null : startRound();
        if (smallest == null) return;
        int hungryLeft = 0;
        for (FrameworkEntry e : frameworks) if (e.hungry) hungryLeft++;
        Map<FrameworkEntry, List<Offer>> batch = new LinkedHashMap<>();
        long nextFilterExpiry = Long.MAX_VALUE;
        int start = rotation++ % n;
        for (int k = 0; k < n && hungryLeft > 0; k++) {
            Agent a = agents.get((start + k) % n);
            if (!a.isUp()) continue;
            Resources free = a.free();
            if (!free.fits(smallest)) continue;
            FrameworkEntry chosen = null;
            outer:
            for (String roleName : roleSorter.order()) {
                RoleEntry r = roles.get(roleName);
                if (r.hungry == 0) continue;
                for (String fid : r.frameworkSorter.order()) {
                    FrameworkEntry c = r.frameworks.get(fid);
                    if (!c.hungry || !free.fits(c.f.minDemand())) continue;
                    long until = c.refusedUntil(a.index());
                    if (until > now) {
                        nextFilterExpiry = Math.min(nextFilterExpiry, until);
                        continue;
                    }
                    chosen = c;
                    break outer;
                }
            }
            if (chosen == null) continue;
            Offer o = new Offer(nextOfferId++, a, free);
            a.holdForOffer(free);
            charge(chosen, free, true);
            outstanding.put(o.id(), o);
            offerOwner.put(o.id(), chosen);
            batch.computeIfAbsent(chosen, x -> new ArrayList<>()).add(o);
            offersMade++;
            if (!chosen.unlimited) {
                chosen.appetiteCpu -= free.cpuMillis();
                chosen.appetiteMem -= free.memMiB();
                if (chosen.appetiteCpu <= 0 && chosen.appetiteMem <= 0) {
                    chosen.hungry = false;
                    chosen.role.hungry--;
                    hungryLeft--;
                }
            }
        }
        for (Map.Entry<FrameworkEntry, List<Offer>> e : batch.entrySet()) {
            for (OfferResponse resp : e.getKey().f.offers(now, e.getValue())) answer(e.getKey(), resp);
        }
        // Mesos allocates periodically; we allocate when something changed, plus once more after a
        // round that made offers while demand remains (leftovers may suit someone else next time),
        // and when the earliest refuse filter expires.
        if (!batch.isEmpty() && anyDemand()) requestRound(settings.allocationIntervalMicros());
        if (nextFilterExpiry != Long.MAX_VALUE) requestRound(Math.max(nextFilterExpiry - now, settings.allocationIntervalMicros()));
    }

    private boolean anyDemand() {
        for (FrameworkEntry e : frameworks) if (e.f.hasDemand()) return true;
        return false;
    }

    private void answer(FrameworkEntry f, OfferResponse resp) {
        Offer o = outstanding.get(resp.offerId());
        if (o == null || offerOwner.get(resp.offerId()) != f) {
            throw new IllegalStateException("framework " + f.f.id() + " answered unknown offer " + resp.offerId());
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
                throw new IllegalStateException("framework " + f.f.id() + " used " + used + " of offer " + o.resources());
            }
            for (Task t : acc.tasks()) ctx.launch(t, o.agent());
            refuse = acc.refuseMicros();
        } else {
            refuse = ((OfferResponse.Decline) resp).refuseMicros();
        }
        if (refuse > 0 && !o.resources().minus(used).isZero()) f.refuse(o.agent().index(), ctx.now() + refuse);
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
        FrameworkEntry f = offerOwner.remove(o.id());
        o.agent().releaseOffer(o.resources());
        charge(f, o.resources(), false);
    }
}
