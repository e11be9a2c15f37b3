package org.mesocosm.cli.experiments;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.mesocosm.reports.stats.Estimate;

/** Estimates as JSON: mean, 95% CI bounds, n and unit; an unknown value is null, never 0. */
final class EstimateJson {
    private EstimateJson() {}

    static ObjectNode of(Estimate e, Metric m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (e == null) {
            o.putNull("mean");
            o.putNull("ci95_low");
            o.putNull("ci95_high");
            o.put("n", 0);
        } else {
            number(o, "mean", e.mean());
            number(o, "ci95_low", e.ciLow());
            number(o, "ci95_high", e.ciHigh());
            o.put("n", e.n());
        }
        if (!m.unit().isEmpty()) o.put("unit", m.unit());
        return o;
    }

    /** Every metric with an estimate, keyed by metric key, in the metrics' order. */
    static ObjectNode all(Map<Metric, Estimate> est) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Metric m : Metric.values()) if (est.containsKey(m)) o.set(m.key(), of(est.get(m), m));
        return o;
    }

    static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v == 0 ? 0.0 : v); // no -0.0
        else o.putNull(key);
    }
}
