package org.mesocosm.runtime.model.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GpuDevicesTest {
    @Test
    void sharesGoToTheFullestFittingDeviceAndWholeGpusToFreeOnes() {
        GpuDevices d = new GpuDevices(3, "T4");
        GpuDemand share = new GpuDemand(1, 400, List.of());
        d.take(d.choose(share), 400);
        assertArrayEquals(new int[] {0}, d.choose(share), "stacks on device 0 (600 free)");
        d.take(new int[] {0}, 400);
        assertArrayEquals(new int[] {1}, d.choose(share), "device 0 has 200 left: next fitting one");
        assertArrayEquals(new int[] {1, 2}, d.choose(new GpuDemand(2, 1000, List.of())));
        assertNull(d.choose(new GpuDemand(3, 1000, List.of())), "device 0 is not fully free");
        assertEquals(2, d.fullyFree());
        assertFalse(d.fits(new GpuDemand(1, 100, List.of("V100M16"))), "wrong model");
        assertTrue(d.fits(GpuDemand.NONE));
    }

    @Test
    void takingWhatIsNotFreeChangesNothingAndReleaseGivesBackExactly() {
        GpuDevices d = new GpuDevices(2, "");
        d.take(new int[] {1}, 700);
        assertThrows(IllegalStateException.class, () -> d.take(new int[] {0, 1}, 1000));
        assertEquals(1000, d.freeMilli(0), "a refused take books nothing");
        assertThrows(IllegalStateException.class, () -> d.take(new int[] {2}, 1));
        assertThrows(IllegalStateException.class, () -> d.take(new int[] {0, 0}, 500));
        d.release(new int[] {1}, 700);
        assertEquals(1000, d.freeMilli(1));
        assertEquals(2, d.fullyFree());
        assertThrows(IllegalStateException.class, () -> d.release(new int[] {1}, 1), "releasing what was not taken");
    }
}
