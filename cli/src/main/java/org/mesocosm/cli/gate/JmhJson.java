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
        double batch = batchSize(n, mode, where + " (" + name + ")");
        JmhResult.Adjacent ref = null;
        JsonNode a = n.get(JmhResult.REFERENCE_FIELD);
        JsonNode share = usableShare(m.get("rawData"), n.path("secondaryMetrics").path(JmhResult.CPU_SHARE_METRIC).get("rawData"));
        JsonNode refShare = a == null ? null : usableShare(a.get("rawData"), a.get(JmhResult.CPU_SHARE_FIELD));
        if (a != null && (share == null) != (refShare == null)) {
            share = null; // a benchmark and its reference are compared in the same clock or not at all
            refShare = null;
        }
        if (a != null) {
            String at = where + " (" + name + ") " + JmhResult.REFERENCE_FIELD;
            JsonNode refScore = a.get("score");
            if (refScore == null || !refScore.isNumber()) throw new GateInputException(at + ": field 'score' is not a number");
            String refMode = text(a, "mode", at);
            double refBatch = batchSize(a, refMode, at);
            double[] refForks = forkBests(a.get("rawData"), refShare, refMode, refScore.asDouble() / refBatch, refBatch, at);
            ref = new JmhResult.Adjacent(refMode, best(refForks, refMode), refForks, refShare != null, text(a, "scoreUnit", at));
        }
        double[] forks = forkBests(m.get("rawData"), share, mode, score.asDouble() / batch, batch, where + " (" + name + ")");
        return new JmhResult(new BenchKey(name, params), mode, score.asDouble() / batch,
                error != null && error.isNumber() ? error.asDouble() / batch : Double.NaN,
                best(forks, mode), forks, share != null, unit, ref, n);
    }

    /** The CPU shares, when there is one positive number for every iteration of every fork; else null (wall clock only). */
    private static JsonNode usableShare(JsonNode raw, JsonNode share) {
        if (raw == null || share == null || !raw.isArray() || !share.isArray() || raw.size() != share.size()) return null;
        for (int f = 0; f < raw.size(); f++) {
            JsonNode a = raw.get(f), b = share.get(f);
            if (!a.isArray() || !b.isArray() || a.size() != b.size()) return null;
            for (JsonNode v : b) {
                if (!v.isNumber() || !(v.asDouble() > 0)) return null;
            }
        }
        return share;
    }

    /** JMH reports a single-shot score per batch of calls; every other mode per call already. */
    private static double batchSize(JsonNode n, String mode, String where) {
        if (!mode.equals("ss")) return 1;
        JsonNode b = n.get("measurementBatchSize");
        if (b == null) return 1;
        if (!b.isNumber() || b.asDouble() < 1) throw new GateInputException(where + ": field 'measurementBatchSize' is not a positive number");
        return b.asDouble();
    }

    /**
     * The best iteration of each fork in JMH's rawData (forks of iterations), per call: the most
     * ops/time, or the least time/op; with CPU shares, each iteration's cost is first scaled to
     * the time the JVM actually ran. Without rawData, the score stands for one fork.
     */
    static double[] forkBests(JsonNode raw, JsonNode share, String mode, double score, double batch, String where) {
        if (raw == null || !raw.isArray() || raw.isEmpty()) return new double[] {score};
        boolean higherIsBetter = mode.equals("thrpt");
        double[] bests = new double[raw.size()];
        for (int f = 0; f < raw.size(); f++) {
            JsonNode fork = raw.get(f);
            if (!fork.isArray() || fork.isEmpty()) throw new GateInputException(where + ": rawData is not an array of non-empty arrays");
            double best = Double.NaN;
            for (int i = 0; i < fork.size(); i++) {
                JsonNode v = fork.get(i);
                if (!v.isNumber()) throw new GateInputException(where + ": rawData holds a non-number: " + v);
                double x = v.asDouble() / batch;
                if (share != null) {
                    double cpu = share.get(f).get(i).asDouble();
                    x = higherIsBetter ? x / cpu : x * cpu;
                }
                if (Double.isNaN(best) || (higherIsBetter ? x > best : x < best)) best = x;
            }
            bests[f] = best;
        }
        return bests;
    }

    static double best(double[] forkBests, String mode) {
        double best = forkBests[0];
        for (double x : forkBests) best = mode.equals("thrpt") ? Math.max(best, x) : Math.min(best, x);
        return best;
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new GateInputException(where + ": missing field '" + field + "'");
        return v.asText();
    }

    /** Writes results as one JMH JSON array, keeping each result's original JSON. */
    public static void write(Path file, List<JmhResult> results) throws IOException {
        writeNodes(file, results.stream().map(JmhResult::json).toList());
    }

    /** Writes JMH result objects as one JMH JSON array. */
    public static void writeNodes(Path file, List<? extends JsonNode> results) throws IOException {
        ArrayNode arr = MAPPER.createArrayNode();
        for (JsonNode r : results) arr.add(r);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), arr);
    }
}
