package org.mesocosm.sim.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampled CPU meter of measured decision time: its arithmetic on fake clocks. */
class CpuMeterTest {

    /** Wall and CPU clocks that move only when told. */
    private static final class Clocks {
        long wall;
        long cpu;

        CpuMeter meter() { return new CpuMeter(() -> wall, () -> cpu); }
    }

    /**
     * Worked by hand (µs): the thread gets half the processor. Segments 100..300 and 1,000..1,200
     * are charged their wall time (ratio 1 before any read): 200 + 200. The read at 1,200 finds
     * 600 of CPU over 1,200 of wall, of which the segments' 400 of wall are the policy's: 200. So
     * 200 were charged ahead, and the ratio is now 0.5. The segment 1,300..1,700 (base 200) pays
     * that back: charged 0. The segment 2,000..2,400 is charged 200; the read at 2,400 finds 600
     * of CPU over 1,200 of wall, 800 of it in segments: 400, as charged. Totals: 600 = 600.
     */
    @Test
    void chargesAreCorrectedToTheCpuApportionedAtEachRead() {
        Clocks c = new Clocks();
        CpuMeter m = c.meter();
        assertEquals(200_000, segment(c, m, 100_000, 300_000, 0));
        assertEquals(200_000, segment(c, m, 1_000_000, 1_200_000, 600_000));
        assertEquals(1, m.reads());
        assertEquals(200_000, m.apportioned(), 1e-6);
        assertEquals(-200_000, m.carried(), 1e-6, "charged ahead");
        assertEquals(0, segment(c, m, 1_300_000, 1_700_000, 800_000), "pays back what was charged ahead, at most its base");
        assertEquals(200_000, segment(c, m, 2_000_000, 2_400_000, 1_200_000));
        assertEquals(2, m.reads());
        assertEquals(600_000, m.apportioned(), 1e-6);
        assertEquals(600_000, m.charged(), 1e-6);
        assertEquals(0, m.carried(), 1e-6);
        assertEquals(1_200_000, m.cpuRead());
    }

    private static long segment(Clocks c, CpuMeter m, long from, long to, long cpuAtEnd) {
        c.wall = from;
        m.start();
        c.wall = to;
        c.cpu = cpuAtEnd;
        return m.end();
    }

    /**
     * Random segments, gaps and CPU rates (seeded; the seed is printed on failure): a charge is
     * never negative nor more than twice its base; after every read, what was charged plus what is
     * still carried equals the share apportioned; and without gaps (the thread runs nothing but
     * policy code) the share is every CPU nanosecond read.
     */
    @Test
    void chargedTotalsEqualTheCpuDeltasRead() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            boolean gaps = seed % 2 == 0;
            Clocks c = new Clocks();
            CpuMeter m = c.meter();
            double rate = 0.2 + 0.8 * rnd.nextDouble();
            long segmentsWall = 0;
            for (int i = 0; i < 2_000; i++) {
                if (rnd.nextInt(50) == 0) rate = 0.2 + 0.8 * rnd.nextDouble(); // the machine's load changes
                if (gaps) {
                    long gap = rnd.nextLong(1, 300_000);
                    c.wall += gap;
                    c.cpu += (long) (gap * rate);
                }
                long readsBefore = m.reads();
                m.start();
                long w = rnd.nextLong(0, 400_000);
                c.wall += w;
                c.cpu += (long) (w * rate);
                segmentsWall += w;
                long charged = m.end();
                String where = "seed " + seed + ", segment " + i;
                assertTrue(charged >= 0, where);
                if (m.reads() > readsBefore) {
                    assertEquals(m.apportioned(), m.charged() + m.carried(), 1e-3, where);
                    if (!gaps) assertEquals(m.cpuRead(), m.apportioned(), 1e-3 * m.reads(), where);
                }
            }
            assertTrue(m.reads() > 100, "seed " + seed + ": reads " + m.reads());
            assertTrue(Math.abs(m.carried()) < 0.05 * m.charged(), "seed " + seed + ": carried " + m.carried() + " of " + m.charged()
                    + " (segments' wall " + segmentsWall + ")");
        }
    }
}
