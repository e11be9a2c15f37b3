package org.mesocosm.policies.omega;

import org.mesocosm.policies.lanes.LaneCosts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;

/**
 * One Omega scheduler: its queue of jobs and its attempts. An attempt is one {@link SchedulerLane}
 * decision: {@link #decide} takes the job at the head of the queue and claims machines for its
 * tasks on the cell as it is when the lane is free (the private snapshot: the claims carry their
 * machines' change counters); {@link #commit} runs when the decision time has passed and hands the
 * claims to the {@link Transaction}, which validates them against the cell as it is then. One
 * decision is outstanding at a time, so every attempt takes the queue's head as it is when the
 * scheduler gets to it.
 */
final class OmegaLane {
    final String name;
    final LaneCosts costs;
    private final OmegaScheduler owner;
    private final RandomFirstFit fit;
    private final ArrayDeque<OmegaJob> queue = new ArrayDeque<>();
    private SchedulerLane lane;
    private boolean outstanding;
    private boolean pumping;

    /** Attempts that had claims to commit (Omega's transactions), and those of them in which a claim conflicted. */
    long transactions;
    long conflicts;
    /** Claims committed and claims failed by a conflict. */
    long claimsCommitted;
    long claimsConflicted;
    /** Attempts in all, with or without claims. */
    long attempts;

    OmegaLane(String name, LaneCosts costs, OmegaScheduler owner, long seed) {
        this.name = name;
        this.costs = costs;
        this.owner = owner;
        this.fit = new RandomFirstFit(seed);
    }

    void init(PlacementContext ctx) { this.lane = ctx.lane(name, costs); }

    void enqueue(OmegaJob j) {
        if (j.queued) return;
        j.queued = true;
        queue.add(j);
    }

    /** Starts the next attempt if the lane has none outstanding; a lane that commits at once loops here. */
    void pump() {
        if (pumping) return;
        pumping = true;
        try {
            while (!outstanding && !queue.isEmpty()) {
                outstanding = true;
                lane.submit(this::decide, this::commit);
            }
        } finally {
            pumping = false;
        }
    }

    /** The attempt's decide: reads the cell, changes nothing. Null when the queue held only jobs with nothing left. */
    private Attempt decide() {
        OmegaJob j;
        do {
            j = queue.poll();
            if (j == null) return null;
            j.queued = false;
        } while (j.tasks.isEmpty());
        attempts++;
        j.deciding = true;
        PlacementContext ctx = owner.ctx();
        Cluster c = ctx.cluster();
        fit.begin(c);
        List<Claim> claims = new ArrayList<>();
        int unplaced = 0;
        for (Task t : j.tasks) {
            ctx.considering(t);
            Agent a = fit.place(t, c);
            if (a == null) unplaced++;
            else claims.add(new Claim(t, a, owner.versions().of(a)));
        }
        // a gang job is placed whole or not at all: with a task left without a machine there is nothing to commit
        if (unplaced > 0 && owner.settings().commit() == OmegaSettings.Commit.GANG) claims.clear();
        return new Attempt(j, claims, unplaced);
    }

    private void commit(Attempt a) {
        try {
            if (a != null) finish(a);
        } finally {
            outstanding = false;
        }
        pump();
    }

    private void finish(Attempt a) {
        OmegaJob j = a.job();
        j.deciding = false;
        boolean conflicted = false;
        if (!a.claims().isEmpty()) {
            Transaction.Result r = new Transaction(owner.ctx(), owner.versions(), owner.settings()).commit(a.claims());
            transactions++;
            claimsCommitted += r.committed();
            claimsConflicted += r.conflicted();
            if (r.conflicted() > 0) {
                conflicts++;
                conflicted = true;
                failed();
            }
        }
        j.conflicted = conflicted;
        owner.afterAttempt(j, conflicted, a.unplaced() > 0);
    }

    /** Tells the lane that this decision's time was wasted: the transaction failed even if part of it committed. */
    private void failed() {
        lane.commitFailed();
    }

    int queued() { return queue.size(); }
}
