package org.mesocosm.runtime.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters of a policy as typed on the command line: {@code drf:refuse=5s,interval=1s}. */
public final class PolicyParams {

    /** A documented parameter: name, default (as typed) and what it means. */
    public record Param(String name, String defaultValue, String description) {}

    private final String policy;
    private final Map<String, String> values;

    private PolicyParams(String policy, Map<String, String> values) {
        this.policy = policy;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses {@code name[:k=v,k=v]}. A piece without '=' continues the list value of the parameter
     * before it: {@code mesos:frameworks=marathon,jobs,k8s} gives {@code frameworks=marathon,jobs,k8s}.
     */
    public static PolicyParams parse(String spec) {
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).trim();
        Map<String, String> values = new LinkedHashMap<>();
        if (colon >= 0 && colon < spec.length() - 1) {
            String last = null;
            for (String kv : spec.substring(colon + 1).split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0 && last != null && !kv.isBlank()) { // a list value that went on past a comma
                    values.put(last, values.get(last) + "," + kv.trim());
                    continue;
                }
                if (eq <= 0) throw new IllegalArgumentException("policy '" + name + "': parameter '" + kv + "' is not key=value");
                String k = kv.substring(0, eq).trim();
                if (values.put(k, kv.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("policy '" + name + "': parameter '" + k + "' given twice");
                }
                last = k;
            }
        }
        return new PolicyParams(name, values);
    }

    public static PolicyParams of(String policy, Map<String, String> values) {
        return new PolicyParams(policy, new LinkedHashMap<>(values));
    }

    public String policy() { return policy; }

    public Map<String, String> values() { return values; }

    /** Rejects parameters the provider does not declare, naming the valid ones. */
    public void checkAgainst(List<Param> declared) {
        for (String k : values.keySet()) {
            if (declared.stream().noneMatch(p -> p.name().equals(k))) {
                String valid = declared.isEmpty() ? "none" : String.join(", ", declared.stream().map(Param::name).toList());
                throw new IllegalArgumentException("policy '" + policy + "': unknown parameter '" + k + "' (valid: " + valid + ")");
            }
        }
    }

    public String string(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    public double number(String key, double dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        try {
            return Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v) / (v.endsWith("%") ? 100.0 : 1.0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("policy '" + policy + "': parameter '" + key + "' is not a number: " + v);
        }
    }

    public int integer(String key, int dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("policy '" + policy + "': parameter '" + key + "' is not an integer: " + v);
        }
    }

    /** A duration such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or plain seconds. */
    public long micros(String key, long dflt) {
        String v = values.get(key);
        if (v == null) return dflt;
        try {
            return Durations.parseMicros(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy '" + policy + "': parameter '" + key + "': " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        if (values.isEmpty()) return policy;
        StringBuilder b = new StringBuilder(policy).append(':');
        values.forEach((k, v) -> b.append(k).append('=').append(v).append(','));
        return b.substring(0, b.length() - 1);
    }
}
