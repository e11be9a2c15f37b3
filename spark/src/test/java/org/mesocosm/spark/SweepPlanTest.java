package org.mesocosm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grid parsing, task order and the completeness check: no Spark needed. */
class SweepPlanTest {

    @Test
    void tasksFollowGridOrderLastParameterFastestThenSeeds() {
        List<SweepTask> tasks = SweepTask.plan(SweepGrid.parse("policy=drf,k8s; nodes=500,1000"), 2);
        List<String> got = new ArrayList<>();
        for (SweepTask t : tasks) got.add(t.describe());
        assertEquals(List.of(
                "#0 (policy=drf nodes=500 seed=1)", "#1 (policy=drf nodes=500 seed=2)",
                "#2 (policy=drf nodes=1000 seed=1)", "#3 (policy=drf nodes=1000 seed=2)",
                "#4 (policy=k8s nodes=500 seed=1)", "#5 (policy=k8s nodes=500 seed=2)",
                "#6 (policy=k8s nodes=1000 seed=1)", "#7 (policy=k8s nodes=1000 seed=2)"), got);
    }

    @Test
    void malformedGridsNameThePartAtFault() {
        assertMessage("nodes=1,,2", "--grid part 1 ('nodes=1,,2'): empty value");
        assertMessage("nodes=1;load", "--grid part 2 ('load'): expected name=value");
        assertMessage("nodes=1;nodes=2", "--grid part 2 ('nodes=2'): parameter 'nodes' given twice");
        assertMessage("speed=3", "--grid part 1 ('speed=3'): unknown parameter 'speed'");
        assertThrows(IllegalArgumentException.class, () -> SweepTask.plan(SweepGrid.parse("nodes=1"), 0));
    }

    @Test
    void badValuesAreFoundPerPoint() {
        SweepParameters.Defaults d = SweepParameters.Defaults.standard();
        SweepTask t = SweepTask.plan(SweepGrid.parse("nodes=10;load=0.5,12"), 1).get(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepParameters.of(t, d));
        assertTrue(e.getMessage().startsWith("point #1 (nodes=10 load=12 seed=1): load must be in (0, 10]"), e.getMessage());
    }

    @Test
    void missingOrDoubledRowsAreNamed() {
        List<SweepTask> tasks = SweepTask.plan(SweepGrid.parse("nodes=10,20"), 2);
        List<SweepRow> rows = List.of(row(0), row(1), row(1), row(3));
        SweepRows.IncompleteSweepException e = assertThrows(SweepRows.IncompleteSweepException.class,
                () -> SweepRows.inTaskOrder(tasks, rows));
        assertEquals("sweep incomplete, sweep.csv not written: two rows for #1 (nodes=10 seed=2); no row for #2 (nodes=20 seed=1)",
                e.getMessage());
        assertEquals(List.of(row(0), row(1), row(2), row(3)), SweepRows.inTaskOrder(tasks, List.of(row(3), row(1), row(2), row(0))));
    }

    private static SweepRow row(int i) {
        return new SweepRow(i, List.of(String.valueOf(i)));
    }

    private static void assertMessage(String grid, String prefix) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepGrid.parse(grid));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
