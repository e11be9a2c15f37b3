package org.mesocosm.spark;

import java.util.ArrayList;
import java.util.List;

/** Checks that a sweep's rows are complete before anything is written: never a silently missing point. */
public final class SweepRows {
    private SweepRows() {}

    /**
     * Returns the rows in task order, or throws {@link IncompleteSweepException} naming every task
     * with no row, or with more than one.
     */
    public static List<SweepRow> inTaskOrder(List<SweepTask> tasks, List<SweepRow> rows) {
        SweepRow[] byIndex = new SweepRow[tasks.size()];
        List<String> problems = new ArrayList<>();
        for (SweepRow r : rows) {
            if (r.index() < 0 || r.index() >= byIndex.length) {
                problems.add("row for unknown task #" + r.index());
            } else if (byIndex[r.index()] != null) {
                problems.add("two rows for " + tasks.get(r.index()).describe());
            } else {
                byIndex[r.index()] = r;
            }
        }
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] == null) problems.add("no row for " + tasks.get(i).describe());
        }
        if (!problems.isEmpty()) throw new IncompleteSweepException(problems);
        return List.of(byIndex);
    }

    /** Some (point, seed) rows are missing or doubled; the message lists them. */
    public static final class IncompleteSweepException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IncompleteSweepException(List<String> problems) {
            super("sweep incomplete, sweep.csv not written: " + String.join("; ", problems));
        }
    }
}
