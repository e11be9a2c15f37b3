package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * The {@code drf} policy against oracles written in test code, over {@value #DEFAULT_INSTANCES} random
 * small instances ({@link DrfInstance}: 2-5 roles, 1-3 resources, weights, agents &gt;= 10 x roles,
 * all work at time 0), on both paths: whole-agent offers where each framework packs what it is
 * offered (the default), and one task per offer.
 *
 * <p>Asserted on every instance, printing the seed on failure:
 * <ul>
 *   <li>each path's allocation equals {@link OfferCycleOracle} exactly: the allocator is Mesos's
 *       offer cycle (agent-first, leftovers re-offered next cycle), nothing more or less;</li>
 *   <li>the discrete form of DRF's guarantee: once settled, no role with pending work has room for its
 *       task on any agent.</li>
 * </ul>
 * Measured and printed, not asserted: agreement (exact, within one task per role, within one agent's
 * worth of tasks per role) with the DRF paper's progressive filling, pooled ({@link PooledDrfOracle})
 * and agent-aware ({@link AgentDrfOracle}, two placement rules), per number of resources; and DRF's own
 * objective, the lowest weighted dominant share among roles with work left, as a ratio to the oracle's
 * (mean, 95% CI over instances). Against agent-aware next-fit that ratio is 1.014 [1.009, 1.019] for one
 * task per offer, and for whole-agent offers 0.995 [0.985, 1.005] with one resource but 0.93 with two or
 * three (stranding). Neither path
 * is within one task of the agent-aware oracle on most instances, and this is not an allocator bug:
 * <ul>
 *   <li>Mesos is agent-first: an agent goes to the lowest-share role whose task fits on it, where DRF
 *       gives the next task to the lowest-share role whose task fits anywhere. Once agents fill, the
 *       two orders diverge and the difference compounds (one task per offer: 56/200 within one task);</li>
 *   <li>whole-agent offers to a framework that packs hand out agents, not tasks: a role packing cpu-heavy
 *       tasks strands the agent's memory, one packing memory-heavy tasks strands its cpu, and the leftovers
 *       re-offered next cycle suit few tasks (whole-agent: 17/200; seed 32 ends with 49% of the cpu free);</li>
 *   <li>the agent-aware oracle itself moves with its placement rule, which DRF does not define: next-fit
 *       and first-fit agree within one task on 24/200 instances.</li>
 * </ul>
 * Counting an offer whole until the cycle ends, as Mesos does (the allocator counts what was launched from
 * it, since its frameworks answer at once), lands no closer: 18/200 and 34/200 within one task (printed by
 * {@link #agentAwareOracleFillsUntilNothingFitsUnderEitherRule}). Closing the gap would take offers smaller
 * than an agent or frameworks that leave part of an offer unused on purpose; neither is how Mesos allocates.
 */
class DrfOracleTest {
    static final int DEFAULT_INSTANCES = 200;
    static final int INSTANCES = Integer.getInteger("mesocosm.drf.instances", DEFAULT_INSTANCES);

    /** Runs the real master and offer cycle until the allocation settles; running tasks per role. */
    static int[] simulate(DrfInstance in, String policy) {
        List<WorkloadEvent> events = new ArrayList<>();
        for (int i = 0; i < in.roleCount(); i++) {
            Resources req = new Resources(in.task()[i][0], in.task()[i][1], in.task()[i][2], 0);
            TaskSpec t = TaskSpec.simulated("t", in.tasks()[i], req, SimProfile.fixed(100 * 3_600_000_000L, 0));
            events.add(new WorkloadEvent.JobArrival(0, new JobSpec("j" + i, in.roles()[i], JobKind.BATCH, 0, List.of(t), 0)));
        }
        long until = 120_000_000L; // one cycle a second; equality with the offer-cycle oracle, which runs to the end, shows it is enough
        Resources agent = new Resources(DrfInstance.CPU, DrfInstance.MEM, DrfInstance.DISK, 0);
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(in.agents(), agent, Map.of())), in.seed()).withTimeLimits(until, until);
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), PolicyRegistry.load().create(policy + "weights=" + in.weightsParam()),
                new MetricsRecorder(TaskRowSink.NONE), List.of()).run();
        int n = in.roleCount();
        int[] count = new int[n];
        for (Task t : r.master().liveTasks()) if (t.state().isActive()) count[Integer.parseInt(t.role().substring(1))]++;
        for (int i = 0; i < n; i++) {
            if (count[i] == in.tasks()[i]) continue;
            Resources req = new Resources(in.task()[i][0], in.task()[i][1], in.task()[i][2], 0);
            for (Agent a : r.master().cluster().agents()) {
                if (a.free().fits(req)) fail(in + ": r" + i + " still has room for a task on " + a.id() + " and pending work after the allocation settled");
            }
        }
        return count;
    }

    /** Agreement of one path with one oracle, by number of resources (index 0: all instances). */
    static final class Agreement {
        final String against;
        final int[] n = new int[4], exact = new int[4], withinTask = new int[4], withinAgent = new int[4];
        /** Per class: the path's lowest weighted share over the oracle's (roles that always have work left). */
        final List<List<Double>> lowestShareRatio = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int worstOff = -1;
        String worst = "";

        Agreement(String against) { this.against = against; }

        void add(DrfInstance in, int[] got, int[] want) {
            int off = 0;
            boolean agentOk = true;
            for (int i = 0; i < got.length; i++) {
                int d = Math.abs(got[i] - want[i]);
                off = Math.max(off, d);
                agentOk &= d <= in.tasksPerAgent(i);
            }
            boolean[] workLeft = new boolean[got.length]; // in both allocations: the roles whose share DRF maximizes
            for (int i = 0; i < got.length; i++) workLeft[i] = got[i] < in.tasks()[i] && want[i] < in.tasks()[i];
            double ratio = in.lowestShare(got, workLeft) / in.lowestShare(want, workLeft);
            for (int c : new int[] {0, in.dims()}) {
                n[c]++;
                if (!Double.isNaN(ratio)) lowestShareRatio.get(c).add(ratio);
                if (off == 0) exact[c]++;
                if (off <= 1) withinTask[c]++;
                if (agentOk) withinAgent[c]++;
            }
            if (off > worstOff) {
                worstOff = off;
                worst = in + " got " + Arrays.toString(got) + " oracle " + Arrays.toString(want);
            }
        }

        String rows() {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < 4; c++) {
                b.append(String.format("  %-26s %-9s %4d %6d %9d %14d   %s%n", against, c == 0 ? "all" : c, n[c], exact[c], withinTask[c], withinAgent[c],
                        meanWithCi(lowestShareRatio.get(c))));
            }
            return b.toString();
        }
    }

    /** Mean, normal-approximation 95% CI and n; n/a when there is nothing to average. */
    static String meanWithCi(List<Double> xs) {
        int n = xs.size();
        if (n < 2) return "n/a (n=" + n + ")";
        double mean = 0, ss = 0;
        for (double x : xs) mean += x / n;
        for (double x : xs) ss += (x - mean) * (x - mean);
        double half = 1.96 * Math.sqrt(ss / (n - 1) / n);
        return String.format("%.3f [%.3f, %.3f] n=%d", mean, mean - half, mean + half, n);
    }

    static final String HEADER = String.format("  %-26s %-9s %4s %6s %9s %14s   %s%n", "against", "resources", "n", "exact", "<=1 task", "<=1 agent's",
            "lowest share / oracle's, mean [95% CI]");

    static void check(String label, String policy, int tasksPerOffer) {
        Agreement pooled = new Agreement("pooled DRF"), nextFit = new Agreement("agent-aware DRF, next-fit"),
                firstFit = new Agreement("agent-aware DRF, first-fit");
        for (long seed = 1; seed <= INSTANCES; seed++) {
            DrfInstance in = DrfInstance.random(seed);
            int[] got;
            try {
                got = simulate(in, policy);
            } catch (RuntimeException e) {
                throw new AssertionError(in + ": " + e.getMessage(), e);
            }
            int[] cycle = OfferCycleOracle.allocate(in, tasksPerOffer);
            if (!Arrays.equals(cycle, got)) {
                fail(in + ": " + label + " gave " + Arrays.toString(got) + ", the Mesos offer cycle " + Arrays.toString(cycle));
            }
            pooled.add(in, got, PooledDrfOracle.allocate(in));
            nextFit.add(in, got, AgentDrfOracle.allocate(in, AgentDrfOracle.Placement.NEXT_FIT));
            firstFit.add(in, got, AgentDrfOracle.allocate(in, AgentDrfOracle.Placement.FIRST_FIT));
        }
        System.out.printf("%s over %d instances: equal to the Mesos offer-cycle oracle on all; instances within a bound per role of:%n%s%s%s%s"
                        + "  worst against agent-aware next-fit: %d tasks off (%s)%n",
                label, INSTANCES, HEADER, pooled.rows(), nextFit.rows(), firstFit.rows(), nextFit.worstOff, nextFit.worst);
    }

    @Test
    void wholeAgentOffersAreMesosOfferCycles() {
        check("drf (whole-agent offers, frameworks pack)", "drf:refuse=0,", 0);
    }

    @Test
    void oneTaskPerOfferIsMesosOfferCycles() {
        check("drf:tasks-per-offer=1", "drf:tasks-per-offer=1,refuse=0,", 1);
    }

    /**
     * The agent-aware oracle under both placement rules: it never places more than an agent holds or a role asked
     * for, and stops only when no role with work left fits on any agent. Prints how far apart the two rules land.
     */
    @Test
    void agentAwareOracleFillsUntilNothingFitsUnderEitherRule() {
        Agreement rules = new Agreement("next-fit vs first-fit");
        Agreement[] mesosCounting = {new Agreement("whole-agent, offers whole"), new Agreement("one task, offers whole")};
        Agreement[] ourCounting = {new Agreement("whole-agent, as launched"), new Agreement("one task, as launched")};
        for (long seed = 1; seed <= INSTANCES; seed++) {
            DrfInstance in = DrfInstance.random(seed);
            AgentDrfOracle.Allocation[] both = {AgentDrfOracle.run(in, AgentDrfOracle.Placement.NEXT_FIT),
                    AgentDrfOracle.run(in, AgentDrfOracle.Placement.FIRST_FIT)};
            for (AgentDrfOracle.Allocation a : both) {
                long[] used = new long[3], free = new long[3];
                for (long[] f : a.free()) {
                    for (int d = 0; d < 3; d++) {
                        if (f[d] < 0) fail(in + ": an agent is overfilled: " + Arrays.toString(f));
                        free[d] += f[d];
                    }
                }
                for (int i = 0; i < in.roleCount(); i++) {
                    if (a.count()[i] > in.tasks()[i]) fail(in + ": r" + i + " got more tasks than it asked for");
                    for (int d = 0; d < 3; d++) used[d] += in.task()[i][d] * a.count()[i];
                    if (a.count()[i] == in.tasks()[i]) continue;
                    for (long[] f : a.free()) {
                        if (f[0] >= in.task()[i][0] && f[1] >= in.task()[i][1] && f[2] >= in.task()[i][2]) fail(in + ": r" + i + " still fits");
                    }
                }
                for (int d = 0; d < 3; d++) if (used[d] + free[d] != in.total()[d]) fail(in + ": resource " + d + " not conserved");
            }
            rules.add(in, both[0].count(), both[1].count());
            for (int p = 0; p < 2; p++) {
                mesosCounting[p].add(in, OfferCycleOracle.allocate(in, p, true), both[0].count());
                ourCounting[p].add(in, OfferCycleOracle.allocate(in, p), both[0].count());
            }
        }
        System.out.printf("Mesos offer cycle, offers counted as launched (drf) or whole until the cycle ends (Mesos), against agent-aware"
                + " DRF (next-fit), over %d instances:%n%s%s%s%s%s", INSTANCES, HEADER, ourCounting[0].rows(), mesosCounting[0].rows(),
                ourCounting[1].rows(), mesosCounting[1].rows());
        System.out.printf("agent-aware DRF oracle, next-fit against first-fit placement, over %d instances:%n%s%s", INSTANCES, HEADER, rules.rows());
    }

    /**
     * A hand-made instance with a known answer: two agents, a cpu-heavy role A and a memory-heavy role B. Pooled
     * progressive filling gives B a third task that fits on neither agent; both agent-aware rules and the offer
     * cycle give 2 and 2 (worked by hand in the comments).
     */
    @Test
    void handMadeInstance() {
        DrfInstance in = new DrfInstance(0, 2, 2, new String[] {"r0", "r1"}, new double[] {1, 1},
                new long[][] {{10_000, 1_000, 0}, {1_000, 40_000, 0}}, new int[] {100, 100});
        // pooled <32000, 131072>: A 0.3125 a task, B 0.305; A, B, B, A, B (mem 120000), then A needs 30000+3000 > 32000 cpu
        assertArrayEquals(new int[] {2, 3}, PooledDrfOracle.allocate(in));
        // A on agent 0, B on 1, B on 0, A on 1: each agent holds <11000, 41000>; neither task fits on what is left
        assertArrayEquals(new int[] {2, 2}, AgentDrfOracle.allocate(in, AgentDrfOracle.Placement.NEXT_FIT));
        // A on 0, B on 0 (fits beside A), A on 1, B on 1
        assertArrayEquals(new int[] {2, 2}, AgentDrfOracle.allocate(in, AgentDrfOracle.Placement.FIRST_FIT));
        // cycle 1: agent 0 to A (one fits), agent 1 to B; cycle 2 starts at agent 1: A fits beside B, then B beside A on 0
        assertArrayEquals(new int[] {2, 2}, OfferCycleOracle.allocate(in, 0));
        assertArrayEquals(new int[] {2, 2}, simulate(in, "drf:refuse=0,"));
    }
}
