package org.mesocosm.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.Resources;

class SettingsTest {
    private static final MixedWorkload.Settings D = MixedWorkload.Settings.defaults();
    private static final BatchShape B = BatchShape.defaults();
    private static final ServiceShape S = ServiceShape.defaults();

    record Bad(String name, Supplier<Object> build, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badSettings() {
        return Stream.of(
                new Bad("zero load", () -> D.withLoad(0), "load"),
                new Bad("NaN load", () -> D.withLoad(Double.NaN), "load"),
                new Bad("services above load", () -> D.withServiceShare(0.8), "serviceShare"),
                new Bad("negative service share", () -> D.withServiceShare(-0.1), "serviceShare"),
                new Bad("pipeline fraction above 1", () -> D.withPipelineFraction(1.5), "pipelineFraction"),
                new Bad("no tasks", () -> D.withTotalTasks(0), "totalTasks"),
                new Bad("empty window", () -> D.withArrivalWindowMicros(0), "arrivalWindowMicros"),
                new Bad("no capacity", () -> new MixedWorkload.Settings(Resources.ZERO, 0.7, 0.1, 0, 10, 10, B, S), "capacity"),
                new Bad("shape larger than the cluster",
                        () -> new MixedWorkload.Settings(Resources.of(2000, 4096), 0.7, 0.1, 0, 10, 10, B, S), "exceeds"),
                new Bad("zero nodes", () -> MixedWorkload.Settings.forCluster(0, ClusterShapes.DEFAULT_NODE, 10, 0.7), "nodes"),
                new Bad("node too small for any shape",
                        () -> MixedWorkload.Settings.forCluster(10, Resources.of(100, 100), 10, 0.7), "fits"),
                new Bad("empty role table", () -> new BatchShape(List.of(), B.requests(), B.medianDurationMicros(), 1, 0,
                        1, 10_000_000_000L, 2, 10, 0, 0, 0), "role"),
                new Bad("median below min", () -> new BatchShape(B.roles(), B.requests(), 5, 1, 0, 10, 100, 2, 10, 0, 0, 0),
                        "median"),
                new Bad("certain failure", () -> new BatchShape(B.roles(), B.requests(), 50, 1, 0, 10, 100, 2, 10, 1.0, 0, 0),
                        "failureProbability"),
                new Bad("negative weight", () -> Weighted.of("x", -1), "weight"),
                new Bad("no replicas", () -> new ServiceShape(S.roles(), S.requests(), 0, 3, 200, 10), "minInstances"),
                new Bad("max below min replicas", () -> new ServiceShape(S.roles(), S.requests(), 4, 3, 200, 10), "maxInstances"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void rejectsInvalidSettingsNamingTheField(Bad bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.build()::get);
        assertTrue(e.getMessage().contains(bad.messagePart()), e.getMessage());
    }

    @Test
    void forClusterScalesWithTheCluster() {
        MixedWorkload.Settings small = MixedWorkload.Settings.forCluster(100, ClusterShapes.DEFAULT_NODE, 50_000, 0.7);
        assertEquals(ClusterShapes.DEFAULT_NODE.times(100), small.clusterCapacity());
        assertEquals(D.batchJobsPerSecond() / 10, small.batchJobsPerSecond(), 1e-9 * D.batchJobsPerSecond());
        assertEquals(0.15, D.serviceShare());
        assertEquals(200, D.batch().maxTasksPerJob());
    }

    @Test
    void forClusterDropsShapesThatDoNotFitANode() {
        Resources node = Resources.of(2000, 4096);
        MixedWorkload.Settings s = MixedWorkload.Settings.forCluster(10, node, 1000, 0.7);
        assertTrue(s.batch().requests().stream().allMatch(w -> node.fits(w.value())));
        assertTrue(s.services().requests().stream().allMatch(w -> node.fits(w.value())));
        assertEquals(4, s.batch().requests().size());
    }

    @Test
    void loadModelMatchesKnownValues() {
        // Zipf(1, s) is always 1; Zipf(2, 1) is 1 w.p. 2/3 and 2 w.p. 1/3.
        assertEquals(1.0, LoadModel.meanZipf(1, 2), 1e-12);
        assertEquals(4.0 / 3, LoadModel.meanZipf(2, 1), 1e-12);
        // Without clamping in reach, the mean of a log-normal is median * exp(sigma^2 / 2).
        BatchShape wide = new BatchShape(B.roles(), B.requests(), 1_000_000, 1.0, 0, 1, Long.MAX_VALUE / 4, 2, 10, 0, 0, 0);
        assertEquals(1_000_000 * Math.exp(0.5), LoadModel.meanDurationMicros(wide), 1.0);
        // With the clamp collapsed onto the median, every draw is the median.
        BatchShape point = new BatchShape(B.roles(), B.requests(), 1_000_000, 1.0, 0.5, 1_000_000, 1_000_000, 2, 10, 0, 0, 0);
        assertEquals(1_000_000, LoadModel.meanDurationMicros(point), 1e-3);
    }

    @Test
    void batchRateIsZeroWhenServicesTakeTheWholeLoad() {
        assertEquals(0, D.withServiceShare(D.load()).batchJobsPerSecond());
    }
}
