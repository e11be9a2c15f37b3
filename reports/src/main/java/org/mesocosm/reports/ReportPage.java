package org.mesocosm.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Lays out {@code report.html}: headline table, scheduler tables, figures with captions, extra summary fields. */
final class ReportPage {
    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: #222; background: #fff; margin: 0; line-height: 1.45; }
            main { max-width: 1000px; margin: 0 auto; padding: 1.5em 1.2em 3em; }
            h1 { font-size: 1.6em; margin: 0 0 .2em; }
            h2 { font-size: 1.25em; margin: 1.8em 0 .6em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
            .sub { color: #555; margin: 0 0 1em; }
            table { border-collapse: collapse; width: 100%; font-size: .95em; }
            th, td { text-align: left; padding: .28em .6em; border-bottom: 1px solid #eee; vertical-align: top; }
            th.section { background: #f4f6f8; font-weight: 600; padding-top: .5em; }
            td.value { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .note { color: #666; font-size: .9em; }
            code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; word-break: break-all; }
            figure { margin: 1.2em 0 2em; }
            figure img { max-width: 100%; height: auto; border: 1px solid #e5e5e5; }
            figcaption { font-size: .92em; color: #333; margin-top: .4em; }
            .skipped { color: #666; font-style: italic; }
            footer { margin-top: 3em; color: #777; font-size: .85em; }
            """;

    private final StringBuilder out = new StringBuilder(32_768);

    private ReportPage() {
    }

    static String render(Summary s, Timeline timeline, TaskDistributions tasks, List<Figure> figures) {
        ReportPage p = new ReportPage();
        p.head(s);
        p.headline(s);
        SchedulerTables.schedulers(s, p.out);
        SchedulerTables.policyMetrics(s, p.out);
        p.figures(figures);
        p.extras(s);
        p.footer(timeline, tasks);
        return p.out.toString();
    }

    private void head(Summary s) {
        String title = "Mesocosm run report: " + s.text("policy") + " on " + s.text("workload");
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.esc(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>Mesocosm run report</h1>\n")
                .append("<p class=\"sub\">Policy <strong>").append(Html.esc(s.text("policy")))
                .append("</strong> on workload <strong>").append(Html.esc(s.text("workload")))
                .append("</strong>, seed ").append(Html.esc(s.text("seed")))
                .append(", ").append(Html.esc(s.count("nodes"))).append(" nodes, ")
                .append(Html.esc(hours(s.value("sim_time_s")))).append(" of simulated time.</p>\n");
    }

    private void headline(Summary s) {
        out.append("<h2>Headline</h2>\n<p>As written by the simulator in summary.json; "
                + "times are simulated time except where marked wall or real.</p>\n<table class=\"headline\">\n");
        section("Run");
        row("Policy", s.text("policy"), "scheduling policy under test");
        row("Workload", s.text("workload"), "workload or trace replayed");
        row("Seed", s.text("seed"), "seed of all random streams");
        row("Nodes", s.count("nodes"), "agents in the simulated cluster");
        row("Simulated time", s.count("sim_time_s") + " s", hours(s.value("sim_time_s")));
        row("Decision time", s.text("decision_time"), decisionTimeNote(s));
        scheduler(s);
        section("Tasks");
        row("Submitted", s.count("tasks_submitted"), "");
        share(s, "Finished", "tasks_finished", "ran to completion");
        share(s, "Failed", "tasks_failed", "exited with an error");
        share(s, "Killed", "tasks_killed", "killed, e.g. preempted or by request");
        share(s, "Lost", "tasks_lost", "their agent was lost");
        share(s, "Discontinued", "tasks_discontinued", "pipeline tasks whose dependency failed for good");
        share(s, "Unscheduled", "tasks_unscheduled", "could not fit any node");
        share(s, "Pending at end", "tasks_pending_at_end", "still waiting when the run stopped");
        share(s, "Running at end", "tasks_running_at_end", "still running when the run stopped");
        section("Jobs");
        row("Submitted", s.count("jobs_submitted"), "");
        row("Completed", s.count("jobs_completed"), share(s, "jobs_completed", "jobs_submitted"));
        section("Utilization");
        row("CPU", s.percent("cpu_utilization"), "time-weighted allocated CPU / capacity");
        row("Memory", s.percent("mem_utilization"), "time-weighted allocated memory / capacity");
        section("Scheduling latency (task ready \u2192 placed)");
        for (String q : List.of("p50", "p95", "p99", "max", "mean")) {
            row(q, s.number("sched_latency_ms", q) + " ms", "");
        }
        section("Job completion time");
        row("p50", s.number("job_completion_s", "p50") + " s", "");
        row("p95", s.number("job_completion_s", "p95") + " s", "");
        section("Fairness and preemption");
        row("Fairness (Jain)", Fmt.fixed(s.value("fairness_jain"), 3),
                "Jain's index of the roles' dominant shares: 1 = equal, 1/n = one role has all");
        row("Preemptions", s.count("preemptions"), "tasks evicted for higher-priority work");
        section("Simulator performance");
        row("Events", s.count("events"), "discrete events processed");
        row("Wall time", s.number("wall_s") + " s", "real time the run took");
        row("Events per second", s.count("events_per_s"), "events / wall time");
        out.append("<tr><td>Event log SHA-256</td><td colspan=\"2\"><code>")
                .append(Html.esc(s.text("event_log_sha256")))
                .append("</code><br><span class=\"note\">same seed, config and input give the same digest")
                .append("</span></td></tr>\n</table>\n");
    }

    private void figures(List<Figure> figures) {
        out.append("<h2>Charts</h2>\n");
        int n = 0;
        for (Figure f : figures) {
            n++;
            if (f instanceof Figure.Drawn d) {
                out.append("<figure id=\"fig").append(n).append("\" data-chart=\"").append(Html.esc(d.file()))
                        .append("\">\n<img src=\"").append(Charts.pngDataUri(d.chart()))
                        .append("\" width=\"").append(d.chart().getWidth()).append("\" height=\"").append(d.chart().getHeight())
                        .append("\" alt=\"").append(Html.esc(d.alt())).append("\">\n<figcaption><strong>Figure ")
                        .append(n).append(". ").append(Html.esc(d.heading())).append(".</strong> ")
                        .append(Html.esc(d.caption())).append("</figcaption>\n</figure>\n");
            } else if (f instanceof Figure.Skipped k) {
                out.append("<figure id=\"fig").append(n).append("\">\n<p class=\"skipped\"><strong>Figure ")
                        .append(n).append(". ").append(Html.esc(k.heading())).append(":</strong> not drawn. ")
                        .append(Html.esc(k.reason())).append("</p>\n</figure>\n");
            } else {
                throw new IllegalStateException("unknown figure type: " + f);
            }
        }
    }

    private void extras(Summary s) {
        List<Map.Entry<String, JsonNode>> extra = s.extraFields();
        if (extra.isEmpty()) {
            return;
        }
        out.append("<h2>Other fields in summary.json</h2>\n<table>\n");
        for (Map.Entry<String, JsonNode> e : extra) {
            out.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td><code>")
                    .append(Html.esc(json(e.getValue()))).append("</code></td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void footer(Timeline timeline, TaskDistributions tasks) {
        out.append("<footer>Generated by mesocosm-reports from summary.json, timeline.csv (")
                .append(Fmt.count(timeline.samples())).append(" samples) and tasks.csv (")
                .append(Fmt.count(tasks.rows())).append(" task attempts, ").append(Fmt.count(tasks.jobs()))
                .append(" jobs) in this directory. The charts are embedded in this page.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
    }

    /** What the run's decision-time mode means; speaks only of the mode in effect. */
    private static String decisionTimeNote(Summary s) {
        return switch (s.text("decision_time")) {
            case "model" -> "policy time charged to the virtual clock: " + s.text("decision_time_spec")
                    + " (t_job per job plus t_task per task of each attempt; work waits while the scheduler is busy)";
            case "measured" -> "policy time charged to the virtual clock: the policy's thread CPU time on this machine; "
                    + "event_log_sha256 is not reproducible";
            default -> "policy time charged to the virtual clock: zero, decisions take no simulated time";
        };
    }

    /** Issue 17: the scheduler's busyness and how long jobs waited for it (only in runs that have them). */
    private void scheduler(Summary s) {
        if (!s.root().has("busyness")) return;
        section("Scheduler (decision time)");
        row("Busyness", Fmt.percent(s.value("busyness")), "fraction of simulated time spent deciding (several schedulers: their mean)");
        row("Busyness wasted", Fmt.percent(s.value("busyness_wasted")), "of it, on attempts that placed nothing");
        row("Job wait, first task", s.number("job_wait_first_s", "mean") + " s mean, " + s.number("job_wait_first_s", "p90") + " s p90",
                "first task reaches the scheduler -> first task placed (n " + s.number("job_wait_first_s", "n") + ")");
        row("Job wait, fully placed", s.number("job_wait_full_s", "mean") + " s mean, " + s.number("job_wait_full_s", "p90") + " s p90",
                "-> every task it had then placed (n " + s.number("job_wait_full_s", "n") + ")");
        row("Attempts per job", s.number("attempts_per_job", "p90") + " p90, " + s.number("attempts_per_job", "p99") + " p99",
                "scheduling attempts that considered the job until it was fully placed or abandoned");
        row("Jobs abandoned", s.count("jobs_abandoned"), "given up after max-attempts (never under decision time zero)");
        lanes(s);
    }

    /** A policy with several schedulers (lanes): one row each, from summary.json's {@code schedulers}. */
    private void lanes(Summary s) {
        JsonNode all = s.root().get("schedulers");
        if (!s.root().has("lanes") || all == null || !all.isObject()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Summary lane = new Summary(e.getValue());
            row("Scheduler " + e.getKey(), "busy " + lane.percent("busyness") + " (wasted " + lane.percent("busyness_wasted") + ")",
                    "job wait to first task " + lane.number("job_wait_first_s", "mean") + " s mean (n " + lane.number("job_wait_first_s", "n")
                            + "), attempts p99 " + lane.number("attempts_per_job", "p99") + ", abandoned " + lane.count("jobs_abandoned"));
        }
    }

    private void section(String title) {
        out.append("<tr><th class=\"section\" colspan=\"3\">").append(Html.esc(title)).append("</th></tr>\n");
    }

    private void row(String label, String value, String note) {
        out.append("<tr><td>").append(Html.esc(label)).append("</td><td class=\"value\">")
                .append(Html.esc(value)).append("</td><td class=\"note\">").append(Html.esc(note))
                .append("</td></tr>\n");
    }

    /** A task-count row with its share of submitted tasks in the note. */
    private void share(Summary s, String label, String key, String meaning) {
        String pct = s.shareOf(key, "tasks_submitted");
        row(label, s.count(key), pct.isEmpty() ? meaning : pct + " of submitted; " + meaning);
    }

    private static String share(Summary s, String key, String whole) {
        String pct = s.shareOf(key, whole);
        return pct.isEmpty() ? "" : pct + " of submitted";
    }

    private static String hours(double seconds) {
        return Double.isFinite(seconds) ? Fmt.fixed(seconds / 3600.0, 2) + " h" : Fmt.NA;
    }

    private static String json(JsonNode node) {
        try {
            return node.isValueNode() ? node.asText() : Summary.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
