package org.mesocosm.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.Resources;

class WorkloadsTest {
    private static final int NODES = 200;
    private static final Resources CAPACITY = ClusterShapes.DEFAULT_NODE.times(NODES);

    @Test
    void namesListTheDefaultFirst() {
        assertEquals(List.of("mixed", "batch", "services", "google-like", "overload"), Workloads.names());
    }

    @Test
    void mixedIsTheDefaultWorkload() {
        WorkloadStats viaRegistry = new WorkloadStats(Workloads.create("mixed", NODES, 9), CAPACITY);
        WorkloadStats direct = new WorkloadStats(MixedWorkload.defaultFor(NODES, 9), CAPACITY);
        assertEquals(direct.digest, viaRegistry.digest);
        assertEquals("mixed", Workloads.create("mixed", NODES, 9).name());
    }

    @Test
    void batchHasOnlyBatchJobs() {
        var source = Workloads.create("batch", NODES, 9);
        assertEquals("batch", source.name());
        WorkloadStats stats = new WorkloadStats(source, CAPACITY);
        assertEquals(0, stats.services);
        assertEquals(0, stats.pipelines);
        assertTrue(stats.tasks >= 50L * NODES);
        assertEquals(0.7, stats.offeredLoad(), 0.7 * 0.25, stats.summary());
    }

    @Test
    void servicesAreMostOfTheServicesWorkload() {
        WorkloadStats stats = new WorkloadStats(Workloads.create("services", NODES, 9), CAPACITY);
        assertEquals(0.6, stats.serviceShare(), 0.02, stats.summary());
        assertTrue(stats.serviceTasks * 2 > stats.tasks, stats.summary());
        assertEquals(0.7, stats.offeredLoad(), 0.7 * 0.25, stats.summary());
    }

    @Test
    void overloadOffersOnePointThreeForThreeHours() {
        var source = Workloads.create("overload", NODES, 9);
        assertEquals("overload", source.name());
        WorkloadStats stats = new WorkloadStats(source, CAPACITY);
        assertEquals(1.3, stats.offeredLoad(), 1.3 * 0.25, stats.summary());
        assertEquals(0.15, stats.serviceShare(), 0.02, stats.summary());
        long hour = 3_600_000_000L;
        assertTrue(stats.lastArrival < 3 * hour && stats.lastArrival > 3 * hour - 60_000_000L,
                "arrivals keep coming until 3 h and stop there: " + stats.summary());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.create("nope", 10, 1));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("mixed, batch, services, google-like"), e.getMessage());
    }
}
