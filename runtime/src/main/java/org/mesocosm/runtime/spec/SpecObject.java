package org.mesocosm.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One JSON/YAML object of a spec, read field by field with its path, so that every error names
 * the field at fault. Fields nobody asked for are errors too ({@link #finish}): a typo such as
 * {@code cpu} for {@code cpus} must not be silently ignored.
 */
final class SpecObject {
    private final JsonNode node;
    private final String path;
    private final Set<String> allowed;

    SpecObject(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) throw new SpecError(path, "must be an object" + found(node));
        this.node = node;
        this.path = path;
        this.allowed = allowed;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    private JsonNode get(String key) {
        if (!allowed.contains(key)) throw new IllegalStateException("field " + key + " not declared");
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    String string(String key, String dflt) {
        JsonNode v = get(key);
        if (v == null) return dflt;
        if (!v.isTextual()) throw new SpecError(path(key), "must be a string" + found(v));
        return v.textValue();
    }

    String requiredString(String key) {
        String s = string(key, null);
        if (s == null) throw new SpecError(path(key), "is required");
        return s;
    }

    String name(String key, String dflt, Pattern pattern, String rule) {
        String s = string(key, dflt);
        if (s != null && !pattern.matcher(s).matches()) throw new SpecError(path(key), "'" + s + "' is not a valid name: " + rule);
        return s;
    }

    long integer(String key, long dflt, long min, long max) {
        JsonNode v = get(key);
        if (v == null) return dflt;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new SpecError(path(key), "must be a whole number" + found(v));
        long x = v.longValue();
        if (x < min) throw new SpecError(path(key), "must be " + (min == 1 ? "> 0" : ">= " + min) + ", got " + x);
        if (x > max) throw new SpecError(path(key), "must be at most " + max + ", got " + x);
        return x;
    }

    /** A number, or null when absent. */
    BigDecimal decimal(String key) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (!v.isNumber()) throw new SpecError(path(key), "must be a number" + found(v));
        return v.decimalValue();
    }

    JsonNode raw(String key) {
        return get(key);
    }

    SpecObject object(String key, Set<String> fields) {
        JsonNode v = get(key);
        return v == null ? null : new SpecObject(v, path(key), fields);
    }

    /** A map of names to scalar values (numbers and booleans are taken as their text). */
    Map<String, String> stringMap(String key, Pattern keyPattern, String keyRule) {
        JsonNode v = get(key);
        Map<String, String> m = new LinkedHashMap<>();
        if (v == null) return m;
        if (!v.isObject()) throw new SpecError(path(key), "must be an object of names to values" + found(v));
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path(key) + "." + e.getKey();
            if (keyPattern != null && !keyPattern.matcher(e.getKey()).matches()) throw new SpecError(p, "invalid name: " + keyRule);
            JsonNode x = e.getValue();
            if (!x.isValueNode() || x.isNull()) throw new SpecError(p, "must be a string, number or boolean" + found(x));
            m.put(e.getKey(), x.asText());
        }
        return m;
    }

    List<String> stringList(String key) {
        JsonNode v = get(key);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (!v.isArray()) throw new SpecError(path(key), "must be a list of strings" + found(v));
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw new SpecError(path(key) + "[" + i + "]", "must be a string" + found(v.get(i)));
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** Rejects a field that is present but not meant for this kind of job. */
    void forbid(String key, String why) {
        if (has(key)) throw new SpecError(path(key), why);
    }

    /** Rejects any field this object does not declare. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new SpecError(path(k), "unknown field (valid: " + String.join(", ", allowed) + ")");
            }
        }
    }

    static String found(JsonNode v) {
        if (v == null) return "";
        String kind = v.isTextual() ? "a string" : v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : v.isArray() ? "a list"
                : v.isObject() ? "an object" : "null";
        return ", got " + kind;
    }
}
