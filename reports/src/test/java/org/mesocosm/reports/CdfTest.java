package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CdfTest {

    @Test
    void smallInputKeepsEverySample() {
        Cdf cdf = Cdf.of(new double[] {0, 1, 1, 5}, 2_000);
        assertArrayEquals(new double[] {0, 1, 1, 5}, cdf.x());
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0}, cdf.p());
        assertEquals(4, cdf.n());
    }

    @Test
    void largeInputIsThinnedButKeepsEndsAndTail() {
        Random rnd = new Random(1);
        double[] v = new double[250_000];
        Arrays.setAll(v, i -> Math.exp(rnd.nextGaussian()));
        Arrays.sort(v);

        Cdf cdf = Cdf.of(v, Cdf.MAX_POINTS);

        assertTrue(cdf.points() <= Cdf.MAX_POINTS, "points: " + cdf.points());
        assertTrue(cdf.points() > Cdf.MAX_POINTS * 9 / 10, "points: " + cdf.points());
        assertEquals(v[0], cdf.x()[0]);
        assertEquals(v[v.length - 1], cdf.x()[cdf.points() - 1]);
        assertEquals(1.0, cdf.p()[cdf.points() - 1]);
        long inTail = Arrays.stream(cdf.p()).filter(p -> p > 0.99).count();
        assertTrue(inTail >= Cdf.MAX_POINTS / 5, "tail points: " + inTail);
        for (int i = 1; i < cdf.points(); i++) {
            assertTrue(cdf.x()[i] >= cdf.x()[i - 1] && cdf.p()[i] > cdf.p()[i - 1]);
        }
    }

    @Test
    void emptyInputGivesEmptyCdf() {
        assertEquals(0, Cdf.of(new double[0], 2_000).points());
    }
}
