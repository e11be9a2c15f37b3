package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17's summary keys schedulers, lanes and policy_metrics get tables of their own in report.html, not "Other fields". */
class SchedulerTablesTest {
    @TempDir
    Path dir;

    private static Map<String, Object> lane(Object busyness, double useful, double wasted, long decisions, double waitMean, int n, int commitsFailed) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("busyness", busyness);
        l.put("busyness_useful", useful);
        l.put("busyness_wasted", wasted);
        l.put("decisions", decisions);
        l.put("job_wait_first_s", Map.of("mean", waitMean, "p90", waitMean * 2, "n", n));
        l.put("job_wait_full_s", Map.of("mean", waitMean * 3, "p90", waitMean * 4, "n", n));
        l.put("attempts_per_job", Map.of("p90", 1, "p99", 3, "n", n));
        l.put("jobs_abandoned", 0);
        l.put("commits_failed", commitsFailed);
        return l;
    }

    private String report(SyntheticRun run) throws IOException {
        run.writeTo(dir);
        String html = Files.readString(RunReport.write(dir));
        RunReportTest.assertWellFormed(html);
        return html;
    }

    @Test
    void lanesAndPolicyMetricsRenderAsTablesNotOtherFields() throws IOException {
        Map<String, Object> schedulers = new LinkedHashMap<>();
        schedulers.put("service", lane(0.5, 0.4, 0.1, 1_234, 12.5, 4, 7));
        schedulers.put("batch", lane(0.000225, 0.000225, 0.0, 90, 0.25, 40, 0));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("mesocosm_omega_service_transactions_total", 1_234);
        metrics.put("mesocosm_omega_service_conflicts_total", 7);
        metrics.put("mesocosm_some_gauge", 0.125);
        String html = report(new SyntheticRun().summary("decision_time", "model").summary("busyness", 0.35).summary("lanes", 2)
                .summary("schedulers", schedulers).summary("policy_metrics", metrics));

        assertFalse(html.contains("Other fields in summary.json"), "no key of issue 17 left raw");
        assertTrue(html.contains("<h2 id=\"schedulers\">Schedulers</h2>"), "schedulers table");
        assertTrue(html.contains("2 schedulers deciding in parallel (lanes)"), "lanes said");
        assertTrue(html.contains("<th>Commits failed</th>"), "lanes have commits_failed");
        assertTrue(html.contains("<tr><td>service</td><td class=\"value\">50.0%</td><td class=\"value\">40.0%</td>"
                + "<td class=\"value\">10.0%</td><td class=\"value\">1,234</td><td class=\"value\">12.5 s mean, 25 s p90 (n 4)</td>"
                + "<td class=\"value\">37.5 s mean, 50 s p90 (n 4)</td><td class=\"value\">3</td><td class=\"value\">0</td>"
                + "<td class=\"value\">7</td></tr>"), "service row:\n" + html);
        assertTrue(html.contains("<tr><td>batch</td><td class=\"value\">0.0225%</td>"), "a small busyness is not rounded to 0.0%");
        assertTrue(html.indexOf("<tr><td>service</td>") < html.indexOf("<tr><td>batch</td>"), "in the policy's order");
        assertTrue(html.contains("<h2 id=\"policy-metrics\">Policy metrics</h2>"), "policy metrics table");
        assertTrue(html.contains("<td><code>mesocosm_omega_service_transactions_total</code></td><td class=\"value\">1,234</td>"));
        assertTrue(html.contains("<td><code>mesocosm_some_gauge</code></td><td class=\"value\">0.125</td>"), "a gauge keeps its fraction");
        assertTrue(html.indexOf("id=\"schedulers\"") < html.indexOf("<h2>Charts</h2>"), "tables before the charts");
    }

    @Test
    void anEstimateShowsItsIntervalAndAMissingValueIsNotZero() throws IOException {
        Map<String, Object> drf = lane(Map.of("mean", 0.3, "ci95_low", 0.25, "ci95_high", 0.35, "n", 5), 0.3, 0.0, 10, 1.0, 3, 0);
        drf.remove("commits_failed"); // a policy without lanes writes none
        drf.put("decisions", null);
        String html = report(new SyntheticRun().summary("schedulers", Map.of("drf", drf)).summary("policy_metrics", Map.of()));

        assertTrue(html.contains("<td class=\"value\">30.0% [25.0%, 35.0%] (n 5)</td>"), "busyness with its interval");
        assertTrue(html.contains("One scheduler: the policy itself."));
        assertFalse(html.contains("Commits failed"), "no column nobody has");
        assertTrue(html.contains("<td class=\"value\">30.0%</td><td class=\"value\">0.0%</td><td class=\"value\">n/a</td>"),
                "a null decisions count reads n/a, never 0");
        assertTrue(html.contains("This policy counts nothing about itself."));
        assertFalse(html.contains("Other fields in summary.json"));
    }

    @Test
    void aSummaryWithoutTheKeysHasNoSuchTables() throws IOException {
        String html = report(new SyntheticRun());
        assertFalse(html.contains("id=\"schedulers\""));
        assertFalse(html.contains("id=\"policy-metrics\""));
        assertEquals(-1, html.indexOf("Policy metrics"));
    }
}
