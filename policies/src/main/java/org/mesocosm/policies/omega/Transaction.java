package org.mesocosm.policies.omega;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/**
 * The commit of one attempt's claims to the shared cell state (Omega paper §3.4): each claim is
 * checked against the cell as it is now. {@code fine}: the claim conflicts only if its resources
 * are no longer free on its machine (or the machine is gone); {@code coarse}: it conflicts if its
 * machine changed at all since the snapshot. {@code incremental} launches the claims that pass;
 * {@code gang} launches all of them or none. A claim whose task was withdrawn meanwhile is
 * skipped: not a conflict.
 */
final class Transaction {

    /** How many claims were launched, and how many failed conflict detection. */
    record Result(int committed, int conflicted) {}

    private final PlacementContext ctx;
    private final MachineVersions versions;
    private final OmegaSettings settings;

    Transaction(PlacementContext ctx, MachineVersions versions, OmegaSettings settings) {
        this.ctx = ctx;
        this.versions = versions;
        this.settings = settings;
    }

    Result commit(List<Claim> claims) {
        versions.beginCommit(); // our own launches must not fail our own later claims under coarse
        try {
            return settings.commit() == OmegaSettings.Commit.GANG ? gang(claims) : incremental(claims);
        } finally {
            versions.endCommit();
        }
    }

    private Result incremental(List<Claim> claims) {
        int committed = 0;
        int conflicted = 0;
        for (Claim c : claims) {
            if (withdrawn(c.task())) continue;
            if (valid(c, Resources.ZERO)) {
                ctx.launch(c.task(), c.agent());
                committed++;
            } else {
                conflicted++;
            }
        }
        return new Result(committed, conflicted);
    }

    private Result gang(List<Claim> claims) {
        Map<Integer, Resources> before = new HashMap<>(); // this transaction's earlier claims per machine: looked up, never iterated
        int conflicted = 0;
        for (Claim c : claims) {
            if (withdrawn(c.task())) continue;
            Resources mine = before.getOrDefault(c.agent().index(), Resources.ZERO);
            if (valid(c, mine)) before.put(c.agent().index(), mine.plus(c.task().request()));
            else conflicted++;
        }
        if (conflicted > 0) return new Result(0, conflicted);
        int committed = 0;
        for (Claim c : claims) {
            if (withdrawn(c.task())) continue;
            ctx.launch(c.task(), c.agent());
            committed++;
        }
        return new Result(committed, 0);
    }

    /** The claim still holds, given what this transaction already takes on its machine ({@code mine}, for gang's dry run). */
    private boolean valid(Claim c, Resources mine) {
        Agent a = c.agent();
        Task t = c.task();
        if (!a.isUp()) return false;
        if (settings.conflicts() == OmegaSettings.Conflicts.COARSE && versions.of(a) != c.version()) return false;
        // under coarse an unchanged machine still has the room the snapshot saw; checked all the same, never trusted
        return a.free().fits(mine.plus(t.request())) && Cluster.matches(a, t.spec().nodeSelector())
                && (t.gpu().none() || a.gpuFits(t.gpu()));
    }

    private static boolean withdrawn(Task t) {
        return t.state() != TaskState.PENDING || t.isUnschedulable();
    }
}
