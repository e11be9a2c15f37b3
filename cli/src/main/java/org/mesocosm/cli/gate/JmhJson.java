package org.mesocosm.cli.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads and writes JMH's JSON result format (an array of one object per benchmark and parameter set). */
public final class JmhJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JmhJson() {}

    /** Reads every result; a problem is one line naming the file and, where it applies, the entry and field. */
    public static List<JmhResult> read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new GateInputException(file + ": no such file");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new GateInputException(file + ": not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GateInputException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isArray()) throw new GateInputException(file + ": not a JMH result file (expected a JSON array of results)");
        List<JmhResult> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) out.add(result(file, i, root.get(i)));
        return out;
    }

    private static JmhResult result(Path file, int index, JsonNode n) {
        String where = file + ": result " + (index + 1);
        String name = text(n, "benchmark", where);
        String mode = text(n, "mode", where);
        Map<String, String> params = new TreeMap<>();
        JsonNode p = n.get("params");
        if (p != null && p.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode m = n.get("primaryMetric");
        if (m == null || !m.isObject()) throw new GateInputException(where + " (" + name + "): missing field 'primaryMetric'");
        JsonNode score = m.get("score");
        if (score == null || !score.isNumber()) throw new GateInputException(where + " (" + name + "): field 'primaryMetric.score' is not a number");
        JsonNode error = m.get("scoreError");
        String unit = text(m, "scoreUnit", where + " (" + name + ") primaryMetric");
        JmhResult.Adjacent ref = null;
        JsonNode a = n.get(JmhResult.REFERENCE_FIELD);
        if (a != null) {
            String at = where + " (" + name + ") " + JmhResult.REFERENCE_FIELD;
            JsonNode refScore = a.get("score");
            if (refScore == null || !refScore.isNumber()) throw new GateInputException(at + ": field 'score' is not a number");
            String refMode = text(a, "mode", at);
            ref = new JmhResult.Adjacent(refMode, best(a.get("rawData"), refMode, refScore.asDouble(), at), text(a, "scoreUnit", at));
        }
        return new JmhResult(new BenchKey(name, params), mode, score.asDouble(),
                error != null && error.isNumber() ? error.asDouble() : Double.NaN,
                best(m.get("rawData"), mode, score.asDouble(), where + " (" + name + ")"), unit, ref, n);
    }

    /** The best iteration in JMH's rawData (forks of iterations): the most ops/time, or the least time/op. */
    static double best(JsonNode raw, String mode, double score, String where) {
        if (raw == null || !raw.isArray()) return score;
        boolean higherIsBetter = mode.equals("thrpt");
        double best = Double.NaN;
        for (JsonNode fork : raw) {
            if (!fork.isArray()) throw new GateInputException(where + ": rawData is not an array of arrays");
            for (JsonNode v : fork) {
                if (!v.isNumber()) throw new GateInputException(where + ": rawData holds a non-number: " + v);
                double x = v.asDouble();
                if (Double.isNaN(best) || (higherIsBetter ? x > best : x < best)) best = x;
            }
        }
        return Double.isNaN(best) ? score : best;
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new GateInputException(where + ": missing field '" + field + "'");
        return v.asText();
    }

    /** Writes results as one JMH JSON array, keeping each result's original JSON. */
    public static void write(Path file, List<JmhResult> results) throws IOException {
        ArrayNode arr = MAPPER.createArrayNode();
        for (JmhResult r : results) arr.add(r.json());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), arr);
    }
}
