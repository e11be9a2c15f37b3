package org.mesocosm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Joins the JMH results of one benchmark measured in separate JMH runs (one fork each, so that
 * the reference could run between them) into the result JMH would have written for one run of
 * that many forks: rawData holds one array per fork, in order, and the summary statistics are
 * recomputed over all iterations with JMH's own statistics.
 */
final class ForkMerge {

    private static final double[] PERCENTILES = {0, 50, 90, 95, 99, 99.9, 99.99, 99.999, 99.9999, 100};

    private ForkMerge() {}

    static ObjectNode merge(List<JsonNode> forks) {
        if (forks.isEmpty()) throw new IllegalArgumentException("no forks to merge");
        ObjectNode merged = forks.get(0).deepCopy();
        ArrayNode raw = JsonNodeFactory.instance.arrayNode();
        ArrayNode share = JsonNodeFactory.instance.arrayNode();
        List<Double> all = new ArrayList<>();
        for (JsonNode f : forks) {
            if (!f.path("benchmark").equals(merged.path("benchmark")) || !f.path("params").equals(merged.path("params"))) {
                throw new IllegalArgumentException("cannot merge " + f.path("benchmark") + " into " + merged.path("benchmark"));
            }
            for (JsonNode fork : f.path("primaryMetric").path("rawData")) {
                raw.add(fork);
                for (JsonNode v : fork) all.add(v.asDouble());
            }
            for (JsonNode fork : f.path("secondaryMetrics").path(CpuShareProfiler.METRIC).path("rawData")) share.add(fork);
        }
        merged.put("forks", raw.size());
        ObjectNode metric = (ObjectNode) merged.get("primaryMetric");
        ListStatistics s = new ListStatistics(all.stream().mapToDouble(Double::doubleValue).toArray());
        metric.put("score", s.getMean());
        metric.put("scoreError", s.getMeanErrorAt(0.999));
        double[] ci = s.getConfidenceIntervalAt(0.999);
        metric.set("scoreConfidence", JsonNodeFactory.instance.arrayNode().add(ci[0]).add(ci[1]));
        ObjectNode pct = JsonNodeFactory.instance.objectNode();
        for (double p : PERCENTILES) pct.put(label(p), s.getPercentile(p));
        metric.set("scorePercentiles", pct);
        metric.set("rawData", raw);
        // Of the per-fork secondary metrics only the CPU share is kept, fork for fork (only it is used by the gate).
        ObjectNode secondary = JsonNodeFactory.instance.objectNode();
        if (share.size() == raw.size()) {
            ListStatistics ss = new ListStatistics();
            for (JsonNode fork : share) {
                for (JsonNode v : fork) ss.addValue(v.asDouble());
            }
            secondary.putObject(CpuShareProfiler.METRIC).put("score", ss.getMean()).put("scoreError", ss.getMeanErrorAt(0.999))
                    .put("scoreUnit", "cpu/wall").set("rawData", share);
        }
        merged.set("secondaryMetrics", secondary);
        return merged;
    }

    /** JMH's own spelling of percentile keys, e.g. "99.9000". */
    private static String label(double p) {
        return String.format(Locale.ROOT, "%.4f", p);
    }
}
