package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.JobOutcome;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.decision.TimedScheduler;

/**
 * Issue 17: several schedulers of one policy, each with its own busy clock ({@link TwoLanePolicy}:
 * lane a costs 95 + 5 = 100 ms per one-task job, lane b 5 ms), on a case worked by hand with a
 * network delay of 0.5 ms. A1 (lane a) and B1 (lane b) arrive at 0, A2 at 10 ms, B2 at 20 ms.
 * Lane a decides A1 over 0 .. 100 ms, commits at 100; A2 waits behind it (its own lane) and
 * commits at 200. Lane b is not held up by lane a: B1 commits at 5 ms, B2 (arriving at 20) at
 * 25 ms. A task runs 1 ms after its commit (0.5 ms to the agent, 0.5 ms for its report).
 */
class SchedulerLanesTest {
    private static final long MS = 1_000;

    private static JobSpec job(String id, int tasks, int cpuMillis) {
        TaskSpec t = TaskSpec.simulated("t", tasks, Resources.of(cpuMillis, 1_024), SimProfile.fixed(60_000 * MS, 0));
        return new JobSpec(id, "r", JobKind.BATCH, 0, List.of(t), 0);
    }

    private static SimConfig oneMachine() {
        return SimConfig.defaults(List.of(new NodeGroup(1, Resources.of(32_000, 131_072), Map.of())), 1);
    }

    /** When each task started running on its machine, in ms. */
    private static final class Running implements MasterObserver {
        final Map<String, Long> at = new LinkedHashMap<>();

        @Override
        public void taskStateChanged(long now, Task task, TaskState from) {
            if (task.state() == TaskState.RUNNING) at.put(task.jobId(), now / MS);
        }
    }

    private record Run(TwoLanePolicy policy, TimedScheduler timed, Simulation.Result result, MetricsRecorder metrics, Running running) {
        Map<String, Object> lane(String name) { return timed.schedulers(result.endMicros()).get(name); }
    }

