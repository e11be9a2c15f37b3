package org.mesocosm.cli.load;

import java.util.HashMap;
import java.util.Map;

/** The master's {@code /metrics} page read back: series (name with labels, as written) to value. */
final class MasterMetrics {
    private final Map<String, Double> values = new HashMap<>();

    MasterMetrics(String text) {
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int sp = line.lastIndexOf(' ');
            if (sp <= 0) continue;
            try {
                values.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            } catch (NumberFormatException e) {
                // not a sample line: skip
            }
        }
    }

    /** The value of a series, e.g. {@code mesocosm_tasks{state="RUNNING"}}; 0 when absent. */
    long get(String series) {
        Double v = values.get(series);
        return v == null ? 0 : Math.round(v);
    }

    boolean has(String series) { return values.containsKey(series); }

    long tasks(String state) { return get("mesocosm_tasks{state=\"" + state + "\"}"); }

    /** Task attempts not yet ended. */
    long tasksActive() { return tasks("PENDING") + tasks("STAGING") + tasks("RUNNING"); }
}
