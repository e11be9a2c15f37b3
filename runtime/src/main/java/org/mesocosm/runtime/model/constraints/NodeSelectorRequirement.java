package org.mesocosm.runtime.model.constraints;

import java.util.List;
import java.util.Map;

/**
 * One requirement on an agent attribute, as in a Kubernetes node selector term.
 *
 * @param key attribute name (e.g. {@code zone}, {@code rack}, {@code hostname})
 * @param operator how the attribute is compared with {@code values}
 * @param values for In/NotIn one or more values; for Gt/Lt exactly one integer; none otherwise
 */
public record NodeSelectorRequirement(String key, Operator operator, List<String> values) {

    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GT, LT }

    public NodeSelectorRequirement {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("node selector requirement: key must not be blank");
        if (operator == null) throw new IllegalArgumentException("node selector requirement '" + key + "': operator missing");
        values = values == null ? List.of() : List.copyOf(values);
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) throw new IllegalArgumentException("'" + key + "' " + operator + " needs at least one value");
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) throw new IllegalArgumentException("'" + key + "' " + operator + " takes no values");
            }
            case GT, LT -> {
                if (values.size() != 1) throw new IllegalArgumentException("'" + key + "' " + operator + " needs exactly one value");
                parse(values.get(0), key);
            }
        }
    }

    public static NodeSelectorRequirement in(String key, String... values) {
        return new NodeSelectorRequirement(key, Operator.IN, List.of(values));
    }

    public static NodeSelectorRequirement notIn(String key, String... values) {
        return new NodeSelectorRequirement(key, Operator.NOT_IN, List.of(values));
    }

    public static NodeSelectorRequirement exists(String key) {
        return new NodeSelectorRequirement(key, Operator.EXISTS, List.of());
    }

    public static NodeSelectorRequirement doesNotExist(String key) {
        return new NodeSelectorRequirement(key, Operator.DOES_NOT_EXIST, List.of());
    }

    public static NodeSelectorRequirement gt(String key, long v) {
        return new NodeSelectorRequirement(key, Operator.GT, List.of(Long.toString(v)));
    }

    public static NodeSelectorRequirement lt(String key, long v) {
        return new NodeSelectorRequirement(key, Operator.LT, List.of(Long.toString(v)));
    }

    /**
     * Kubernetes semantics: NotIn and DoesNotExist match an agent without the attribute; Gt and
     * Lt compare integers and fail when the attribute is missing or not an integer.
     */
    public boolean matches(Map<String, String> attributes) {
        String v = attributes.get(key);
        switch (operator) {
            case IN: return v != null && values.contains(v);
            case NOT_IN: return v == null || !values.contains(v);
            case EXISTS: return v != null;
            case DOES_NOT_EXIST: return v == null;
            default:
                if (v == null) return false;
                long have;
                try {
                    have = Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    return false;
                }
                long want = Long.parseLong(values.get(0).trim());
                return operator == Operator.GT ? have > want : have < want;
        }
    }

    private static long parse(String v, String key) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' Gt/Lt value is not an integer: " + v);
        }
    }
}
