package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.MasterConfig;
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
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * The {@code easy} policy (FCFS + EASY backfilling, whole jobs) on tiny queues worked out by hand,
 * through the real master and simulator (no network delay, so the times are exact seconds). The
 * machine: 4 one-processor nodes. A job is (submit s, processors, run time s, estimate s).
 */
class EasyGoldenTest {
    private static final long S = 1_000_000L;

    /**
     * J1 (0, 2p, 10, est 10) starts at 0. J2 (1, 4p, 4, est 4) cannot: its reservation is at 10,
     * when J1 ends by its estimate, with 0 extra processors. J3 (2, 1p, 5, est 6) fits and ends by
     * 8 <= 10: backfilled at 2. J4 (3, 1p, 3, est 20) fits but would end at 23 > 10 and there is no
     * extra processor: it waits. J5 (4, 1p, 2, est 2) fits and ends by 6: backfilled at 4. J4 is
     * still refused at 6 (ends 26) and 7. At 10, J1 ends: J2 starts; at 14 J2 ends: J4 starts.
     */
    @Test
    void backfillsOnlyJobsThatEndBeforeTheHeadsReservation() {
        Map<String, Long> starts = run(4, List.of(
                job("j1", 0, 2, 10, 10), job("j2", 1, 4, 4, 4), job("j3", 2, 1, 5, 6), job("j4", 3, 1, 3, 20), job("j5", 4, 1, 2, 2)));
        assertEquals(Map.of("j1", 0L, "j2", 10L, "j3", 2L, "j4", 14L, "j5", 4L), starts);
    }

    /**
     * J1 (0, 3p, runs 10 but estimated 5) starts at 0. J2 (1, 2p, 4, est 4) waits: reservation at 5
     * (J1's estimate), when 4 processors are free, 2 more than J2 needs. J3 (2, 1p, 20, est 20)
     * would end long after 5 but needs only 1 of the 2 extra processors: backfilled at 2. J1
     * overruns its estimate; J2 starts only when J1 really ends, at 10 (the estimate informs the
     * reservation, it does not cut the job). J4 (3, 1p, 1, est 1) finds no free processor until
     * 10, and then starts as the next head, beside J2. J5 (4, 4p, 1, est 1) waits for everything:
     * J3 ends at 22.
     */
    @Test
    void backfillsOntoExtraProcessorsAndEstimatesDoNotCutJobs() {
        Map<String, Long> starts = run(4, List.of(
                job("j1", 0, 3, 10, 5), job("j2", 1, 2, 4, 4), job("j3", 2, 1, 20, 20), job("j4", 3, 1, 1, 1), job("j5", 4, 4, 1, 1)));
        assertEquals(Map.of("j1", 0L, "j2", 10L, "j3", 2L, "j4", 10L, "j5", 22L), starts);
    }

    /** A job larger than the machine never starts and does not block the jobs behind it. */
    @Test
    void aJobLargerThanTheMachineDoesNotBlockTheQueue() {
        Map<String, Long> starts = run(4, List.of(job("big", 0, 5, 1, 1), job("small", 1, 2, 1, 1)));
        assertEquals(Map.of("small", 1L), starts);
    }

    private static WorkloadEvent.JobArrival job(String id, long submitS, int procs, long runS, long estimateS) {
        TaskSpec t = TaskSpec.simulated("t0", procs, Resources.of(1000, 1024), SimProfile.fixed(runS * S, 0))
                .withLabels(Map.of("requested_time_s", Long.toString(estimateS)));
        return new WorkloadEvent.JobArrival(submitS * S, new JobSpec(id, "batch", JobKind.BATCH, 4, List.of(t), 0));
    }

    /** Start time (s) of each job that started; fails unless all of a job's tasks start at one instant. */
    private static Map<String, Long> run(int nodes, List<WorkloadEvent> events) {
        SimConfig cfg = new SimConfig(List.of(new NodeGroup(nodes, Resources.of(1000, 1024), Map.of())), 1, 0, 600 * S, 15 * S, 0,
                3600 * S, 0, 60 * S, MasterConfig.DEFAULT);
        Map<String, List<Long>> placed = new TreeMap<>();
        MasterObserver watch = new MasterObserver() {
            @Override
            public void taskPlaced(long now, Task task) {
                placed.computeIfAbsent(task.jobId(), k -> new ArrayList<>()).add(now);
            }
        };
        new Simulation(cfg, new ListWorkload(events), PolicyRegistry.load().create("easy"), new MetricsRecorder(TaskRowSink.NONE),
                List.of(watch)).run();
        Map<String, Long> starts = new TreeMap<>();
        placed.forEach((job, times) -> {
            assertEquals(1, times.stream().distinct().count(), "job " + job + " started as a gang: " + times);
            assertEquals(0, times.get(0) % S, "whole seconds");
            starts.put(job, times.get(0) / S);
        });
        return starts;
    }
}
