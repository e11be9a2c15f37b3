package org.mesocosm.runtime.offer;

import java.util.List;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.model.Resources;

/**
 * One offer round. The agents are walked from a rotating start; each agent's free resources are
 * offered in two stages, as Mesos's hierarchical allocator does:
 * <ol>
 *   <li>quota: roles whose guarantee is unmet, in DRF order among them, are offered up to what
 *       they still lack of it (plus their reservations);</li>
 *   <li>fair share: the role tree in hierarchical DRF order, down to a framework that wants the
 *       agent. Unreserved resources another role's unmet guarantee needs (headroom) are held back.</li>
 * </ol>
 * Every offer is capped so that no role on the framework's path passes its limit, and holds the
 * role's reservations on the agent before unreserved resources. A framework gets at most one offer
 * per agent per round.
 *
 * <p>Each offer is answered as soon as it is made: what the framework launches starts now, so its
 * share is exact when the next agent is sorted for. What a framework with work leaves of an offer
 * stays out of this round, as in Mesos, where the answer comes back after the allocation cycle and
 * the leftover is offered again in the next one (to whoever is then lowest in DRF order). The
 * framework's own queue says when it is done: once it has nothing left to launch it suppresses
 * offers for the rest of the round, as a Mesos framework does, and the round ends when no framework
 * wants more. (Counting whole offered agents against the framework's pending demand,
 * as an earlier round did, stopped a service scheduler, which launches one instance of a job per
 * offer, after ceil(pending cpu / agent cpu) instances a round.) The one shortcut left: a framework
 * whose limit leaves no room for its smallest request is not offered again in the round.
 */
final class OfferRound {
    private static final long[] NONE = new long[4];

    private final OfferAllocator alloc;
    private final RoleTree tree;
    private final Reservations reservations;
    private final long now;
    private final long round;
    /**
     * The shortcut: stop offering to a framework that has nothing left to launch. Off only in the
     * test that proves it changes no placement (the framework would decline every such offer).
     */
    private final boolean suppressWhenDone;
    /** Whether some offer was made this round. */
    private boolean offered;
    private long nextFilterExpiry = Long.MAX_VALUE;
    private int hungryLeft;
    private Resources smallest;
    /** Quota bookkeeping: on when some role has a guarantee. */
    private boolean quota;
    private final long[] headroom = new long[4];
    private int guaranteesActive;

    // the agent being offered, and its state
    private Agent agent;
    /** What frameworks with work left of their offers of this agent: out of this round. */
    private Resources leftOver;
    private Resources free;
    private long[] unreserved;
    private boolean hasSlots;
    // the candidate chosen by the last successful eligibility check
    private Resources candidate;
    private long[] candidateReserved;

    OfferRound(OfferAllocator alloc) {
        this.alloc = alloc;
        this.tree = alloc.tree;
        this.reservations = alloc.reservations;
        this.now = alloc.ctx.now();
        this.round = alloc.rounds;
        this.suppressWhenDone = alloc.suppressWhenDone;
    }

    void run() {
        List<Agent> agents = alloc.ctx.cluster().agents();
        int n = agents.size();
        if (n == 0 || !startRound()) return;
        if (tree.hasGuarantees()) startQuotaStage(agents);
        int start = alloc.rotation++ % n; // rounds that walk the agents start one agent later each time
        for (int k = 0; k < n && hungryLeft > 0; k++) {
            Agent a = agents.get((start + k) % n);
            if (!a.isUp()) continue;
            agent = a;
            leftOver = Resources.ZERO;
            refreshAgent();
            if (!free.fits(smallest)) continue;
            while (guaranteesActive > 0 && free.fits(smallest) && offerNext(true)) refreshAgent();
            while (hungryLeft > 0 && free.fits(smallest) && offerNext(false)) refreshAgent();
        }
        // Mesos allocates periodically; we allocate when something changed, plus once more after a
        // round that made offers while demand remains (leftovers may suit someone else next time),
        // and when the earliest refuse filter expires.
        long interval = alloc.settings.allocationIntervalMicros();
        if (offered && alloc.anyDemand()) alloc.requestRound(interval);
        if (nextFilterExpiry != Long.MAX_VALUE) alloc.requestRound(Math.max(nextFilterExpiry - now, interval));
    }

