package org.mesocosm.sim;

import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * One random small DRF instance: identical agents; per role a weight, a task shape and a number of
 * tasks, all submitted at time 0 (2-5 roles, 1-3 resources, agents &gt;= 10 x roles). Resources are
 * cpu, memory, disk; a task's parts beyond {@code dims} are 0.
 */
record DrfInstance(long seed, int agents, int dims, String[] roles, double[] weights, long[][] task, int[] tasks) {
    static final long CPU = 16_000, MEM = 65_536, DISK = 131_072;
    static final long[] AGENT = {CPU, MEM, DISK};

    static DrfInstance random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(4);
        int dims = 1 + r.nextInt(3);
        int agents = 10 * n + r.nextInt(10 * n + 1);
        String[] roles = new String[n];
        double[] weights = new double[n];
        long[][] task = new long[n][3];
        int[] tasks = new int[n];
        for (int i = 0; i < n; i++) {
            roles[i] = "r" + i;
            weights[i] = 1 + r.nextInt(4);
            for (int d = 0; d < 3; d++) task[i][d] = d < dims ? AGENT[d] / 64 * (1 + r.nextInt(12)) : 0;
            // most roles want more than the whole cluster; some want little, so others take their part
            tasks[i] = r.nextInt(4) == 0 ? 1 + r.nextInt(agents) : 64 * agents;
        }
        return new DrfInstance(seed, agents, dims, roles, weights, task, tasks);
    }

    int roleCount() { return roles.length; }

    long[] total() { return new long[] {CPU * agents, MEM * agents, DISK * agents}; }

    /** How many of role i's tasks fit on one empty agent: the granularity of a whole-agent offer. */
    int tasksPerAgent(int i) {
        long k = Long.MAX_VALUE;
        for (int d = 0; d < 3; d++) if (task[i][d] > 0) k = Math.min(k, AGENT[d] / task[i][d]);
        return (int) k;
    }

    /**
     * DRF's objective: the lowest weighted dominant share among the roles marked {@code among} (NaN if
     * none). DRF maximizes it over the roles with work left; a path that strands resources lowers it.
     */
    double lowestShare(int[] count, boolean[] among) {
        double low = Double.NaN;
        for (int i = 0; i < roles.length; i++) {
            if (among[i] && !(weightedShare(i, count[i]) >= low)) low = weightedShare(i, count[i]);
        }
        return low;
    }

    /** Weighted dominant share of {@code count} tasks of role i. */
    double weightedShare(int i, int count) {
        long[] total = total();
        double s = 0;
        for (int d = 0; d < 3; d++) s = Math.max(s, (double) task[i][d] * count / total[d]);
        return s / weights[i];
    }

    String weightsParam() {
        StringJoiner j = new StringJoiner("+");
        for (int i = 0; i < roles.length; i++) j.add(roles[i] + "=" + (int) weights[i]);
        return j.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("seed " + seed + ": " + agents + " agents, " + dims + " resources;");
        for (int i = 0; i < roles.length; i++) {
            b.append(' ').append(roles[i]).append(" w=").append((int) weights[i]).append(" task=<")
                    .append(task[i][0]).append(',').append(task[i][1]).append(',').append(task[i][2]).append(">x").append(tasks[i]);
        }
        return b.toString();
    }
}
