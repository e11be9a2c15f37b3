package org.mesocosm.policies.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * {@code mesos} with all four frameworks over many seeded random clusters and histories (jobs of
 * every framework and kind, tasks ending or failing, jobs killed, agents lost and added), checking
 * after every step that no agent holds more than it has (launched plus offered), and at the end,
 * once every job is killed and time has passed, that every offer and executor was given back and
 * every task is in one terminal state or still pending. Prints the seed on failure.
 */
class MesosPropertyTest {
    static final int SEEDS = Integer.getInteger("mesocosm.seeds", 300) / 5;
    private static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.FINISHED, TaskState.FAILED, TaskState.KILLED, TaskState.LOST,
            TaskState.DISCONTINUED);
    private static final String[] FRAMEWORKS = {null, "marathon", "jobs", "k8s", "spark"};

    /** Across all seeds: tasks placed by k8s, spark executors started, agents lost with work on them (so the test exercises them). */
    private long k8sPlaced, sparkExecutors, lostTasks;

    @Test
    void noOverCommitAndEverythingGivenBack() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                run(seed);
            } catch (AssertionError | RuntimeException e) {
                fail("seed " + seed + ": " + e.getMessage(), e);
            }
        }
        String seen = "k8s placed " + k8sPlaced + ", spark executors " + sparkExecutors + ", tasks lost " + lostTasks + " over " + SEEDS + " seeds";
        assertTrue(k8sPlaced > SEEDS && sparkExecutors > SEEDS / 2 && lostTasks > 0, seen);
    }

    private void run(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        MesosHarness h = new MesosHarness("mesos:frameworks=marathon,jobs,k8s,spark,spark-idle=5s");
        int agents = 0;
        for (int i = 0, n = 3 + rng.nextInt(5); i < n; i++) addAgent(h, rng, agents++);
        List<String> jobs = new ArrayList<>();
        for (int step = 0; step < 150; step++) {
            int action = rng.nextInt(100);
            if (action < 35) {
                jobs.add(submit(h, rng, step));
            } else if (action < 65) {
                List<Task> placed = h.tasks().stream().filter(MesosHarness::placed).toList();
                if (!placed.isEmpty()) h.end(placed.get(rng.nextInt(placed.size())), rng.nextInt(4) == 0 ? TaskState.FAILED : TaskState.FINISHED);
            } else if (action < 72 && !jobs.isEmpty()) {
                h.master.handle(h.now(), new Input.JobKillRequested(jobs.remove(rng.nextInt(jobs.size()))));
                h.settle();
            } else if (action < 75) {
                List<Agent> up = h.master.cluster().agents().stream().filter(Agent::isUp).toList();
                if (up.size() > 1) {
                    h.master.handle(h.now(), new Input.AgentRemoved(up.get(rng.nextInt(up.size())).id(), "lost"));
                    h.settle();
                }
            } else if (action < 78) {
                addAgent(h, rng, agents++);
            } else {
                h.advance(rng.nextLong(3_000_000));
            }
            checkNoOverCommit(h, step);
        }
        for (String j : jobs) h.master.handle(h.now(), new Input.JobKillRequested(j));
        h.advance(60_000_000);
        checkNoOverCommit(h, -1);
        assertEquals(0, h.policy.allocator().outstandingOffers(), "offers still outstanding at the end");
        for (Agent a : h.master.cluster().agents()) {
            if (!a.isUp()) continue;
            assertEquals(Resources.ZERO, a.offered(), a.id() + " still holds offered resources");
            assertEquals(Resources.ZERO, a.allocated(), a.id() + " still runs tasks");
        }
        for (Task t : h.tasks()) assertTrue(TERMINAL.contains(t.state()) || t.state() == TaskState.PENDING, t + " ends in " + t.state());
        assertEquals(0, ((SparkFramework) h.policy.framework("spark")).executors(), "spark executors released");
        sparkExecutors += ((SparkFramework) h.policy.framework("spark")).executorsStarted;
        for (Task t : h.tasks()) {
            if (t.state() == TaskState.LOST) lostTasks++;
            if ("k8s".equals(t.framework()) && t.placedAt() > 0) k8sPlaced++;
        }
    }

    private static void addAgent(MesosHarness h, SplittableRandom rng, int i) {
        long cpu = 2000L << rng.nextInt(3);
        h.agent("n" + i, cpu, 2048L << rng.nextInt(3), Map.of("zone", rng.nextBoolean() ? "a" : "b"));
    }

    private static String submit(MesosHarness h, SplittableRandom rng, int step) {
        String framework = FRAMEWORKS[rng.nextInt(FRAMEWORKS.length)];
        JobKind kind = rng.nextBoolean() ? JobKind.SERVICE : JobKind.BATCH;
        int n = 1 + rng.nextInt(4);
        TaskSpec g = "k8s".equals(framework) && rng.nextBoolean() ? K8sSpecs.antiAffine("app" + step, n)
                : MesosHarness.group("g", n, 100 + rng.nextInt(20) * 100, 64 + rng.nextInt(32) * 64);
        return h.submit(kind, framework, rng.nextInt(3) * 500, g);
    }

    private static void checkNoOverCommit(MesosHarness h, int step) {
        for (Agent a : h.master.cluster().agents()) {
            Resources used = a.allocated().plus(a.offered());
            assertTrue(a.total().fits(used), "step " + step + ": " + a.id() + " holds " + used + " of " + a.total());
        }
    }
}
