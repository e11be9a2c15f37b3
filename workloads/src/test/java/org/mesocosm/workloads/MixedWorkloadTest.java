package org.mesocosm.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;

class MixedWorkloadTest {
    private static final int NODES = 1000;
    private static final Resources CAPACITY = ClusterShapes.DEFAULT_NODE.times(NODES);
    private static WorkloadStats defaults;

    @BeforeAll
    static void generateDefault() {
        defaults = new WorkloadStats(MixedWorkload.defaultFor(NODES, 42), CAPACITY);
        System.out.println("default workload, 1,000 nodes, seed 42: " + defaults.summary());
    }

    @Test
    void sameSeedGivesTheSameEventsAndAnotherSeedDoesNot() {
        WorkloadStats again = new WorkloadStats(MixedWorkload.defaultFor(NODES, 42), CAPACITY);
        WorkloadStats other = new WorkloadStats(MixedWorkload.defaultFor(NODES, 43), CAPACITY);
        assertEquals(defaults.digest, again.digest);
        assertNotEquals(defaults.digest, other.digest);
    }

    /**
     * Pins the exact events of one small workload. A change here means every stored result made
     * with the built-in workload changes too: update the digest only for a deliberate change.
     */
    @Test
    void smallDefaultWorkloadMatchesItsGoldenDigest() {
        WorkloadStats small = new WorkloadStats(MixedWorkload.defaultFor(20, 7), ClusterShapes.DEFAULT_NODE.times(20));
        assertEquals(GOLDEN_20_NODES_SEED_7, small.digest, small.summary());
    }

    static final String GOLDEN_20_NODES_SEED_7 =
            "020aee449072d724a80b07eb445e8cfcdfb5084ce7130b923f6efd01947cdbc1";

    @Test
    void arrivalsNeverGoBackInTimeAndIdsAreUniqueAndInOrder() {
        long previous = 0;
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (WorkloadEvent.JobArrival a : defaults.arrivals) {
            assertTrue(a.atMicros() >= previous, "arrival at " + a.atMicros() + " after " + previous);
            previous = a.atMicros();
            assertTrue(ids.add(a.job().id()), "duplicate id " + a.job().id());
            assertEquals(MixedWorkload.jobId(++n), a.job().id());
        }
    }

    @Test
    void defaultKeepsArrivingAtASteadyRateForSixHours() {
        double hours = defaults.lastArrival / 3.6e9;
        assertTrue(hours > 5.95 && hours <= 6, "arrivals end at the 6 h window: " + hours + "h");
        long expected = MixedWorkload.defaultFor(NODES, 42).settings().expectedTasks();
        assertEquals(expected, defaults.tasks, 0.15 * expected, "tasks=" + defaults.tasks);
        // steady: as many batch tasks arrive in each of the six hours (Poisson, heavy-tailed job sizes: within 25%)
        long[] perHour = new long[6];
        for (WorkloadEvent.JobArrival a : defaults.arrivals) {
            if (a.job().kind() != JobKind.SERVICE) perHour[(int) Math.min(5, a.atMicros() / 3_600_000_000L)] += a.job().totalInstances();
        }
        double mean = java.util.Arrays.stream(perHour).average().orElseThrow();
        for (int h = 0; h < 6; h++) assertEquals(mean, perHour[h], 0.25 * mean, "hour " + h + ": " + java.util.Arrays.toString(perHour));
    }

    @Test
    void mixOfServicesBatchAndPipelines() {
        assertTrue(defaults.serviceShare() >= 0.10 && defaults.serviceShare() <= 0.20,
                "services hold " + defaults.serviceShare() + " of capacity");
        assertEquals(0.15, defaults.serviceShare(), 0.01);
        int batchLike = defaults.batches + defaults.pipelines;
        assertEquals(0.05, (double) defaults.pipelines / batchLike, 0.015, "pipeline fraction");
        assertTrue(defaults.services > 20, "services=" + defaults.services);
        // Services arrive during the ramp at the start, not throughout.
        long lastService = 0;
        for (WorkloadEvent.JobArrival a : defaults.arrivals) {
            if (a.job().kind() == JobKind.SERVICE) lastService = a.atMicros();
        }
        assertTrue(lastService < defaults.lastArrival / 4, "last service at " + lastService);
    }

    @Test
    void rolesHaveUnequalShares() {
        assertEquals(Set.of("web", "analytics", "etl", "ml", "dev"), defaults.jobsByRole.keySet());
        int analytics = defaults.jobsByRole.get("analytics");
        int dev = defaults.jobsByRole.get("dev");
        assertTrue(analytics > 2 * dev, "analytics=" + analytics + " dev=" + dev);
    }

    @Test
    void offeredLoadIsNearTheTarget() {
        assertEquals(0.7, defaults.offeredLoad(), 0.7 * 0.25, defaults.summary());
        // cpu is the dominant dimension of the default shapes on the default node.
        assertTrue(defaults.serviceLoad[0] + defaults.batchLoad[0] > defaults.serviceLoad[1] + defaults.batchLoad[1]);
    }

    @Test
    void offeredLoadFollowsTheKnob() {
        MixedWorkload.Settings half = MixedWorkload.steadySettings(NODES, 0.35);
        WorkloadStats stats = new WorkloadStats(new MixedWorkload(half, 42), CAPACITY);
        assertEquals(0.35, stats.offeredLoad(), 0.35 * 0.25, stats.summary());
        // same window, batch load (0.35 - 0.15) / (0.7 - 0.15) = 0.36 of the default's: about that share of batch tasks
        double ratio = (double) (stats.tasks - stats.serviceTasks) / (defaults.tasks - defaults.serviceTasks);
        assertEquals(0.36, ratio, 0.09, "batch tasks at half the load / at the default");
    }

