package org.mesocosm.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The agent books the devices the master chose and refuses a launch whose devices are not free here. */
class GpuDeviceLedgerTest {
    @Test
    void refusesDevicesThatAreNotFreeOrDoNotExist() {
        GpuDeviceLedger l = new GpuDeviceLedger(2);
        l.take("a", new int[] {0}, 600);
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> l.take("b", new int[] {0}, 500));
        assertTrue(busy.getMessage().contains("device 0 has 400 milli free"), busy.getMessage());
        assertThrows(IllegalStateException.class, () -> l.take("c", new int[] {0, 1}, 1000), "whole devices must be fully free");
        assertEquals(1000, l.free(1), "a refused launch books nothing");
        assertThrows(IllegalStateException.class, () -> l.take("d", new int[] {2}, 100), "no device 2");
        assertThrows(IllegalStateException.class, () -> l.take("e", new int[] {1, 1}, 100), "one device twice");
        l.take("b", new int[] {0}, 400);
        assertEquals(0, l.free(0));
        l.release("a");
        l.release("b");
        assertEquals(1000, l.free(0), "releases give back exactly what was taken");
    }
}
