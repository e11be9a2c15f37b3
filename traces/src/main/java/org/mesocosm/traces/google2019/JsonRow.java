package org.mesocosm.traces.google2019;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.traces.io.RowException;

/**
 * One JSON-lines row of the 2019 trace, flattened: scalar fields by name, nested objects as
 * {@code parent.child} ({@code resource_request.cpus}). The one array the replay reads,
 * {@code constraint} (objects of name, value, relation), is kept as {@link #constraints()}; other
 * arrays are skipped. BigQuery
 * exports 64-bit integers as strings, so numbers are accepted either way.
 */
final class JsonRow {
    private static final JsonFactory JSON = new JsonFactory();
    private final Map<String, String> values = new TreeMap<>();
    private final List<String[]> constraints = new ArrayList<>();

    void parse(byte[] buf, int start, int end) throws RowException {
        values.clear();
        constraints.clear();
        try (JsonParser p = JSON.createParser(buf, start, end - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new RowException("row", "not a JSON object", "");
            object(p, "");
            if (p.nextToken() != null) throw new RowException("row", "text after the JSON object", "");
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
            throw new RowException("row", "malformed JSON", msg);
        }
    }

    private void object(JsonParser p, String prefix) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t == null) throw new IOException("unexpected end of row");
            String name = prefix + p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT) object(p, name + ".");
            else if (v == JsonToken.START_ARRAY && name.equals("constraint")) constraintArray(p);
            else if (v == JsonToken.START_ARRAY) p.skipChildren();
            else if (v != JsonToken.VALUE_NULL) values.put(name, p.getText());
        }
    }

    /** {@code constraint: [{name, value, relation}, ...]}; a missing member is kept as null. */
    private void constraintArray(JsonParser p) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) throw new IOException("unexpected end of row");
            if (t != JsonToken.START_OBJECT) throw new IOException("constraint: element is not an object");
            String[] c = new String[3];
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                if (f == null) throw new IOException("unexpected end of row");
                String member = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String text = v == JsonToken.VALUE_NULL ? null : p.getText();
                switch (member) {
                    case "name" -> c[0] = text;
                    case "value" -> c[1] = text;
                    case "relation" -> c[2] = text;
                    default -> { }
                }
            }
            constraints.add(c);
        }
    }

    /** The row's machine constraints as {name, value, relation}, in order; empty when none. */
    List<String[]> constraints() {
        return constraints;
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    long longValue(String field) throws RowException {
        String v = values.get(field);
        if (v == null) throw new RowException(field, "missing", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new RowException(field, "not an integer", "'" + v + "'");
        }
    }

    long longOr(String field, long dflt) throws RowException {
        return values.containsKey(field) ? longValue(field) : dflt;
    }

    /** A non-negative number, or -1 when absent or null. */
    double amount(String field) throws RowException {
        String v = values.get(field);
        if (v == null) return -1;
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0 && d <= 1e6)) throw new RowException(field, "out of range [0, 1e6]", v);
            return d;
        } catch (NumberFormatException e) {
            throw new RowException(field, "not a number", "'" + v + "'");
        }
    }

    String string(String field) {
        return values.get(field);
    }
}