    @Test
    void durationsAreHeavyTailed() {
        long p50 = defaults.durationPercentile(0.5);
        long p99 = defaults.durationPercentile(0.99);
        assertTrue(p99 > 10 * p50, "p50=" + p50 + " p99=" + p99);
        assertTrue(p50 >= 60_000_000L && p50 <= 3_600_000_000L, "median of minutes: " + p50);
        assertTrue(p99 >= 3_600_000_000L, "tail of hours: " + p99);
        long max = MixedWorkload.Settings.defaults().batch().maxDurationMicros();
        assertTrue(defaults.durationPercentile(1.0) <= max);
    }

    @Test
    void jobsHaveTheExpectedStructure() {
        MixedWorkload.Settings s = MixedWorkload.Settings.defaults();
        int multiTaskJobs = 0;
        int bestEffort = 0;
        int withUsage = 0;
        int biggest = 0;
        for (WorkloadEvent.JobArrival a : defaults.arrivals) {
            JobSpec job = a.job();
            switch (job.kind()) {
                case SERVICE -> {
                    assertEquals(1, job.tasks().size());
                    assertEquals(-1, job.tasks().get(0).sim().durationMicros(0));
                    assertEquals(200, job.priority());
                    TaskSpec server = job.tasks().get(0);
                    assertTrue(server.usage() != null && server.request().fits(server.usage())
                            && server.usage().cpuMillis() < server.request().cpuMillis(), "services use less than they ask: " + server);
                }
                case BATCH -> {
                    assertEquals(1, job.tasks().size());
                    TaskSpec t = job.tasks().get(0);
                    assertEquals(0.02, t.sim().failureProbability());
                    assertEquals(3, job.maxRetries());
                    // batch band, or best effort below it (so priority-aware policies have something to preempt)
                    assertTrue(job.priority() == 100 || job.priority() == JobFactory.BEST_EFFORT_PRIORITY, "priority " + job.priority());
                    if (job.priority() == JobFactory.BEST_EFFORT_PRIORITY) bestEffort++;
                    if (t.usage() != null) withUsage++;
                    if (t.instances() > 1) multiTaskJobs++;
                    biggest = Math.max(biggest, t.instances());
                }
                case PIPELINE -> assertPipeline(job);
                default -> throw new AssertionError("unexpected kind " + job.kind());
            }
        }
        assertTrue(multiTaskJobs > defaults.batches / 4, "multi-task jobs: " + multiTaskJobs);
        assertTrue(bestEffort > defaults.batches / 6 && bestEffort < defaults.batches / 2, "best-effort batch jobs: " + bestEffort);
        assertTrue(withUsage > defaults.batches / 4 && withUsage < defaults.batches * 3 / 4, "batch jobs with usage: " + withUsage);
        assertTrue(biggest > 50 && biggest <= s.batch().maxTasksPerJob(), "biggest batch job: " + biggest);
    }

    /** JobSpec's constructor already rejected cycles and unknown names; check the shapes we promise. */
    static void assertPipeline(JobSpec job) {
        int steps = job.tasks().size();
        assertTrue(steps >= 3 && steps <= 5, job.id() + " has " + steps + " steps");
        assertTrue(job.tasks().get(0).dependsOn().isEmpty());
        for (int i = 1; i < steps; i++) {
            List<String> deps = job.tasks().get(i).dependsOn();
            assertTrue(!deps.isEmpty(), job.id() + " step " + (i + 1) + " has no dependency");
            for (String d : deps) {
                int k = Integer.parseInt(d.substring("step".length()));
                assertTrue(k <= i, job.id() + ": step" + (i + 1) + " depends on later " + d);
            }
        }
    }

    @Test
    void fiftyThousandTasksGenerateQuickly() {
        MixedWorkload.defaultFor(NODES, 1); // warm up class loading
        long start = System.nanoTime();
        MixedWorkload w = MixedWorkload.defaultFor(NODES, 2);
        long tasks = 0;
        for (WorkloadEvent e = w.next(); e != null; e = w.next()) tasks += ((WorkloadEvent.JobArrival) e).job().totalInstances();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "generated %d tasks in %.3f s%n", tasks, seconds);
        assertTrue(seconds < 5, "took " + seconds + " s");
    }

    @Test
    void exhaustedStreamStaysExhausted() {
        MixedWorkload w = MixedWorkload.defaultFor(1, 3);
        while (w.next() != null) { /* drain */ }
        assertNull(w.next());
        assertNull(w.next());
    }

    @Test
    void arrivalWindowBoundsTheStream() {
        long window = 30 * 60 * 1_000_000L;
        MixedWorkload.Settings s = MixedWorkload.Settings.defaults().withTotalTasks(Long.MAX_VALUE).withArrivalWindowMicros(window);
        WorkloadStats stats = new WorkloadStats(new MixedWorkload(s, 5), CAPACITY);
        assertTrue(stats.lastArrival <= window);
        assertTrue(stats.lastArrival > window * 0.9, "arrivals should fill the window: " + stats.lastArrival);
    }

    @Test
    void jobIdsAreFixedWidthThenGrow() {
        assertEquals("j000001", MixedWorkload.jobId(1));
        assertEquals("j999999", MixedWorkload.jobId(999_999));
        assertEquals("j1000000", MixedWorkload.jobId(1_000_000));
    }
}
