package org.mesocosm.runtime.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Marathon-style placement constraint, written {@code FIELD:OPERATOR[:VALUE]}. FIELD is an agent
 * attribute, or {@code hostname} (also {@code @hostname}) for the agent itself. Operators, as in
 * Marathon:
 * <ul>
 *   <li>{@code UNIQUE}: no two instances on the same value ({@code hostname:UNIQUE}: one per agent);</li>
 *   <li>{@code CLUSTER:v}: only on agents whose FIELD is v; {@code CLUSTER} alone: all on the value
 *       of the first instance placed;</li>
 *   <li>{@code GROUP_BY[:n]}: spread evenly over the values of FIELD; an agent is accepted if its value has
 *       no instance yet, or if at least n values are in use and its value has the fewest instances. Without n,
 *       n is the number of distinct values among the agents that are up (Marathon, not knowing the cluster,
 *       uses 0, which does not spread);</li>
 *   <li>{@code MAX_PER:n}: at most n instances per value;</li>
 *   <li>{@code LIKE:regex} / {@code UNLIKE:regex}: the value must (must not) match the whole regex.</li>
 * </ul>
 * An agent without the attribute is rejected by every operator but UNLIKE. Instances are those of
 * the same task group of the same job (a Marathon app) that are active (staging or running).
 */
public final class PlacementConstraint {

    public enum Operator { UNIQUE, CLUSTER, GROUP_BY, MAX_PER, LIKE, UNLIKE }

    private final String field;
    private final Operator operator;
    private final String value;
    private final int number;
    private final Pattern pattern;

    private PlacementConstraint(String field, Operator operator, String value, int number, Pattern pattern) {
        this.field = field;
        this.operator = operator;
        this.value = value;
        this.number = number;
        this.pattern = pattern;
    }

    /** Parses {@code FIELD:OPERATOR[:VALUE]}; the error names the constraint and what is wrong. */
    public static PlacementConstraint parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty constraint");
        String[] p = spec.split(":", 3);
        String field = p[0].trim();
        if (field.isEmpty() || p.length < 2) {
            throw new IllegalArgumentException("'" + spec + "' is not FIELD:OPERATOR[:VALUE] (e.g. hostname:UNIQUE, rack:CLUSTER:r1)");
        }
        if (field.equals("@hostname")) field = "hostname";
        Operator op;
        try {
            op = Operator.valueOf(p[1].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + spec + "': unknown operator '" + p[1] + "' (valid: UNIQUE, CLUSTER, GROUP_BY, MAX_PER, LIKE, UNLIKE)");
        }
        String value = p.length == 3 ? p[2].trim() : null;
        if (value != null && value.isEmpty()) value = null;
        switch (op) {
            case UNIQUE:
                if (value != null) throw new IllegalArgumentException("'" + spec + "': UNIQUE takes no value");
                return new PlacementConstraint(field, op, null, 0, null);
            case CLUSTER:
                return new PlacementConstraint(field, op, value, 0, null);
            case GROUP_BY:
                return new PlacementConstraint(field, op, value, value == null ? 0 : positive(spec, value), null);
            case MAX_PER:
                if (value == null) throw new IllegalArgumentException("'" + spec + "': MAX_PER needs a number, e.g. rack:MAX_PER:2");
                return new PlacementConstraint(field, op, value, positive(spec, value), null);
            default:
                if (value == null) throw new IllegalArgumentException("'" + spec + "': " + op + " needs a regular expression");
                try {
                    return new PlacementConstraint(field, op, value, 0, Pattern.compile(value));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("'" + spec + "': bad regular expression: " + e.getDescription());
                }
        }
    }

    private static int positive(String spec, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("'" + spec + "': '" + v + "' is not a positive integer");
    }

    public String field() { return field; }

    public Operator operator() { return operator; }

    /** CLUSTER's value, or the regex of LIKE/UNLIKE; null when absent. */
    public String value() { return value; }

    /** MAX_PER's n, or GROUP_BY's n (0 when not given). */
    public int number() { return number; }

    /** True for LIKE/UNLIKE when {@code attributeValue} (null when the agent lacks it) is acceptable. */
    public boolean matchesPattern(String attributeValue) {
        boolean m = attributeValue != null && pattern.matcher(attributeValue).matches();
        return operator == Operator.LIKE ? m : !m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlacementConstraint c && c.field.equals(field) && c.operator == operator && Objects.equals(c.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, operator, value);
    }

    @Override
    public String toString() {
        return field + ":" + operator + (value == null ? "" : ":" + value);
    }
}
