package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/**
 * The {@code drf} policy against an oracle written from the DRF paper's definition (Ghodsi et al.,
 * NSDI 2011, §4 and Algorithm 1, with weights as in §5.1): progressive filling, one task at a time,
 * always to the user with the smallest weighted dominant share whose next task still fits, until no
 * user's task fits. The oracle knows nothing of the allocator; it pools the cluster's resources, as
 * the paper does.
 *
 * <p>Over {@value #INSTANCES} random small instances (2-5 roles, 1-3 resources, random weights and
 * task shapes, some roles with less demand than their share, agents &gt;= 10 x roles, all work at time
 * 0), both the default path (whole-agent offers, each framework packs what it is offered) and the
 * one-task-per-offer path are checked two ways:
 * <ul>
 *   <li>hard, on every instance: the discrete form of DRF's guarantee. Once the allocation settles, a
 *       role with pending work has no room for its task on any agent, and no role with room got a
 *       task while its weighted dominant share was above that of a role left below it;</li>
 *   <li>measured and printed: agreement with the pooled oracle (exact, within one task per role, the
 *       worst instance). The pooled oracle cannot see that a task must fit on one agent; whole-agent
 *       offers let each role pack the agents it is offered, which strands the other resource of those
 *       agents (an agent whose cpu one role took keeps memory nobody can use), so the default path
 *       lands far from the pooled answer on most instances while meeting the discrete guarantee.
 *       These numbers are in the issue-16 report; they are not asserted, since they state a
 *       difference between two definitions, not a bug.</li>
 * </ul>
 * A failure prints the seed and the instance.
 */
class DrfOracleTest {
    static final int INSTANCES = 200;
    static final long CPU = 16_000, MEM = 65_536, DISK = 131_072;

    /** One random instance: identical agents; per role a weight, a task shape and a number of tasks. */
    record Instance(long seed, int agents, int dims, String[] roles, double[] weights, long[][] task, int[] tasks) {
        static Instance random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 2 + r.nextInt(4);
            int dims = 1 + r.nextInt(3);
            int agents = 10 * n + r.nextInt(10 * n + 1);
            String[] roles = new String[n];
            double[] weights = new double[n];
            long[][] task = new long[n][3];
            int[] tasks = new int[n];
            long[] cap = {CPU, MEM, DISK};
            for (int i = 0; i < n; i++) {
                roles[i] = "r" + i;
                weights[i] = 1 + r.nextInt(4);
                for (int d = 0; d < 3; d++) task[i][d] = d < dims ? cap[d] / 64 * (1 + r.nextInt(12)) : 0;
                // most roles want more than the whole cluster; some want little, so others take their part
                tasks[i] = r.nextInt(4) == 0 ? 1 + r.nextInt(agents) : 64 * agents;
            }
            return new Instance(seed, agents, dims, roles, weights, task, tasks);
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

    /** Progressive filling over the pooled cluster (the paper's Algorithm 1, weighted); tasks per role. */
    static int[] oracle(Instance in) {
        int n = in.roles.length;
        long[] total = {CPU * in.agents, MEM * in.agents, DISK * in.agents};
        long[] used = new long[3];
        long[][] alloc = new long[n][3];
        int[] count = new int[n];
        boolean[] done = new boolean[n];
        while (true) {
            int best = -1;
            double bestKey = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (done[i]) continue;
                double share = 0;
                for (int d = 0; d < 3; d++) share = Math.max(share, (double) alloc[i][d] / total[d]);
                double key = share / in.weights[i];
                if (key < bestKey) { // ties: the first by name, as the allocator's sorter breaks them
                    bestKey = key;
                    best = i;
                }
            }
            if (best < 0) return count;
            boolean fits = count[best] < in.tasks[best];
            for (int d = 0; d < 3 && fits; d++) fits = used[d] + in.task[best][d] <= total[d];
            if (!fits) { // this user is saturated; the others go on filling
                done[best] = true;
                continue;
            }
            for (int d = 0; d < 3; d++) {
                used[d] += in.task[best][d];
                alloc[best][d] += in.task[best][d];
            }
            count[best]++;
        }
    }

