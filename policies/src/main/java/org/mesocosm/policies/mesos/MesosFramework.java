package org.mesocosm.policies.mesos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.offer.Framework;
import org.mesocosm.runtime.offer.Offer;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.offer.OfferResponse;

/**
 * One framework of the mesos policy, deciding on a scheduler lane of its own. Every offer it gets
 * is held ({@link OfferResponse.Hold}): its resources are free to no one else while the framework
 * decides (Mesos's pessimistic offers). The offers of one allocation round are gathered into one
 * decision: {@link #decide} runs when the lane is free (it reads and counts the tasks it tries),
 * {@link #commit} when the lane's decision time has passed, and answers the offers that are still
 * outstanding (the others were rescinded meanwhile: their agent left). A slow framework therefore
 * hoards what it was offered for its whole decision time, which is the Omega paper's finding.
 */
abstract class MesosFramework implements Framework {
    final String name;
    PlacementContext ctx;
    OfferAllocator allocator;
    SchedulerLane lane;
    /** The allocator's lane: a job this framework's decision left unplaced waits there for offers again. */
    private SchedulerLane allocatorLane;
    /** The tasks the decide in progress tried (see {@link #tried}). */
    private List<Task> tried = new ArrayList<>();
    private List<Offer> batch = new ArrayList<>();
    private boolean batchScheduled;
    /** When each held offer was made, by offer id: looked up, never iterated. */
    private final Map<Long, Long> offeredAt = new HashMap<>();
    long offersReceived, offersDeclined, heldMicros, decisions;

    MesosFramework(String name) {
        this.name = name;
    }

    void start(PlacementContext ctx, OfferAllocator allocator, SchedulerLane lane, SchedulerLane allocatorLane) {
        this.ctx = ctx;
        this.allocator = allocator;
        this.lane = lane;
        this.allocatorLane = allocatorLane;
        lane.decidesAtCommit(); // it places on the offers it held when its decision time is over: measured charges that CPU too
    }

    /** What one decide read: the offers it decided on and the tasks it tried. */
    private record Decided(List<Offer> offers, List<Task> tried) {}

    @Override public String id() { return name; }

    /** Each framework has a role of its own name: DRF shares are per framework, as in the Omega paper's Mesos. */
    @Override public String role() { return name; }

    @Override
    public final List<OfferResponse> offers(long now, List<Offer> offers) {
        List<OfferResponse> out = new ArrayList<>(offers.size());
        for (Offer o : offers) {
            offersReceived++;
            offeredAt.put(o.id(), now);
            batch.add(o);
            out.add(new OfferResponse.Hold(o.id()));
        }
        scheduleDecision(); // the round goes on offering other agents: decide once it is over, on all of them
        return out;
    }

    /** Queues a decision at the end of this instant, on whatever offers came by then. */
    final void scheduleDecision() {
        if (!batchScheduled) {
            batchScheduled = true;
            ctx.schedule(0, this::submit);
        }
    }

    /** A task this framework waits to place (the allocator's round charges one), or null. */
    abstract Task anyPending();

    /** Queues a decision on the offers gathered so far (none: a decision on what the framework already holds). */
    final void submit() {
        batchScheduled = false;
        List<Offer> mine = batch;
        batch = new ArrayList<>();
        lane.submit(() -> {
            decisions++;
            decide(mine);
            Decided d = new Decided(mine, tried);
            tried = new ArrayList<>();
            return d;
        }, d -> {
            List<Offer> live = new ArrayList<>(d.offers().size());
            for (Offer o : d.offers()) {
                if (allocator.isOutstanding(o.id())) live.add(o);
                else held(o.id()); // rescinded while we decided
            }
            commit(live);
            // what this decision tried and did not place waits for the allocator's offers again: its wait is the allocator's
            for (Task t : d.tried()) if (t.state() == TaskState.PENDING && !t.isUnschedulable()) allocatorLane.waitsHere(t);
        });
    }

    /** A task this decide tries: charged to the lane ({@link PlacementContext#considering}), and handed back to the allocator if left unplaced. */
    final void tried(Task t) {
        ctx.considering(t);
        tried.add(t);
    }

    /** Reads the state and calls {@link PlacementContext#considering} for each task this decision tries; changes nothing. */
    abstract void decide(List<Offer> offers);

    /** Places what it decided on the offers still outstanding, and answers each of them (or keeps it: spark's executors). */
    abstract void commit(List<Offer> offers);

    /** Answers a held offer. */
    final void answer(OfferResponse r) {
        held(r.offerId());
        if (r instanceof OfferResponse.Decline) offersDeclined++;
        allocator.answerLater(this, r);
    }

    private void held(long offerId) {
        Long at = offeredAt.remove(offerId);
        if (at != null) heldMicros += ctx.now() - at;
    }

    /** Counts the tasks a decision on {@code offers} tries, first come first served: those that fit their sum, and the first that does not. */
    final void considerFitting(Iterable<Task> pending, List<Offer> offers) {
        Resources left = Resources.ZERO;
        for (Offer o : offers) left = left.plus(o.resources());
        for (Task t : pending) {
            tried(t);
            if (!left.fits(t.request())) return;
            left = left.minus(t.request());
        }
    }

    /** A task of this framework was launched (from one of its offers). */
    void taskLaunched(Task t) {}

    void agentAdded(Agent a) {}

    void agentRemoved(Agent a) {}

    /** Resources on the agent became free outside this framework (another framework's task ended, an orphan was freed). */
    void resourcesFreed(Agent a) {}

    /** Why a task of this framework waits, or null for the master's own explanation. */
    String whyPending(Task t) { return null; }
}