    /** Marks who wants offers this round and the smallest request any of them has; false if nobody. */
    private boolean startRound() {
        long cpu = Long.MAX_VALUE, mem = Long.MAX_VALUE, disk = Long.MAX_VALUE, gpus = Long.MAX_VALUE;
        tree.resetHungry(alloc.frameworks);
        for (FrameworkEntry e : alloc.frameworks) {
            if (!e.f.hasDemand()) continue;
            tree.setHungry(e, true);
            hungryLeft++;
            Resources min = e.f.minDemand();
            cpu = Math.min(cpu, min.cpuMillis());
            mem = Math.min(mem, min.memMiB());
            disk = Math.min(disk, min.diskMiB());
            gpus = Math.min(gpus, min.gpus());
        }
        smallest = hungryLeft == 0 ? null : new Resources(cpu, mem, disk, gpus);
        return hungryLeft > 0;
    }

    /** Headroom available: everything unreserved and unallocated on the agents that are up. */
    private void startQuotaStage(List<Agent> agents) {
        quota = true;
        for (Agent a : agents) {
            if (!a.isUp()) continue;
            long[] u = reservations.unreservedFree(a, a.free());
            for (int d = 0; d < 4; d++) headroom[d] += u[d];
        }
        for (String path : tree.guaranteeOrder()) {
            RoleNode g = tree.guaranteedRole(path);
            g.guaranteeActive = g.hungry > 0 && g.hasUnmetGuarantee();
            if (g.guaranteeActive) guaranteesActive++;
        }
    }

    /** The agent's free resources less what was left of offers this round (a reserved part may since have been offered to its owner). */
    private Resources freeForThisRound() {
        Resources f = agent.free();
        if (leftOver.isZero()) return f;
        return new Resources(Math.max(0, f.cpuMillis() - leftOver.cpuMillis()), Math.max(0, f.memMiB() - leftOver.memMiB()),
                Math.max(0, f.diskMiB() - leftOver.diskMiB()), Math.max(0, f.gpus() - leftOver.gpus()));
    }

    private long[] unreservedFree() {
        Resources now = freeForThisRound();
        return reservations.slots(agent) != null ? reservations.unreservedFree(agent, now) : Reservations.vec(now);
    }

    private void refreshAgent() {
        free = freeForThisRound();
        hasSlots = reservations.slots(agent) != null;
        unreserved = hasSlots ? reservations.unreservedFree(agent, free) : null;
        if (hasSlots) for (int d = 0; d < 4; d++) unreserved[d] = Math.max(0, unreserved[d]); // a leftover kept out may be reserved
    }

    /** Finds the next framework for the current agent in one stage and offers to it; false if none. */
    private boolean offerNext(boolean quotaStage) {
        FrameworkEntry f = null;
        if (quotaStage) {
            for (String path : tree.guaranteeOrder()) {
                RoleNode g = tree.guaranteedRole(path);
                if (g.guaranteeActive && (f = pickIn(g, g)) != null) break;
            }
        } else {
            f = pickIn(tree.root, null);
        }
        if (f == null) return false;
        Resources r = candidate;
        long[] fromSlots = hasSlots ? min(candidateReserved, Reservations.vec(r)) : null;
        long[] unreservedBefore = quota ? unreservedFree() : null;
        long[][] parts = fromSlots == null ? null : reservations.take(agent, f.role.path, fromSlots);
        boolean hadWork = f.f.hasDemand();
        Resources realFree = agent.free();
        Offer o = alloc.offer(f, agent, r, parts);
        offered = true;
        f.offeredAgent = agent.index();
        f.offeredRound = round;
        for (OfferResponse resp : f.f.offers(now, List.of(o))) alloc.answer(f, resp);
        if (hadWork) leftOver = leftOver.plus(r.minus(realFree.minus(agent.free()))); // offered minus launched
        if (quota) { // the headroom loses what the answer kept of the agent's unreserved resources, not what was offered
            long[] after = unreservedFree();
            for (int d = 0; d < 4; d++) headroom[d] -= unreservedBefore[d] - after[d];
        }
        if (suppressWhenDone && !f.f.hasDemand()) satisfied(f);
        if (quota) refreshGuarantees(f.role);
        return true;
    }

