package org.mesocosm.sim;

/**
 * What Mesos's offer cycle does with DRF, written from its description rather than from our
 * allocator: it is agent-first where the DRF paper is user-first. An allocation cycle walks the
 * agents; each agent's free resources are offered whole to the role with the smallest weighted
 * dominant share that can use them (its task fits on this agent), and that role's framework launches
 * what it wants of the offer: here as many tasks as fit, or at most {@code tasksPerOffer}. What it
 * leaves is recovered and offered again only in the next cycle (Mesos does not allocate on
 * recovery), so each agent gets at most one offer per cycle. Cycles repeat until one places nothing.
 *
 * <p>Stated rules where Mesos leaves a choice: cycle k walks the agents in index order starting at
 * agent k mod N (Mesos shuffles them); a framework answers at once, so the next agent is sorted for
 * with the tasks it launched, not the whole offer (Mesos sends all offers at the end of the cycle and
 * counts them whole until answered: the {@code offersCountWhole} variant, which lands no closer to
 * progressive filling); ties go to the first role by name.
 */
final class OfferCycleOracle {
    private OfferCycleOracle() {}

    /** Tasks per role; {@code tasksPerOffer} 0 means as many as fit. */
    static int[] allocate(DrfInstance in, int tasksPerOffer) {
        return allocate(in, tasksPerOffer, false);
    }

    /**
     * As {@link #allocate(DrfInstance, int)}; with {@code offersCountWhole}, as Mesos sorts within a cycle: an
     * offer counts whole towards its role's share until the cycle ends (the answers come after it), not
     * only the tasks launched from it.
     */
    static int[] allocate(DrfInstance in, int tasksPerOffer, boolean offersCountWhole) {
        int n = in.roleCount();
        long[][] free = new long[in.agents()][];
        for (int a = 0; a < in.agents(); a++) free[a] = DrfInstance.AGENT.clone();
        int[] count = new int[n];
        long[][] charged = new long[n][3]; // launched, plus the unused parts of this cycle's offers when they count whole
        for (int cycle = 0; ; cycle++) {
            boolean placed = false;
            long[][] unusedThisCycle = new long[n][3];
            for (int k = 0; k < free.length; k++) {
                long[] f = free[(cycle + k) % free.length];
                int role = lowestThatFits(in, count, charged, f);
                if (role < 0) continue;
                long[] t = in.task()[role];
                int launch = 0;
                while ((tasksPerOffer == 0 || launch < tasksPerOffer) && count[role] < in.tasks()[role] && fits(f, t)) {
                    for (int d = 0; d < 3; d++) {
                        f[d] -= t[d];
                        charged[role][d] += t[d];
                    }
                    count[role]++;
                    launch++;
                }
                if (offersCountWhole) {
                    for (int d = 0; d < 3; d++) {
                        charged[role][d] += f[d];
                        unusedThisCycle[role][d] += f[d];
                    }
                }
                placed = true;
            }
            for (int i = 0; i < n; i++) for (int d = 0; d < 3; d++) charged[i][d] -= unusedThisCycle[i][d];
            if (!placed) return count;
        }
    }

    private static int lowestThatFits(DrfInstance in, int[] count, long[][] charged, long[] free) {
        long[] total = in.total();
        int best = -1;
        double bestKey = Double.MAX_VALUE;
        for (int i = 0; i < in.roleCount(); i++) {
            if (count[i] >= in.tasks()[i] || !fits(free, in.task()[i])) continue;
            double share = 0;
            for (int d = 0; d < 3; d++) share = Math.max(share, (double) charged[i][d] / total[d]);
            double key = share / in.weights()[i];
            if (key < bestKey) {
                bestKey = key;
                best = i;
            }
        }
        return best;
    }

    private static boolean fits(long[] free, long[] task) {
        return free[0] >= task[0] && free[1] >= task[1] && free[2] >= task[2];
    }
}
