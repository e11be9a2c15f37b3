package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * Killing a job finds its tasks through the job's own index ({@link LiveTasks}), not a scan of
 * every live task: seeded random clusters of interleaved jobs, some killed, some tasks ending on
 * their own in between, checked against what a scan of all live tasks would have found.
 */
class KillByJobTest {

    @Test
    void aKillReachesExactlyTheLiveTasksOfItsJobInCreationOrder() {
        for (long seed = 1; seed <= 200; seed++) {
            try {
                check(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private static void check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        MasterHarness h = new MasterHarness(new FirstFitPolicy());
        int agents = 1 + r.nextInt(4);
        for (int a = 0; a < agents; a++) h.agent("a" + a, 1000L * (1 + r.nextInt(8)), 4096);
        int jobs = 2 + r.nextInt(6);
        for (int j = 0; j < jobs; j++) {
            JobKind kind = r.nextBoolean() ? JobKind.SERVICE : JobKind.BATCH;
            int n = 1 + r.nextInt(12);
            h.in(new Input.JobSubmitted(new JobSpec("j" + j, "r", kind, 0,
                    List.of(TaskSpec.simulated("t", n, Resources.of(500L * (1 + r.nextInt(3)), 64), SimProfile.FOREVER)), 2)));
        }
        for (int step = 0; step < 30; step++) {
            List<Task> live = new ArrayList<>();
            for (Task t : h.master.liveTasks()) live.add(t);
            if (live.isEmpty()) break;
            live.sort((x, y) -> Long.compare(x.seq(), y.seq()));
            h.now += 1000;
            if (r.nextInt(3) == 0) {
                // a task ends on its own (finished or failed): its job's index must forget it
                Task t = live.get(r.nextInt(live.size()));
                if (t.state().isActive()) h.report(t.id(), r.nextBoolean() ? TaskState.FINISHED : TaskState.FAILED);
                continue;
            }
            String job = live.get(r.nextInt(live.size())).jobId();
            // what a scan of every live task finds, as the master used to
            List<String> expectKills = new ArrayList<>();
            List<Task> expectWithdrawn = new ArrayList<>();
            for (Task t : live) {
                if (!t.jobId().equals(job) || t.isKillRequested()) continue;
                if (t.state() == TaskState.PENDING) expectWithdrawn.add(t);
                else if (t.state().isActive()) expectKills.add(t.id());
            }
            int before = h.commands.size();
            h.in(new Input.JobKillRequested(job));
            List<String> kills = new ArrayList<>();
            for (Command c : h.commands.subList(before, h.commands.size())) if (c instanceof Command.Kill k) kills.add(k.taskId());
            boolean alreadyKilled = h.jobsEnded.stream().anyMatch(e -> e.startsWith(job + ":")) || wasKilled(h, job, live);
            if (!alreadyKilled) {
                assertEquals(expectKills, kills, "kill commands for " + job);
                for (Task t : expectWithdrawn) assertEquals(TaskState.KILLED, t.state(), t.toString());
            }
            // the agents carry the kills out
            for (String id : kills) h.report(id, TaskState.KILLED);
            for (Task t : live) {
                if (t.jobId().equals(job)) assertTrue(t.state().isTerminal(), t.toString());
            }
            // with its last task gone, the killed job has ended (the index knows it has no live task left)
            assertTrue(h.jobsEnded.contains(job + ":failed"), job + " ended: " + h.jobsEnded);
        }
    }

    /** A job killed earlier ignores a second kill. */
    private static boolean wasKilled(MasterHarness h, String job, List<Task> live) {
        for (Task t : live) if (t.jobId().equals(job) && t.isKillRequested()) return true;
        for (Task t : h.ended) if (t.jobId().equals(job) && t.state() == TaskState.KILLED && "job killed".equals(t.endReason())) return true;
        return false;
    }
}