    private static Run run(DecisionTime dt, SimConfig cfg, List<WorkloadEvent> events) {
        TwoLanePolicy p = new TwoLanePolicy();
        TimedScheduler timed = new TimedScheduler(p, dt);
        MetricsRecorder metrics = new MetricsRecorder(TaskRowSink.NONE);
        Running running = new Running();
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), timed, metrics, List.of(running), timed).run();
        return new Run(p, timed, r, metrics, running);
    }

    private static List<WorkloadEvent> fourJobs() {
        return List.of(new WorkloadEvent.JobArrival(0, job("A1", 1, 1_000)), new WorkloadEvent.JobArrival(0, job("B1", 1, 1_000)),
                new WorkloadEvent.JobArrival(10 * MS, job("A2", 1, 1_000)), new WorkloadEvent.JobArrival(20 * MS, job("B2", 1, 1_000)));
    }

    @SuppressWarnings("unchecked")
    private static double mean(Map<String, Object> s, String key) { return (double) ((Map<String, Object>) s.get(key)).get("mean"); }

    @SuppressWarnings("unchecked")
    private static Object attemptsMaxRaw(Map<String, Object> s) { return ((Map<String, Object>) s.get("attempts_per_job")).get("max"); }

    private static long attemptsMax(Map<String, Object> s) { return ((Number) attemptsMaxRaw(s)).longValue(); }

    @Test
    void eachLaneHasItsOwnBusyClockAndQueue() {
        Run r = run(DecisionTime.model(100 * MS, 5 * MS), oneMachine(), fourJobs());
        assertEquals(Map.of("A1", 101L, "B1", 6L, "A2", 201L, "B2", 26L), r.running.at,
                "lane b commits at 5 and 25 ms while lane a is busy 0 .. 200 ms; A2 waits behind A1 only");
        assertTrue(r.policy.log.indexOf("decide A2.t.0.0@100") > 0, "A2 decided when lane a was free: " + r.policy.log);

        Map<String, Object> a = r.lane("a");
        Map<String, Object> b = r.lane("b");
        assertEquals(0.2, (double) a.get("busy_s"), 1e-9, "lane a: 100 ms + 100 ms");
        assertEquals(0.01, (double) b.get("busy_s"), 1e-9, "lane b: 5 ms + 5 ms");
        assertEquals(2L, a.get("decisions"));
        assertEquals((0.100 + 0.190) / 2, mean(a, "job_wait_first_s"), 1e-9, "A1 100 ms, A2 190 ms (90 ms queued)");
        assertEquals(0.005, mean(b, "job_wait_first_s"), 1e-9);
        assertEquals(0.005, mean(b, "job_wait_full_s"), 1e-9);
        assertEquals(0.0, (double) a.get("busyness_wasted"));
        // placement latency as the metrics see it: the commit's time, not delayed again
        assertEquals(190 * MS, r.metrics.latencyMicros().max());
        assertEquals(5 * MS, r.metrics.latencyMicros().percentile(0.0));

        // the policy's run-level figures: every job, the lanes' mean busyness
        Map<String, Object> all = r.timed.summary(r.result.endMicros());
        assertEquals(0.21, (double) all.get("busy_s"), 1e-9);
        assertEquals(4L, all.get("decisions"));
        assertEquals((0.100 + 0.005 + 0.190 + 0.005) / 4, mean(all, "job_wait_first_s"), 1e-9);
        assertEquals(List.of("a", "b"), new ArrayList<>(r.timed.schedulers(r.result.endMicros()).keySet()));
    }

    @Test
    void underZeroEveryLaneCommitsAtOnce() {
        Run r = run(DecisionTime.ZERO, oneMachine(), fourJobs());
        assertEquals(Map.of("A1", 1L, "B1", 1L, "A2", 11L, "B2", 21L), r.running.at);
        assertEquals(0, r.metrics.latencyMicros().max());
        assertEquals(0.0, (double) r.lane("a").get("busy_s"));
        assertEquals(2L, r.lane("a").get("decisions"));
        // no timers: decide and commit in the same call
        assertEquals(List.of("decide A1.t.0.0@0", "commit A1.t.0.0@0", "decide B1.t.0.0@0", "commit B1.t.0.0@0", "decide A2.t.0.0@10",
                "commit A2.t.0.0@10", "decide B2.t.0.0@20", "commit B2.t.0.0@20"), r.policy.log);
    }

    /**
     * A conflict: lane a decides C1 (20 cores) and lane b decides D1 (20 cores) on the same 32-core
     * machine at 0; D1 commits at 5 ms and takes it; C1's commit at 100 ms finds no room, says its
     * transaction failed, and retries: at 100 ms the machine is full, so the retry picks nothing
     * and fails at 200 ms too, which is C1's second attempt: max-attempts=2 abandons it. The retry
     * that second commit queued has already started (200 .. 300 ms) and finds C1 gone: it places
     * nothing. All three decisions of lane a are wasted time.
     */
    @Test
    void aFailedCommitIsWastedTime() {
        List<WorkloadEvent> events = List.of(new WorkloadEvent.JobArrival(0, job("A-C1", 1, 20_000)),
                new WorkloadEvent.JobArrival(0, job("D1", 1, 20_000)));
        Run r = run(new DecisionTime(DecisionTime.Mode.MODEL, 100 * MS, 5 * MS, 0, 2), oneMachine(), events);
        Map<String, Object> a = r.lane("a");
        assertEquals(2L, a.get("commits_failed"), r.policy.log.toString());
        assertEquals(0.3, (double) a.get("busy_s"), 1e-9);
        assertEquals(JobOutcome.KILLED, r.result.master().jobOutcome("A-C1"));
        assertEquals((double) a.get("busyness"), (double) a.get("busyness_wasted"), 1e-9, "every decision of lane a failed: " + a);
        assertEquals(0.0, (double) a.get("busyness_useful"));
        assertEquals(0.0, (double) r.lane("b").get("busyness_wasted"));
        assertEquals(Map.of("D1", 6L), r.running.at);
    }

    /** max-attempts counts a job's attempts over lanes; the job is abandoned (killed) and its lane's figures say so. */
    @Test
    void aJobRetriedMaxAttemptsTimesIsAbandoned() {
        List<WorkloadEvent> events = List.of(new WorkloadEvent.JobArrival(0, job("A-never", 1, 1_000)));
        DecisionTime dt = new DecisionTime(DecisionTime.Mode.MODEL, 10 * MS, 1 * MS, 0, 3);
        Run r = run(dt, oneMachine().withTimeLimits(0, 3_600_000 * MS), events);
        assertEquals(JobOutcome.KILLED, r.result.master().jobOutcome("A-never"));
        assertEquals(1L, r.lane("a").get("jobs_abandoned"));
        assertEquals(1L, r.timed.summary(r.result.endMicros()).get("jobs_abandoned"));
        assertEquals(0L, r.lane("b").get("jobs_abandoned"));
        // three attempts; the retry the third commit queued starts before the kill arrives, and its commit finds the job gone
        assertEquals(4, r.policy.log.stream().filter(s -> s.startsWith("decide")).count(), r.policy.log.toString());
        assertEquals(3L, attemptsMax(r.lane("a")));
    }

    @Test
    void aDecideThatLaunchesIsRefused() {
        TwoLanePolicy p = new TwoLanePolicy();
        p.launchInDecide = true;
        TimedScheduler timed = new TimedScheduler(p, DecisionTime.model(100 * MS, 5 * MS));
        Simulation sim = new Simulation(oneMachine(), new ListWorkload(List.of(new WorkloadEvent.JobArrival(0, job("A1", 1, 1_000)))), timed,
                new MetricsRecorder(TaskRowSink.NONE), List.of(), timed);
        IllegalStateException e = assertThrows(IllegalStateException.class, sim::run);
        assertTrue(e.getMessage().contains("lane 'a': decide must not launch"), e.getMessage());
    }

    /** measured: a decide that burns 20 ms of CPU keeps its lane busy about that long, and its commit comes that much later. */
    @Test
    void measuredChargesTheCpuTimeOfDecide() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        TwoLanePolicy p = new TwoLanePolicy() {
            @Override
            public void taskPending(Task task) {
                a.submit(() -> {
                    long until = bean.getCurrentThreadCpuTime() + 20_000_000;
                    long spin = 0;
                    while (bean.getCurrentThreadCpuTime() < until) spin++;
                    return spin;
                }, spin -> log.add("commit"));
            }
        };
        TimedScheduler timed = new TimedScheduler(p, DecisionTime.measured(1.0));
        Simulation.Result r = new Simulation(oneMachine(), new ListWorkload(List.of(new WorkloadEvent.JobArrival(0, job("A1", 1, 1_000)))),
                timed, new MetricsRecorder(TaskRowSink.NONE), List.of(), timed).run();
        double busy = (double) timed.schedulers(r.endMicros()).get("a").get("busy_s");
        assertTrue(busy >= 0.020 && busy < 5.0, "20 ms of CPU, measured: " + busy);
        assertEquals(List.of("commit"), p.log);
    }

    /**
     * measured, a lane that decides at commit (a mesos framework): the CPU time of its commit is
     * charged too, and the lane stays busy that long after it, so the next job's decide waits. A
     * lane that does not say so is charged its decides only (omega's commits are transactions).
     */
    @Test
    void measuredChargesTheCommitOfALaneThatDecidesAtCommit() {
        for (boolean atCommit : new boolean[] {true, false}) {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            TwoLanePolicy p = new TwoLanePolicy() {
                @Override
                public void init(org.mesocosm.runtime.master.PlacementContext c) {
                    super.init(c);
                    if (atCommit) a.decidesAtCommit();
                }

                @Override
                public void taskPending(Task task) {
                    a.submit(() -> {
                        log.add("decide " + task.jobId() + "@" + ctx().now());
                        return task;
                    }, t -> {
                        long until = bean.getCurrentThreadCpuTime() + 20_000_000;
                        long spin = 0;
                        while (bean.getCurrentThreadCpuTime() < until) spin++;
                        if (spin < 0) log.add("never");
                    });
                }
            };
            TimedScheduler timed = new TimedScheduler(p, DecisionTime.measured(1.0));
            Simulation.Result r = new Simulation(oneMachine(), new ListWorkload(List.of(new WorkloadEvent.JobArrival(0, job("A1", 1, 1_000)),
                    new WorkloadEvent.JobArrival(0, job("A2", 1, 1_000)))), timed, new MetricsRecorder(TaskRowSink.NONE), List.of(), timed).run();
            double busy = (double) timed.schedulers(r.endMicros()).get("a").get("busy_s");
            long secondDecideAt = Long.parseLong(p.log.get(1).substring(p.log.get(1).indexOf('@') + 1));
            // the meter charges a segment its wall time x the CPU/wall ratio of the last window (see CpuMeter): bounds, not equalities
            if (atCommit) {
                assertTrue(busy >= 0.025 && busy < 10.0, "two commits of 20 ms CPU each, measured: " + busy);
                assertTrue(secondDecideAt >= 10 * MS, "A2 decided after A1's commit's charge: " + p.log);
            } else {
                assertTrue(busy < 0.010, "decides only (each a few µs): " + busy);
                assertTrue(secondDecideAt < 10 * MS, "A2 decided without waiting for A1's commit: " + p.log);
            }
        }
    }
}
