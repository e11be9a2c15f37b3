package org.mesocosm.sim;

/**
 * DRF progressive filling that knows tasks run on agents: one task at a time to the role with the
 * smallest weighted dominant share whose next task fits on some agent (a role whose task fits on no
 * agent is done: agents only fill up here). Where it goes is a stated rule:
 * <ul>
 *   <li>{@link Placement#NEXT_FIT}: the first agent, cyclically from the one after the last placement,
 *       on which the task fits. It spreads tasks over the agents one at a time, as offers of one task
 *       each, walked agent by agent, do;</li>
 *   <li>{@link Placement#FIRST_FIT}: the lowest-numbered agent on which it fits (packing), to show how
 *       much the rule matters.</li>
 * </ul>
 * Shares count against the pooled capacity, as the allocator's do. Knows nothing of the allocator.
 */
final class AgentDrfOracle {
    enum Placement { NEXT_FIT, FIRST_FIT }

    private AgentDrfOracle() {}

    /** Tasks per role, and what each agent has left. */
    record Allocation(int[] count, long[][] free) {}

    /** Tasks per role. */
    static int[] allocate(DrfInstance in, Placement rule) {
        return run(in, rule).count();
    }

    static Allocation run(DrfInstance in, Placement rule) {
        int n = in.roleCount();
        long[][] free = new long[in.agents()][];
        for (int a = 0; a < in.agents(); a++) free[a] = DrfInstance.AGENT.clone();
        int[] count = new int[n];
        boolean[] done = new boolean[n];
        int cursor = 0;
        while (true) {
            int best = PooledDrfOracle.lowest(in, count, done);
            if (best < 0) return new Allocation(count, free);
            int at = count[best] < in.tasks()[best] ? find(free, in.task()[best], rule == Placement.NEXT_FIT ? cursor : 0) : -1;
            if (at < 0) {
                done[best] = true;
                continue;
            }
            for (int d = 0; d < 3; d++) free[at][d] -= in.task()[best][d];
            count[best]++;
            cursor = (at + 1) % free.length;
        }
    }

    /** The first agent from {@code start} on, cyclically, with room for {@code task}; -1 if none. */
    private static int find(long[][] free, long[] task, int start) {
        for (int k = 0; k < free.length; k++) {
            int a = (start + k) % free.length;
            if (free[a][0] >= task[0] && free[a][1] >= task[1] && free[a][2] >= task[2]) return a;
        }
        return -1;
    }
}
