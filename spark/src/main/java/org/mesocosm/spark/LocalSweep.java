package org.mesocosm.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the tasks one after another in this JVM: the reference a Spark run must match byte for
 * byte. (The local engine of `mesocosm sweep` replaces this once it lands on this branch.)
 */
public final class LocalSweep {
    private LocalSweep() {}

    public static List<SweepRow> run(List<SweepTask> tasks, PointRunner runner) throws Exception {
        List<SweepRow> rows = new ArrayList<>(tasks.size());
        for (SweepTask t : tasks) rows.add(runner.run(t));
        return SweepRows.inTaskOrder(tasks, rows);
    }
}
