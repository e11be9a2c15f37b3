package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.decision.TimedScheduler;

/**
 * Issue 17 §1, the model's arithmetic on a case worked by hand: mono, t_job = 100 ms, t_task = 5 ms,
 * network delay 0.5 ms. Job A (2 tasks) arrives at 0: the scheduler decides 0 .. 110 ms, A's tasks
 * take effect at 105 and 110 ms. Job B (1 task) arrives at 10 ms, while the scheduler is busy: it
 * waits until 110 ms (head-of-line blocking, 100 ms), then its own decision takes 105 ms: placed at
 * 215 ms, a wait of 205 ms. Busy 215 ms in all.
 */
class DecisionTimeModelTest {
    private static final long MS = 1_000;

    private static JobSpec job(String id, int tasks) {
        TaskSpec t = TaskSpec.simulated("t", tasks, Resources.of(1_000, 1_024), SimProfile.fixed(60_000 * MS, 0));
        return new JobSpec(id, "r", JobKind.BATCH, 0, List.of(t), 0);
    }

    /** Observes when each task was placed (metrics' view) and started running (on its machine). */
    private static final class Times implements MasterObserver {
        final Map<String, Long> running = new LinkedHashMap<>();

        @Override
        public void taskStateChanged(long now, Task task, TaskState from) {
            if (task.state() == TaskState.RUNNING) running.put(task.id(), now);
        }
    }

    @Test
    void busyTimeAndQueueingDelayAreTheModelsArithmetic() {
        List<WorkloadEvent> events = new ArrayList<>();
        events.add(new WorkloadEvent.JobArrival(0, job("A", 2)));
        events.add(new WorkloadEvent.JobArrival(10 * MS, job("B", 1)));
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(1, Resources.of(32_000, 131_072), Map.of())), 1);
        TimedScheduler mono = new TimedScheduler(PolicyRegistry.load().create("mono"), DecisionTime.model(100 * MS, 5 * MS));
        MetricsRecorder metrics = new MetricsRecorder(TaskRowSink.NONE);
        Times times = new Times();
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), mono, metrics, List.of(times), mono).run();

        // on the machine: effect time + 0.5 ms to the agent + 0.5 ms for its RUNNING report
        List<Long> started = new ArrayList<>(times.running.values());
        assertEquals(List.of(106 * MS, 111 * MS, 216 * MS), started, "tasks running at (µs)");
        // ready -> placed: 105, 110 (A, ready at 0) and 205 ms (B, ready at 10 ms: 100 ms queued + 105 ms deciding)
        assertEquals(205 * MS, metrics.latencyMicros().max());
        assertEquals(105 * MS, metrics.latencyMicros().percentile(0.0));
        Map<String, Object> s = mono.summary(r.endMicros());
        assertEquals(0.215, (double) s.get("busy_s"), 1e-9, "busy: 110 ms for A, 105 ms for B");
        assertEquals(2L, s.get("decisions"));
        assertEquals(0.0, (double) s.get("busyness_wasted"));
        @SuppressWarnings("unchecked") Map<String, Object> first = (Map<String, Object>) s.get("job_wait_first_s");
        @SuppressWarnings("unchecked") Map<String, Object> full = (Map<String, Object>) s.get("job_wait_full_s");
        assertEquals((0.105 + 0.205) / 2, (double) first.get("mean"), 1e-9, "first task placed: A 105 ms, B 205 ms");
        assertEquals((0.110 + 0.205) / 2, (double) full.get("mean"), 1e-9, "fully placed: A 110 ms, B 205 ms");
        @SuppressWarnings("unchecked") Map<String, Object> attempts = (Map<String, Object>) s.get("attempts_per_job");
        assertEquals(1L, attempts.get("max"));
    }

    @Test
    void withoutDecisionTimeTheSameCaseIsInstant() {
        List<WorkloadEvent> events = List.of(new WorkloadEvent.JobArrival(0, job("A", 2)), new WorkloadEvent.JobArrival(10 * MS, job("B", 1)));
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(1, Resources.of(32_000, 131_072), Map.of())), 1);
        TimedScheduler mono = new TimedScheduler(PolicyRegistry.load().create("mono"), DecisionTime.ZERO);
        MetricsRecorder metrics = new MetricsRecorder(TaskRowSink.NONE);
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), mono, metrics, List.of(), mono).run();
        assertEquals(0, metrics.latencyMicros().max());
        assertEquals(0.0, (double) mono.summary(r.endMicros()).get("busy_s"));
    }

    /**
     * A job that can never fully fit (2 x 24 cores on one 32-core machine: the second waits for
     * room the first holds forever) keeps being retried by k8s; under a model of decision time it
     * is abandoned (killed) after max-attempts, as in the Omega simulator.
     */
    @Test
    void aJobRetriedMaxAttemptsTimesIsAbandoned() {
        List<WorkloadEvent> events = List.of(new WorkloadEvent.JobArrival(0, new JobSpec("big", "r", JobKind.BATCH, 0,
                List.of(TaskSpec.simulated("t", 2, Resources.of(24_000, 1_024), SimProfile.FOREVER)), 0)));
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(1, Resources.of(32_000, 131_072), Map.of())), 1)
                .withTimeLimits(0, 7_200_000 * MS);
        DecisionTime dt = new DecisionTime(DecisionTime.Mode.MODEL, 10 * MS, 1 * MS, 0, 3);
        TimedScheduler k8s = new TimedScheduler(PolicyRegistry.load().create("k8s"), dt);
        Simulation.Result r = new Simulation(cfg, new ListWorkload(events), k8s, new MetricsRecorder(TaskRowSink.NONE), List.of(), k8s).run();
        Map<String, Object> s = k8s.summary(r.endMicros());
        assertEquals(1L, s.get("jobs_abandoned"), s.toString());
        assertEquals(JobOutcome.KILLED, r.master().jobOutcome("big"));
        assertTrue((double) s.get("busyness_wasted") > 0, "failed attempts are wasted time: " + s);

        // the same under zero decision time: never abandoned (old runs keep their digests)
        TimedScheduler zero = new TimedScheduler(PolicyRegistry.load().create("k8s"), DecisionTime.ZERO);
        Simulation.Result z = new Simulation(cfg, new ListWorkload(events), zero, new MetricsRecorder(TaskRowSink.NONE), List.of(), zero).run();
        assertEquals(0L, zero.summary(z.endMicros()).get("jobs_abandoned"));
        assertEquals(null, z.master().jobOutcome("big"), "still running");
    }
}
