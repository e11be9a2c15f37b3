package org.mesocosm.runtime.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LongMapTest {

    /** Random puts and removes over a small key range (long probe runs, many wrap-arounds): same answers as a TreeMap. */
    @Test
    void behavesLikeAMapUnderManySeededRandomOperations() {
        for (long seed = 1; seed <= 50; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            LongMap<String> m = new LongMap<>();
            TreeMap<Long, String> ref = new TreeMap<>();
            int range = 1 + r.nextInt(3000);
            for (int step = 0; step < 5000; step++) {
                long k = r.nextInt(range) - range / 2;
                switch (r.nextInt(3)) {
                    case 0 -> {
                        m.put(k, "v" + step);
                        ref.put(k, "v" + step);
                    }
                    case 1 -> assertEquals(ref.remove(k), m.remove(k), "seed " + seed + " remove " + k);
                    default -> assertEquals(ref.get(k), m.get(k), "seed " + seed + " get " + k);
                }
                assertEquals(ref.size(), m.size(), "seed " + seed);
            }
            List<String> values = new ArrayList<>();
            m.forEachValue(values::add);
            values.sort(null);
            List<String> want = new ArrayList<>(ref.values());
            want.sort(null);
            assertEquals(want, values, "seed " + seed);
        }
    }
}
