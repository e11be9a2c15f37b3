package org.mesocosm.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one simulation sends back to the driver: its task's index, every experiment metric in
 * {@code Metric} order, and the event-log digest.
 */
public record SweepRow(int index, List<Double> metrics, String digest) implements Serializable {
    public SweepRow {
        metrics = new ArrayList<>(metrics); // ArrayList: plainly serializable
    }
}
