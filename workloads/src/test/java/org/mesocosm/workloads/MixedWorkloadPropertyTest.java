package org.mesocosm.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;

/**
 * Invariants over many seeded random cases: each case draws a cluster and settings from its seed,
 * generates the workload and checks what must hold for every workload. A failure names the seed,
 * so {@link #check(long)} replays it alone.
 */
class MixedWorkloadPropertyTest {
    private static final int CASES = 300;
    private static final List<Resources> NODE_SHAPES = List.of(
            Resources.of(4000, 8192), Resources.of(8000, 32768), Resources.of(16000, 65536),
            ClusterShapes.DEFAULT_NODE, Resources.of(64000, 262144), Resources.of(96000, 131072));

    @Test
    void invariantsHoldForManySeeds() {
        for (long seed = 1; seed <= CASES; seed++) {
            try {
                check(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed for seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    static void check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nodes = 1 + r.nextInt(300);
        Resources node = NODE_SHAPES.get(r.nextInt(NODE_SHAPES.size()));
        double load = 0.1 + 1.4 * r.nextDouble();
        long target = 200 + r.nextInt(5000);
        MixedWorkload.Settings s = MixedWorkload.Settings.forCluster(nodes, node, target, load)
                .withServiceShare(load * r.nextDouble() * 0.9)
                .withPipelineFraction(r.nextDouble() < 0.2 ? 0 : r.nextDouble() * 0.5);
        if (r.nextDouble() < 0.2) s = s.withArrivalWindowMicros(1 + r.nextLong(4 * 3_600_000_000L));

        MixedWorkload w = new MixedWorkload(s, seed);
        long previous = 0;
        long tasks = 0;
        int jobs = 0;
        boolean reachedTarget = false;
        Set<String> ids = new HashSet<>();
        for (WorkloadEvent e = w.next(); e != null; e = w.next()) {
            assertTrue(!reachedTarget, "event after the task target was reached");
            WorkloadEvent.JobArrival a = (WorkloadEvent.JobArrival) e;
            JobSpec job = a.job();
            assertTrue(a.atMicros() >= previous, "time went back: " + a.atMicros() + " < " + previous);
            assertTrue(a.atMicros() <= s.arrivalWindowMicros(), "arrival after the window");
            previous = a.atMicros();
            assertTrue(ids.add(job.id()), "duplicate id " + job.id());
            assertEquals(MixedWorkload.jobId(++jobs), job.id());
            checkJob(job, s, node);
            tasks += job.totalInstances();
            reachedTarget = tasks >= s.totalTasks();
        }
        // The stream only ends early when the window closes (or nothing more can arrive).
        if (!reachedTarget) assertTrue(s.arrivalWindowMicros() < MixedWorkload.Settings.UNBOUNDED_WINDOW
                || s.batchJobsPerSecond() == 0, "stopped at " + tasks + " of " + s.totalTasks() + " tasks");
    }

    private static void checkJob(JobSpec job, MixedWorkload.Settings s, Resources node) {
        assertTrue(job.tasks().size() == 1 || job.kind() == JobKind.PIPELINE, "only pipelines have several task groups");
        for (TaskSpec t : job.tasks()) {
            assertTrue(node.fits(t.request()), t.request() + " does not fit a node of " + node);
            if (job.kind() == JobKind.SERVICE) {
                assertEquals(-1, t.sim().durationMicros(0));
                assertTrue(t.instances() <= s.services().maxInstances());
                assertEquals(s.services().priority(), job.priority());
                continue;
            }
            assertTrue(t.instances() <= s.batch().maxTasksPerJob());
            for (int i = 0; i < t.instances(); i++) {
                long d = t.sim().durationMicros(i);
                assertTrue(d >= s.batch().minDurationMicros() && d <= s.batch().maxDurationMicros(), "duration " + d);
            }
            assertEquals(s.batch().failureProbability(), t.sim().failureProbability());
            assertTrue(job.priority() == s.batch().priority() || job.priority() == Math.min(JobFactory.BEST_EFFORT_PRIORITY, s.batch().priority()),
                    "batch band or best effort: " + job.priority());
        }
        switch (job.kind()) {
            case SERVICE -> assertTrue(s.serviceShare() > 0, "service without a service share");
            case BATCH -> assertEquals(s.batch().maxRetries(), job.maxRetries());
            case PIPELINE -> {
                assertTrue(s.pipelineFraction() > 0, "pipeline without a pipeline fraction");
                MixedWorkloadTest.assertPipeline(job);
            }
            default -> throw new AssertionError("unexpected kind " + job.kind());
        }
    }

    @Test
    void servicesNeverExceedTheirShare() {
        for (long seed = 1; seed <= 50; seed++) {
            int nodes = 1 + (int) (seed * 7 % 200);
            Resources capacity = ClusterShapes.DEFAULT_NODE.times(nodes);
            WorkloadStats stats = new WorkloadStats(MixedWorkload.defaultFor(nodes, seed), capacity);
            assertTrue(stats.serviceShare() <= MixedWorkload.Settings.DEFAULT_SERVICE_SHARE + 1e-9,
                    "seed " + seed + ": services hold " + stats.serviceShare());
        }
    }
}
