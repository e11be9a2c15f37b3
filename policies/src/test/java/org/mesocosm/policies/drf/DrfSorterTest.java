package org.mesocosm.policies.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.model.Resources;
import org.junit.jupiter.api.Test;

class DrfSorterTest {

    static List<String> order(DrfSorter s) {
        List<String> l = new ArrayList<>();
        s.order().forEach(l::add);
        return l;
    }

    /** The DRF paper's example as progressive filling: give the next task to the lowest dominant share while it fits. */
    @Test
    void paperExampleByProgressiveFilling() {
        Resources total = Resources.of(9000, 18 * 1024);
        Resources a = Resources.of(1000, 4 * 1024), b = Resources.of(3000, 1024);
        DrfSorter s = new DrfSorter();
        s.add("A", 1);
        s.add("B", 1);
        s.setTotal(total);
        Resources used = Resources.ZERO;
        int tasksA = 0, tasksB = 0;
        while (true) {
            String next = null;
            for (String c : s.order()) {
                Resources want = c.equals("A") ? a : b;
                if (total.minus(used).fits(want)) {
                    next = c;
                    break;
                }
            }
            if (next == null) break;
            Resources want = next.equals("A") ? a : b;
            s.allocated(next, want);
            used = used.plus(want);
            if (next.equals("A")) tasksA++;
            else tasksB++;
        }
        assertEquals(3, tasksA);
        assertEquals(2, tasksB);
        assertEquals(2.0 / 3, s.share("A"), 1e-12);
        assertEquals(2.0 / 3, s.share("B"), 1e-12);
    }

    @Test
    void weightsDivideShares() {
        DrfSorter s = new DrfSorter();
        s.add("heavy", 2);
        s.add("light", 1);
        s.setTotal(Resources.of(10_000, 10_000));
        s.allocated("heavy", Resources.of(3000, 0)); // 0.3 / 2 = 0.15
        s.allocated("light", Resources.of(2000, 0)); // 0.2 / 1 = 0.2
        assertEquals(List.of("heavy", "light"), order(s));
        s.allocated("heavy", Resources.of(2000, 0)); // 0.5 / 2 = 0.25
        assertEquals(List.of("light", "heavy"), order(s));
    }

    @Test
    void tiesBreakByNameAndDeallocationReorders() {
        DrfSorter s = new DrfSorter();
        for (String c : List.of("c", "a", "b")) s.add(c, 1);
        s.setTotal(Resources.of(1000, 1000));
        assertEquals(List.of("a", "b", "c"), order(s));
        s.allocated("a", Resources.of(500, 100));
        assertEquals(List.of("b", "c", "a"), order(s));
        s.unallocated("a", Resources.of(500, 100));
        assertEquals(List.of("a", "b", "c"), order(s));
    }

    @Test
    void dominantResourceIsWhicheverShareIsLarger() {
        DrfSorter s = new DrfSorter();
        s.add("x", 1);
        s.setTotal(Resources.of(1000, 4000));
        s.allocated("x", Resources.of(100, 2000));
        assertEquals(0.5, s.share("x"), 1e-12, "memory dominates");
        s.setTotal(Resources.of(1000, 8000));
        assertEquals(0.25, s.share("x"), 1e-12, "shares follow a change of capacity");
    }

    /** Many seeded random sequences of changes: the order is always a full sort by weighted share, then name. */
    @Test
    void orderAlwaysMatchesAFullSort() {
        for (long seed = 1; seed <= 50; seed++) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            DrfSorter s = new DrfSorter();
            int n = 1 + r.nextInt(40);
            long[][] alloc = new long[n][2];
            double[] weight = new double[n];
            Resources total = Resources.of(1000L * (1 + r.nextInt(100)), 1000L * (1 + r.nextInt(100)));
            s.setTotal(total);
            for (int i = 0; i < n; i++) {
                weight[i] = r.nextInt(4) == 0 ? 0.5 + r.nextInt(4) : 1;
                s.add("c" + i, weight[i]);
            }
            for (int step = 0; step < 300; step++) {
                int i = r.nextInt(n);
                if (r.nextInt(50) == 0) {
                    total = Resources.of(1000L * (1 + r.nextInt(100)), 1000L * (1 + r.nextInt(100)));
                    s.setTotal(total);
                } else if (r.nextInt(3) == 0 && alloc[i][0] > 0) {
                    Resources back = Resources.of(r.nextLong(alloc[i][0] + 1), r.nextLong(alloc[i][1] + 1));
                    s.unallocated("c" + i, back);
                    alloc[i][0] -= back.cpuMillis();
                    alloc[i][1] -= back.memMiB();
                } else {
                    Resources more = Resources.of(r.nextInt(2000), r.nextInt(2000));
                    s.allocated("c" + i, more);
                    alloc[i][0] += more.cpuMillis();
                    alloc[i][1] += more.memMiB();
                }
                List<String> want = new ArrayList<>();
                for (int k = 0; k < n; k++) want.add("c" + k);
                Resources t = total;
                java.util.function.ToDoubleFunction<String> key = c -> {
                    int k = Integer.parseInt(c.substring(1));
                    return Resources.of(alloc[k][0], alloc[k][1]).dominantShare(t) / weight[k];
                };
                want.sort(java.util.Comparator.comparingDouble(key).thenComparing(c -> c));
                assertEquals(want, order(s), "seed " + seed + " step " + step);
            }
        }
    }

    @Test
    void misuseIsRejected() {
        DrfSorter s = new DrfSorter();
        s.add("x", 1);
        assertThrows(IllegalArgumentException.class, () -> s.add("x", 1));
        assertThrows(IllegalArgumentException.class, () -> s.add("y", 0));
        assertThrows(IllegalArgumentException.class, () -> s.allocated("nobody", Resources.of(1, 1)));
        assertThrows(IllegalStateException.class, () -> s.unallocated("x", Resources.of(1, 1)));
    }
}
