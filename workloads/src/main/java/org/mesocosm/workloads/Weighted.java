package org.mesocosm.workloads;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.EnumeratedDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.Pair;

/**
 * One row of an empirical table: a value and its relative weight (weights need not sum to 1).
 */
public record Weighted<T>(T value, double weight) {

    public Weighted {
        if (value == null) throw new IllegalArgumentException("weighted value must not be null");
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of " + value + " must be positive and finite: " + weight);
        }
    }

    public static <T> Weighted<T> of(T value, double weight) {
        return new Weighted<>(value, weight);
    }

    /** Copies a table, rejecting an empty one: a table is drawn from, and nothing can be drawn from nothing. */
    static <T> List<Weighted<T>> requireTable(List<Weighted<T>> table, String what) {
        if (table == null || table.isEmpty()) throw new IllegalArgumentException(what + " table must not be empty");
        for (Weighted<T> w : table) {
            if (w == null) throw new IllegalArgumentException(what + " table has a null row");
        }
        return List.copyOf(table);
    }

    static double totalWeight(List<? extends Weighted<?>> table) {
        double sum = 0;
        for (Weighted<?> w : table) sum += w.weight();
        return sum;
    }

    static <T> EnumeratedDistribution<T> distribution(RandomGenerator rng, List<Weighted<T>> table) {
        List<Pair<T, Double>> pmf = new ArrayList<>(table.size());
        for (Weighted<T> w : table) pmf.add(new Pair<>(w.value(), w.weight()));
        return new EnumeratedDistribution<>(rng, pmf);
    }
}