    /** Runs the real master and offer cycle until the allocation settles; running tasks per role. */
    static int[] simulate(Instance in, String policy) {
        List<WorkloadEvent> events = new ArrayList<>();
        for (int i = 0; i < in.roles.length; i++) {
            Resources req = new Resources(in.task[i][0], in.task[i][1], in.task[i][2], 0);
            TaskSpec t = TaskSpec.simulated("t", in.tasks[i], req, SimProfile.fixed(100 * 3_600_000_000L, 0));
            events.add(new WorkloadEvent.JobArrival(0, new JobSpec("j" + i, in.roles[i], JobKind.BATCH, 0, List.of(t), 0)));
        }
        long until = 120_000_000L; // settles within a few rounds: longer runs give the same counts
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(in.agents, new Resources(CPU, MEM, DISK, 0), Map.of())), in.seed)
                .withTimeLimits(until, until);
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), PolicyRegistry.load().create(policy),
                new MetricsRecorder(TaskRowSink.NONE), List.of()).run();
        int n = in.roles.length;
        int[] count = new int[n];
        for (Task t : r.master().liveTasks()) if (t.state().isActive()) count[Integer.parseInt(t.role().substring(1))]++;
        // the discrete form of DRF's guarantee: a role whose weighted dominant share stays below another's
        // by more than that role's last task could not have been given another task anywhere
        long[] total = {CPU * in.agents, MEM * in.agents, DISK * in.agents};
        for (int i = 0; i < n; i++) {
            if (count[i] == in.tasks[i]) continue;
            Resources req = new Resources(in.task[i][0], in.task[i][1], in.task[i][2], 0);
            boolean room = false;
            for (Agent a : r.master().cluster().agents()) room |= a.free().fits(req);
            for (int j = 0; j < n; j++) {
                double ki = share(in.task[i], count[i], total) / in.weights[i];
                double kjBefore = share(in.task[j], count[j] - 1, total) / in.weights[j];
                if (room && ki < kjBefore - 1e-12) {
                    fail(in + ": role r" + i + " (weighted share " + ki + ") has room for a task, but r" + j + " got a task at "
                            + kjBefore + "; counts " + java.util.Arrays.toString(count));
                }
            }
            if (room) fail(in + ": r" + i + " still has room for a task and pending work after the allocation settled");
        }
        return count;
    }

    static double share(long[] task, int count, long[] total) {
        double s = 0;
        for (int d = 0; d < 3; d++) s = Math.max(s, (double) task[d] * count / total[d]);
        return s;
    }

    record Agreement(int exact, int withinOne, int maxOff, String worst) {}

    static Agreement check(String policyBase) {
        int exact = 0, withinOne = 0, maxOff = 0;
        String worst = "";
        for (long seed = 1; seed <= INSTANCES; seed++) {
            Instance in = Instance.random(seed);
            int[] want = oracle(in);
            int[] got;
            try {
                got = simulate(in, policyBase + "weights=" + in.weightsParam());
            } catch (RuntimeException e) {
                throw new AssertionError(in + ": " + e.getMessage(), e);
            }
            int off = 0;
            for (int i = 0; i < want.length; i++) off = Math.max(off, Math.abs(want[i] - got[i]));
            if (off == 0) exact++;
            if (off <= 1) withinOne++;
            if (off > maxOff) {
                maxOff = off;
                worst = in + " oracle " + java.util.Arrays.toString(want) + " drf " + java.util.Arrays.toString(got);
            }
        }
        return new Agreement(exact, withinOne, maxOff, worst);
    }

    @Test
    void wholeAgentOffersAgainstTheOracle() {
        Agreement a = check("drf:refuse=0,");
        System.out.printf("drf (whole-agent offers) vs progressive-filling oracle over %d instances: %d exact, %d within one task"
                + " per role, worst %d tasks off (%s)%n", INSTANCES, a.exact(), a.withinOne(), a.maxOff(), a.worst());
        // the pooled oracle ignores that tasks must fit on one agent: see the class comment of the report
        assertTrue(a.exact() > 0);
    }

    @Test
    void oneTaskPerOfferAgainstTheOracle() {
        Agreement a = check("drf:tasks-per-offer=1,refuse=0,");
        System.out.printf("drf:tasks-per-offer=1 vs progressive-filling oracle over %d instances: %d exact, %d within one task"
                + " per role, worst %d tasks off (%s)%n", INSTANCES, a.exact(), a.withinOne(), a.maxOff(), a.worst());
        assertTrue(a.exact() > 0);
    }
}
