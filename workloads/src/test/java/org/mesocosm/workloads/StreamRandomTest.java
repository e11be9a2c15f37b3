package org.mesocosm.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamRandomTest {

    @Test
    void everythingDerivesFromNextLong() {
        StreamRandom a = new StreamRandom(new SplittableRandom(11));
        SplittableRandom b = new SplittableRandom(11);
        assertEquals(b.nextLong(), a.nextLong());
        assertEquals((b.nextLong() >>> 11) * 0x1.0p-53, a.nextDouble());
        assertEquals((int) (b.nextLong() >>> 32), a.nextInt());
    }

    @Test
    void boundedIntsAndGaussiansLookRight() {
        StreamRandom r = new StreamRandom(new SplittableRandom(5));
        int[] counts = new int[3];
        double sum = 0;
        double sumSq = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(3)]++;
            double g = r.nextGaussian();
            sum += g;
            sumSq += g * g;
        }
        for (int c : counts) assertEquals(n / 3.0, c, n * 0.01);
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sumSq / n, 0.02);
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void namedStreamsCannotBeReseeded() {
        StreamRandom r = new StreamRandom(new SplittableRandom(1));
        assertThrows(UnsupportedOperationException.class, () -> r.setSeed(1L));
        byte[] bytes = new byte[13];
        r.nextBytes(bytes);
        boolean any = false;
        for (byte x : bytes) any |= x != 0;
        assertTrue(any);
    }
}
