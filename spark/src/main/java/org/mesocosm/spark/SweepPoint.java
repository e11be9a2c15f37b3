package org.mesocosm.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** One point of a grid: a value for each swept parameter, in grid order. */
public record SweepPoint(List<String> names, List<String> values) implements Serializable {

    public SweepPoint {
        names = new ArrayList<>(names);   // ArrayList: serializable on every JDK, unlike some List.of forms
        values = new ArrayList<>(values);
        if (names.size() != values.size()) throw new IllegalArgumentException("names and values differ in length");
    }

    /** The value of {@code name}, or {@code fallback} when the grid does not sweep it. */
    public String get(String name, String fallback) {
        int i = names.indexOf(name);
        return i < 0 ? fallback : values.get(i);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) b.append(' ');
            b.append(names.get(i)).append('=').append(values.get(i));
        }
        return b.toString();
    }
}
