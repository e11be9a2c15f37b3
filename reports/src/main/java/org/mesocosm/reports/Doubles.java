package org.mesocosm.reports;

import java.util.Arrays;

/** A growable array of primitive doubles: no boxing for 100k-row columns. */
final class Doubles {
    private double[] values = new double[256];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
