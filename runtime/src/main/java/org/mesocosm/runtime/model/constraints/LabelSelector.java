package org.mesocosm.runtime.model.constraints;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Selects tasks by their labels (a Kubernetes LabelSelector). Every condition must hold. An empty
 * selector matches every task, as in Kubernetes.
 *
 * @param matchLabels labels that must be present with these values (kept sorted, so that
 *                    anything derived from the selector is the same in every JVM)
 * @param expressions set-based requirements
 */
public record LabelSelector(SortedMap<String, String> matchLabels, List<Requirement> expressions) {

    /** A set-based requirement on one label. */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            if (key == null || key.isBlank()) throw new IllegalArgumentException("label selector requirement: key must not be blank");
            if (operator == null) throw new IllegalArgumentException("label selector requirement '" + key + "': operator missing");
            values = values == null ? List.of() : List.copyOf(values);
            boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
            if (needsValues == values.isEmpty()) {
                throw new IllegalArgumentException("label selector '" + key + "' " + operator + (needsValues ? " needs values" : " takes no values"));
            }
        }

        public boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case IN -> v != null && values.contains(v);
                case NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
            };
        }
    }

    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    public static final LabelSelector EVERYTHING = new LabelSelector(new TreeMap<>(), List.of());

    public LabelSelector {
        matchLabels = Collections.unmodifiableSortedMap(new TreeMap<>(matchLabels == null ? Map.of() : matchLabels));
        expressions = expressions == null ? List.of() : List.copyOf(expressions);
    }

    /** Tasks whose labels include all of these. */
    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(new TreeMap<>(matchLabels), List.of());
    }

    public static LabelSelector of(String key, String value) {
        return of(Map.of(key, value));
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        }
        for (Requirement r : expressions) if (!r.matches(labels)) return false;
        return true;
    }
}
