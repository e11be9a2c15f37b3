package org.mesocosm.runtime.offer;

import java.util.Arrays;

/** The allocator's bookkeeping for one registered framework. */
final class FrameworkEntry {
    final Framework f;
    final RoleNode role;
    /** Offered or launched to it: cpu, mem, disk, gpus. */
    final long[] alloc = new long[4];
    /** Per agent index: time until which this framework refuses that agent. */
    private long[] refusedUntil = new long[0];
    /** Wants offers in the current round. */
    boolean hungry;
    /** The agent and round of its last offer: one offer per agent per round. */
    int offeredAgent = -1;
    long offeredRound = -1;

    FrameworkEntry(Framework f, RoleNode role) {
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
