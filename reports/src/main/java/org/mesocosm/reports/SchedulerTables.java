package org.mesocosm.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The two tables of {@code report.html} for issue 17's keys of summary.json: {@code schedulers} (one row per scheduler,
 * or per lane of a policy with several, with {@code lanes} saying how many) and {@code policy_metrics} (what the policy
 * counts about itself). A value that is an estimate ({@code mean}, {@code ci95_low}, {@code ci95_high}, {@code n}, as
 * the experiment commands write) is shown with its interval; a plain number is one run's; a missing one is "n/a".
 */
final class SchedulerTables {
    /** One column of the schedulers table: its heading, and how a scheduler's entry fills it. */
    private record Column(String heading, String key, java.util.function.Function<JsonNode, String> cell) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("Busy", "busyness", e -> estimate(e.get("busyness"), SchedulerTables::share)),
            new Column("Useful", "busyness_useful", e -> estimate(e.get("busyness_useful"), SchedulerTables::share)),
            new Column("Wasted", "busyness_wasted", e -> estimate(e.get("busyness_wasted"), SchedulerTables::share)),
            new Column("Decisions", "decisions", e -> estimate(e.get("decisions"), Fmt::count)),
            new Column("Wait to first task", "job_wait_first_s", e -> wait(e.get("job_wait_first_s"))),
            new Column("Wait to fully placed", "job_wait_full_s", e -> wait(e.get("job_wait_full_s"))),
            new Column("Attempts p99", "attempts_per_job", e -> sub(e.get("attempts_per_job"), "p99", Fmt::number)),
            new Column("Abandoned", "jobs_abandoned", e -> estimate(e.get("jobs_abandoned"), Fmt::count)),
            new Column("Commits failed", "commits_failed", e -> estimate(e.get("commits_failed"), Fmt::count)));

    private SchedulerTables() {
    }

    /** The schedulers table, or nothing when the summary has no {@code schedulers} object. */
    static void schedulers(Summary s, StringBuilder out) {
        JsonNode all = s.root().get("schedulers");
        if (all == null || !all.isObject() || all.isEmpty()) return;
        List<Column> shown = new ArrayList<>();
        for (Column c : COLUMNS) if (anyHas(all, c.key())) shown.add(c); // e.g. commits_failed: lanes only
        out.append("<h2 id=\"schedulers\">Schedulers</h2>\n<p>").append(Html.esc(lanesNote(s))).append(" Busy: fraction of ")
                .append("simulated time spent deciding, useful + wasted (wasted: on attempts that placed nothing). Waits: ")
                .append("mean, p90 in simulated seconds, and n jobs. One run gives one value per cell; a cell with [low, high] ")
                .append("is a mean with its 95% interval over n seeds.</p>\n<table class=\"schedulers\">\n<tr><th>Scheduler</th>");
        for (Column c : shown) out.append("<th>").append(Html.esc(c.heading())).append("</th>");
        out.append("</tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.append("<tr><td>").append(Html.esc(e.getKey())).append("</td>");
            for (Column c : shown) {
                String v = e.getValue().isObject() ? c.cell().apply(e.getValue()) : Fmt.NA;
                out.append("<td class=\"value\">").append(Html.esc(v)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    /** The policy's own counters, or nothing when the summary has no {@code policy_metrics} object. */
    static void policyMetrics(Summary s, StringBuilder out) {
        JsonNode all = s.root().get("policy_metrics");
        if (all == null || !all.isObject()) return;
        out.append("<h2 id=\"policy-metrics\">Policy metrics</h2>\n<p>What the policy counts about itself at the end of the run ")
                .append("(the numbers of the live <code>/metrics</code> page).</p>\n");
        if (all.isEmpty()) {
            out.append("<p class=\"note\">This policy counts nothing about itself.</p>\n");
            return;
        }
        out.append("<table class=\"policy-metrics\">\n<tr><th>Metric</th><th>Value</th></tr>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.append("<tr><td><code>").append(Html.esc(e.getKey())).append("</code></td><td class=\"value\">")
                    .append(Html.esc(estimate(e.getValue(), SchedulerTables::metric))).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static String lanesNote(Summary s) {
        double lanes = s.value("lanes");
        return Double.isFinite(lanes)
                ? Fmt.count(lanes) + " schedulers deciding in parallel (lanes); the headline's figures are the run's."
                : "One scheduler: the policy itself.";
    }

    private static boolean anyHas(JsonNode all, String key) {
        for (JsonNode e : all) if (e.isObject() && e.has(key)) return true;
        return false;
    }

    /** A wait object: "M s mean, P s p90 (n N)", each part an estimate where it is one. */
    private static String wait(JsonNode w) {
        if (w == null || !w.isObject()) return Fmt.NA;
        return sub(w, "mean", Fmt::number) + " s mean, " + sub(w, "p90", Fmt::number) + " s p90 (n " + sub(w, "n", Fmt::count) + ")";
    }

    private static String sub(JsonNode n, String key, DoubleFunction<String> fmt) {
        return n != null && n.isObject() ? estimate(n.get(key), fmt) : Fmt.NA;
    }

    /** A number, or an estimate object as "mean [low, high] (n N)", or "n/a". */
    static String estimate(JsonNode n, DoubleFunction<String> fmt) {
        if (n == null || n.isNull()) return Fmt.NA;
        if (n.isNumber()) return fmt.apply(n.doubleValue());
        if (n.isObject() && n.has("mean")) {
            String mean = fmt.apply(numberOf(n.get("mean")));
            double lo = numberOf(n.get("ci95_low"));
            double hi = numberOf(n.get("ci95_high"));
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) return mean;
            return mean + " [" + fmt.apply(lo) + ", " + fmt.apply(hi) + "] (n " + Fmt.count(numberOf(n.get("n"))) + ")";
        }
        return n.isValueNode() ? n.asText() : Fmt.NA;
    }

    /** A fraction as a percentage; one under 0.1% keeps its digits (a scheduler busy 0.02% of the time is not idle). */
    private static String share(double v) {
        return Double.isFinite(v) && v != 0 && Math.abs(v) < 0.001 ? Fmt.number(v * 100) + "%" : Fmt.percent(v);
    }

    /** A counter reads as a whole number, a gauge as a measurement. */
    private static String metric(double v) {
        return Double.isFinite(v) && v == Math.rint(v) ? Fmt.count(v) : Fmt.number(v);
    }

    private static double numberOf(JsonNode n) {
        return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
    }
}
