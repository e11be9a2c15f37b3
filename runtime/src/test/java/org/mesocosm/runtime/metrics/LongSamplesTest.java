package org.mesocosm.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Spilling sorted runs to disk gives exactly the answers of sorting everything in memory. */
class LongSamplesTest {
    static final double[] QS = {0, 0.001, 0.25, 0.5, 0.95, 0.99, 0.999, 1};

    @Test
    void emptyIsZero() {
        LongSamples s = new LongSamples(4);
        assertEquals(0, s.percentile(0.5));
        assertEquals(0, s.max());
        assertEquals(0, s.mean());
    }

    @Test
    void spilledSamplesAgreeWithAPlainSortOnRandomData() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int runLength = 1 + r.nextInt(300);
            int n = r.nextInt(3_000);
            LongSamples spilled = new LongSamples(runLength);
            LongSamples memory = new LongSamples(Integer.MAX_VALUE);
            long[] all = new long[n];
            for (int i = 0; i < n; i++) {
                // latencies: mostly small, ties, a long tail, the odd negative to check signed order
                long v = r.nextInt(10) == 0 ? r.nextLong(1L << 40) : r.nextInt(5) == 0 ? -r.nextInt(100) : r.nextInt(50);
                all[i] = v;
                spilled.add(v);
                memory.add(v);
                if (r.nextInt(500) == 0) assertEquals(memory.percentile(0.5), spilled.percentile(0.5), "seed " + seed + " mid-way");
            }
            Arrays.sort(all);
            String where = "seed " + seed + ", n " + n + ", run length " + runLength;
            for (double q : QS) assertEquals(memory.percentile(q), spilled.percentile(q), where + ", q " + q);
            assertEquals(memory.max(), spilled.max(), where);
            assertEquals(memory.mean(), spilled.mean(), 0.0, where + ": the same sum in the same order");
            assertEquals(n, spilled.size(), where);
            if (n > 0) assertEquals(all[n - 1], spilled.max(), where);
            if (n > 0) assertEquals(all[(int) Math.ceil(0.95 * n) - 1], spilled.percentile(0.95), where);
            if (n > 2 * runLength) assertTrue(spilled.spilled() > 0, where);
            assertEquals(0, memory.spilled());
        }
    }

    @Test
    void aRunLongerThanOneReadBufferIsReadWhole() {
        LongSamples s = new LongSamples(20_000); // 160 KB per run: more than one 64 KB read
        for (int i = 50_000; i > 0; i--) s.add(i);
        assertEquals(40_000, s.spilled());
        assertEquals(1, s.percentile(0));
        assertEquals(25_000, s.percentile(0.5));
        assertEquals(49_999, s.percentile(0.99998));
        assertEquals(50_000, s.max());
        assertEquals(25_000.5, s.mean(), 1e-9);
    }
}