    private void satisfied(FrameworkEntry f) {
        tree.setHungry(f, false);
        hungryLeft--;
        if (quota) refreshGuarantees(f.role);
    }

    /** A guarantee drops out of the quota stage once met, or once nobody under it wants offers. */
    private void refreshGuarantees(RoleNode role) {
        for (RoleNode n = role; n != null; n = n.parent) {
            if (n.guaranteeActive && (n.hungry == 0 || !n.hasUnmetGuarantee())) {
                n.guaranteeActive = false;
                guaranteesActive--;
            }
        }
    }

    /** The first framework in {@code n}'s subtree, in hierarchical DRF order, that takes an offer of this agent. */
    private FrameworkEntry pickIn(RoleNode n, RoleNode guarantee) {
        if (n.children == null) return n.ownHungry > 0 ? pickOwn(n, guarantee) : null;
        for (String client : n.children.order()) {
            RoleNode c = n.childNodes.get(client);
            FrameworkEntry f;
            if (c == null) f = n.ownHungry > 0 ? pickOwn(n, guarantee) : null; // the role's own frameworks
            else f = c.hungry > 0 ? pickIn(c, guarantee) : null;
            if (f != null) return f;
        }
        return null;
    }

    private FrameworkEntry pickOwn(RoleNode n, RoleNode guarantee) {
        if (n.frameworks.size() == 1) {
            FrameworkEntry only = n.frameworks.get(0);
            return eligible(only, guarantee) ? only : null;
        }
        for (String id : n.frameworkSorter.order()) {
            FrameworkEntry c = n.frameworkIds.get(id);
            if (eligible(c, guarantee)) return c;
        }
        return null;
    }

    /** Whether the framework takes an offer of this agent now; if so, sizes it into {@link #candidate}. */
    private boolean eligible(FrameworkEntry c, RoleNode guarantee) {
        if (!c.hungry || (c.offeredAgent == agent.index() && c.offeredRound == round)) return false;
        Resources min = c.f.minDemand();
        if (!free.fits(min)) return false;
        long until = c.refusedUntil(agent.index());
        if (until > now) {
            // a round when the filter expires serves only a framework that still has work
            if (c.f.hasDemand()) nextFilterExpiry = Math.min(nextFilterExpiry, until);
            return false;
        }
        RoleNode role = c.role;
        if (!hasSlots && !quota && !role.limitOnPath) { // the common case: the whole agent
            candidate = free;
            return true;
        }
        candidateReserved = hasSlots ? reservations.reservedFor(agent, role.path) : NONE;
        long[] o = new long[4];
        for (int d = 0; d < 4; d++) {
            long u = hasSlots ? unreserved[d] : RoleTree.get(free, d);
            if (guarantee != null) u = Math.min(u, guarantee.unmet(d));
            if (quota) { // keep the headroom other roles' unmet guarantees need
                long own = role.topGuarantee == null ? 0 : role.topGuarantee.unmet(d);
                u = Math.min(u, Math.max(0, headroom[d] - tree.requiredHeadroom[d]) + own);
            }
            o[d] = u + candidateReserved[d];
            if (role.limitOnPath) o[d] = Math.min(o[d], role.limitRoom(d));
        }
        candidate = new Resources(o[0], o[1], o[2], o[3]);
        if (candidate.fits(min)) return true;
        if (role.limitOnPath && !limitRoom(role).fits(min)) satisfied(c); // its limit is in the way on every agent
        return false;
    }

    private static Resources limitRoom(RoleNode role) {
        return new Resources(role.limitRoom(0), role.limitRoom(1), role.limitRoom(2), role.limitRoom(3));
    }

    private static long[] min(long[] a, long[] b) {
        long[] m = new long[4];
        for (int d = 0; d < 4; d++) m[d] = Math.min(a[d], b[d]);
        return m;
    }
}
