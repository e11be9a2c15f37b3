package org.mesocosm.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only view of {@code summary.json} with formatting helpers. A missing key, a JSON null or
 * a value of the wrong type reads as "n/a" (or NaN): a report is still useful when a writer is
 * older or newer than this reader. Keys this class does not know are kept and listed apart.
 */
final class Summary {
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // NaN for "no data", e.g. no task placed
            .build();

    /** The keys the report shows in its headline or its own tables; anything else is an extra field. */
    static final Set<String> KNOWN_KEYS = Set.of(
            "policy", "workload", "seed", "nodes",
            "tasks_submitted", "tasks_finished", "tasks_failed", "tasks_killed", "tasks_lost",
            "tasks_discontinued", "tasks_unscheduled", "tasks_pending_at_end", "tasks_running_at_end",
            "jobs_submitted", "jobs_completed", "sim_time_s", "cpu_utilization", "mem_utilization",
            "sched_latency_ms", "job_completion_s", "fairness_jain", "preemptions", "events",
            "event_log_sha256", "wall_s", "events_per_s", "decision_time",
            // issue 17: shown in the headline's scheduler section
            "busyness", "busyness_wasted", "job_wait_first_s", "job_wait_full_s", "attempts_per_job", "jobs_abandoned",
            // issue 17: their own tables (SchedulerTables)
            "schedulers", "lanes", "policy_metrics");

    private final JsonNode root;

    Summary(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a run summary must be a JSON object, got: "
                    + (root == null ? "null" : root.getNodeType()));
        }
        this.root = root;
    }

    static Summary read(Path file) throws IOException {
        RunFiles.requireFile(file);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
            throw new RunFileException(file, line, null, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new RunFileException(file, 0, null, "expected a JSON object at the top level");
        }
        return new Summary(root);
    }

    static Summary of(Map<String, ?> map) {
        return new Summary(JSON.valueToTree(map));
    }

    JsonNode root() {
        return root;
    }

    /** A number, or NaN when missing or not a number. */
    double value(String key) {
        return numberOf(root.get(key));
    }

    /** A number inside a nested object, e.g. {@code value("sched_latency_ms", "p99")}. */
    double value(String key, String sub) {
        JsonNode n = root.get(key);
        return n != null && n.isObject() ? numberOf(n.get(sub)) : Double.NaN;
    }

    /** A value as text, or "n/a". */
    String text(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return Fmt.NA;
        }
        String s = n.asText();
        return s.isEmpty() ? Fmt.NA : s;
    }

    String count(String key) {
        return Fmt.count(value(key));
    }

    String number(String key) {
        return Fmt.number(value(key));
    }

    String number(String key, String sub) {
        return Fmt.number(value(key, sub));
    }

    String percent(String key) {
        return Fmt.percent(value(key));
    }

    /** {@code key} as a share of {@code whole}: "98.8%", or empty when either is missing or whole is 0. */
    String shareOf(String key, String whole) {
        double part = value(key);
        double all = value(whole);
        return Double.isFinite(part) && Double.isFinite(all) && all > 0 ? Fmt.percent(part / all) : "";
    }

    /** Top-level keys the report does not know, in file order. */
    List<Map.Entry<String, JsonNode>> extraFields() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KNOWN_KEYS.contains(e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }

    private static double numberOf(JsonNode n) {
        return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
    }
}
