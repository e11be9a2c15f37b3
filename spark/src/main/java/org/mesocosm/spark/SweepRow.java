package org.mesocosm.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The sweep.csv row of one task, cells already formatted. */
public record SweepRow(int index, List<String> cells) implements Serializable {
    public SweepRow {
        cells = new ArrayList<>(cells);
    }
}
