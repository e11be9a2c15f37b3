package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.SchedulerLane;
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
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.decision.TimedScheduler;

/**
 * A job's wait is kept on the lane where it is spent (issue 17 follow-up), on a two-lane policy
 * shaped like mesos, worked by hand: an {@code alloc} lane (300 ms a decision) holds each job from
 * its arrival ({@link SchedulerLane#waitsHere}) and hands it to an {@code fw} lane (1 s a decision)
 * whose decide tries it. J1 arrives at 0: alloc decides 0 .. 0.3 s, fw 0.3 .. 1.3 s and places it
 * (alloc 0.3 s, fw 1.0 s of its 1.3 s). J2 arrives at 5 s: alloc 5.0 .. 5.3, fw 5.3 .. 6.3 finds
 * nothing (its first try is refused) and hands it back to alloc, which decides 6.3 .. 6.6, then fw
 * 6.6 .. 7.6 places it (alloc 0.3 + 0.3 = 0.6 s, fw 1.0 + 1.0 = 2.0 s of its 2.6 s). Before, the
 * first lane to consider a job had all of its wait (alloc 1.3 and 2.6 s, fw nothing).
 */
class LaneWaitsTest {
    private static final long MS = 1_000;

    private static DecisionPaths costs(long jobMicros) {
        return new DecisionPaths() {
            @Override public long jobMicros(JobKind kind) { return jobMicros; }
            @Override public long taskMicros(JobKind kind) { return 0; }
            @Override public boolean hasPaths() { return true; }
        };
    }

    /** Allocator and framework lanes: the allocator's decision hands the job on, the framework's places it (J2's first try refused). */
    private static final class AllocThenFramework implements PlacementPolicy {
        private PlacementContext ctx;
        private SchedulerLane alloc;
        private SchedulerLane fw;
        private boolean refusedOnce;

        @Override public String name() { return "alloc-then-fw"; }

        @Override
        public void init(PlacementContext c) {
            ctx = c;
            alloc = c.lane("alloc", costs(300 * MS));
            fw = c.lane("fw", costs(1_000 * MS));
        }

        @Override
        public void taskPending(Task t) {
            alloc.waitsHere(t);
            offerRound(t);
        }

        private void offerRound(Task t) {
            alloc.submit(() -> {
                ctx.considering(t);
                return t;
            }, this::frameworkDecides);
        }

        private void frameworkDecides(Task t) {
            fw.submit(() -> {
                ctx.considering(t);
                return ctx.cluster().agent(0);
            }, (Agent home) -> {
                if (t.jobId().equals("J2") && !refusedOnce) {
                    refusedOnce = true;
                    alloc.waitsHere(t); // not placed: it waits for the next offer round
                    offerRound(t);
                    return;
                }
                ctx.launch(t, home);
            });
        }

        @Override public void taskWithdrawn(Task task) {}

        @Override public void taskReleased(Task task) {}

        @Override public void agentAdded(Agent agent) {}

        @Override public void agentRemoved(Agent agent) {}
    }

    private static JobSpec job(String id) {
        TaskSpec t = TaskSpec.simulated("t", 1, Resources.of(1_000, 1_024), SimProfile.fixed(60_000 * MS, 0));
        return new JobSpec(id, "r", JobKind.BATCH, 0, List.of(t), 0);
    }

    @SuppressWarnings("unchecked")
    private static Object wait(Map<String, Object> s, String key, String field) { return ((Map<String, Object>) s.get(key)).get(field); }

    @Test
    void eachLaneKeepsThePartOfTheWaitSpentOnIt() {
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(1, Resources.of(32_000, 131_072), Map.of())), 1);
        TimedScheduler timed = new TimedScheduler(new AllocThenFramework(), DecisionTime.model(100 * MS, 5 * MS));
        Simulation.Result r = new Simulation(cfg, new ListWorkload(List.of(new WorkloadEvent.JobArrival(0, job("J1")),
                new WorkloadEvent.JobArrival(5_000 * MS, job("J2")))), timed, new MetricsRecorder(TaskRowSink.NONE), List.of(), timed).run();
        Map<String, Map<String, Object>> lanes = timed.schedulers(r.endMicros());
        Map<String, Object> alloc = lanes.get("alloc");
        Map<String, Object> fw = lanes.get("fw");
        Map<String, Object> run = timed.summary(r.endMicros());

        assertEquals((0.3 + 0.6) / 2, (double) wait(alloc, "job_wait_first_s", "mean"), 1e-9, "alloc: " + alloc);
        assertEquals((1.0 + 2.0) / 2, (double) wait(fw, "job_wait_first_s", "mean"), 1e-9, "fw: " + fw);
        assertEquals((1.3 + 2.6) / 2, (double) wait(run, "job_wait_first_s", "mean"), 1e-9, "run: " + run);
        assertEquals((0.3 + 0.6) / 2, (double) wait(alloc, "job_wait_full_s", "mean"), 1e-9);
        assertEquals((1.0 + 2.0) / 2, (double) wait(fw, "job_wait_full_s", "mean"), 1e-9);
        assertEquals(2, wait(alloc, "job_wait_first_s", "n"));
        assertEquals(2, wait(fw, "job_wait_first_s", "n"));
        // attempts are the deciding lane's own: J2 was tried twice by each
        assertEquals(2L, ((Number) wait(alloc, "attempts_per_job", "max")).longValue());
        assertEquals(2L, ((Number) wait(fw, "attempts_per_job", "max")).longValue());
        assertEquals(0, alloc.get("jobs_not_fully_placed_at_end"), "alloc settled the jobs fw placed: " + alloc);
    }
}
