package org.mesocosm.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** One simulation of a sweep: a grid point and a seed, with its row number in sweep.csv. */
public record SweepTask(int index, SweepPoint point, long seed) implements Serializable {

    /** Every point of {@code grid} with seeds 1..{@code seeds}: point order, then seed order. */
    public static List<SweepTask> plan(SweepGrid grid, int seeds) {
        if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        List<SweepTask> tasks = new ArrayList<>();
        for (SweepPoint p : grid.points()) {
            for (long s = 1; s <= seeds; s++) tasks.add(new SweepTask(tasks.size(), p, s));
        }
        return tasks;
    }

    /** How the task is named in progress lines and errors. */
    public String describe() {
        String p = point.toString();
        return "#" + index + " (" + (p.isEmpty() ? "" : p + " ") + "seed=" + seed + ")";
    }
}
