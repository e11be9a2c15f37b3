package org.mesocosm.runtime.model.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class GpuDemandTest {
    record Bad(long gpus, long milli, String model, String field) { }

    static Stream<Bad> bad() {
        return Stream.of(new Bad(-1, 0, null, "gpus"), new Bad(65, 1000, null, "gpus"), new Bad(1, 1001, null, "gpu_milli"),
                new Bad(1, -5, null, "gpu_milli"), new Bad(2, 500, null, "gpus"), new Bad(0, 300, null, "gpu_milli"),
                new Bad(0, 0, "T4", "gpu_model"), new Bad(1, 500, "T4||V100", "gpu_model"), new Bad(1, 500, "T 4", "gpu_model"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badValuesNameTheirField(Bad b) {
        GpuDemand.InvalidGpuField e = assertThrows(GpuDemand.InvalidGpuField.class, () -> GpuDemand.of(b.gpus(), b.milli(), b.model()));
        assertEquals(b.field(), e.field(), e.getMessage());
    }

    @Test
    void sharingWholeAndNone() {
        GpuDemand s = GpuDemand.of(1, 460, "V100M16|V100M32");
        assertTrue(s.sharing());
        assertFalse(s.whole());
        assertEquals(460, s.totalMilli());
        assertEquals(List.of("V100M16", "V100M32"), s.models());
        assertTrue(s.acceptsModel("V100M32"));
        assertFalse(s.acceptsModel("T4"));
        GpuDemand w = GpuDemand.of(4, 0, null); // gpu_milli 0 with gpus > 0: whole devices
        assertTrue(w.whole());
        assertEquals(4000, w.totalMilli());
        assertTrue(w.acceptsModel("anything"));
        assertTrue(GpuDemand.of(0, 0, "").none());
    }
}
