package org.mesocosm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.cli.experiments.Grid;

/** Task order, defaults and the completeness check: no Spark needed. */
class SweepPlanTest {
    private static final SweepPlan.Defaults DEFAULTS = new SweepPlan.Defaults("drf", "mixed", 1000);

    @Test
    void tasksFollowGridOrderFirstKeySlowestThenSeeds() {
        List<SweepTask> tasks = SweepPlan.tasks(Grid.parse("nodes=500,1000;load=0.5,0.9"), DEFAULTS, SweepPlan.seeds(2, 7), 1);
        List<String> got = new ArrayList<>();
        for (SweepTask t : tasks) got.add(t.nodes() + "/" + t.effectiveLoad() + "/" + t.seed() + "/" + t.index());
        assertEquals(List.of("500/0.5/7/0", "500/0.5/8/1", "500/0.9/7/2", "500/0.9/8/3",
                "1000/0.5/7/4", "1000/0.5/8/5", "1000/0.9/7/6", "1000/0.9/8/7"), got);
    }

    @Test
    void unsweptKeysTakeTheDefaultsAndTheWorkloadsOwnLoad() {
        SweepTask t = SweepPlan.tasks(Grid.parse("nodes=50"), DEFAULTS, SweepPlan.seeds(1, 1), 1).get(0);
        assertEquals("#0 (policy=drf workload=mixed nodes=50 load=0.7 seed=1)", t.describe());
        assertTrue(Double.isNaN(t.load()));
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.tasks(Grid.parse("nodes=10;load=0.5,12"), DEFAULTS, SweepPlan.seeds(1, 1), 1));
        assertEquals("grid key 'load': '12' is not a number in (0, 10]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.seeds(0, 1));
    }

    @Test
    void missingOrDoubledRowsAreNamed() {
        List<SweepTask> tasks = SweepPlan.tasks(Grid.parse("nodes=10,20"), DEFAULTS, SweepPlan.seeds(2, 1), 1);
        List<SweepRow> rows = List.of(row(0), row(1), row(1), row(3));
        SweepRows.IncompleteSweepException e = assertThrows(SweepRows.IncompleteSweepException.class,
                () -> SweepRows.inTaskOrder(tasks, rows));
        assertEquals("sweep incomplete, sweep.csv not written: two rows for #1 (policy=drf workload=mixed nodes=10 load=0.7 seed=2); "
                + "no row for #2 (policy=drf workload=mixed nodes=20 load=0.7 seed=1)", e.getMessage());
        assertEquals(List.of(row(0), row(1), row(2), row(3)), SweepRows.inTaskOrder(tasks, List.of(row(3), row(1), row(2), row(0))));
    }

    private static SweepRow row(int i) {
        return new SweepRow(i, List.of((double) i), "d" + i);
    }
}
