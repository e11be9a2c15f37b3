package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    Path dir;

    @Test
    void writesReportWithHeadlineAndEveryChart() throws IOException {
        new SyntheticRun().writeTo(dir);

        Path report = RunReport.write(dir);

        assertEquals(dir.resolve("report.html"), report);
        String html = Files.readString(report);
        for (String expected : List.of("drf", "google-2019-sample", "12,500", "1,000", "871",
                "73.4%", "61.3%", "1.25 ms", "30.4 ms", "120 ms", "4,321 ms", "8.5 ms", "312 s", "3,600 s",
                "0.981", "49,382", SyntheticRun.DIGEST, "2.00 h")) {
            assertTrue(html.contains(expected), "report lacks " + expected);
        }
        Map<String, byte[]> charts = embeddedPngs(html);
        assertEquals(Figures.FILES, List.copyOf(charts.keySet()), "every chart embedded, in order");
        charts.forEach(RunReportTest::assertIsPng);
        for (String chart : Figures.FILES) {
            assertFalse(Files.exists(dir.resolve(chart)), "nothing beside the page: " + chart);
        }
        assertEquals(Figures.FILES.size(), count(html, "<figcaption>"), "one caption per chart");
        assertTrue(html.contains("ended FAILED"), "failure chart caption");
        assertTrue(html.contains("Mean CPU cores allocated per agent"), "heat map caption");
        assertTrue(html.contains("placed_s \u2212 ready_s"), "latency caption defines the latency");
        assertWellFormed(html);
        assertFalse(html.contains("http://") || html.contains("https://"), "no external resources");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Files.exists(dir.resolve("report.html.tmp")));
    }

    @Test
    void sameRunGivesSameHtml() throws IOException {
        new SyntheticRun().writeTo(dir);
        String first = Files.readString(RunReport.write(dir));
        String second = Files.readString(RunReport.write(dir));
        assertEquals(first, second);
    }

    @Test
    void escapesTextFromRunFiles() throws IOException {
        new SyntheticRun()
                .summary("policy", "drf<b>&\"weighted\"")
                .summary("note", "<script>alert('x')</script>")
                .writeTo(dir);

        String html = Files.readString(RunReport.write(dir));

        assertTrue(html.contains("drf&lt;b&gt;&amp;&quot;weighted&quot;"));
        assertFalse(html.contains("drf<b>"));
        assertTrue(html.contains("Other fields in summary.json"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertFalse(html.contains("<script>"));
        assertWellFormed(html);
    }

    @Test
    void missingDataGivesNotesNotCharts() throws IOException {
        new SyntheticRun().writeTo(dir);
        Files.writeString(dir.resolve(Figures.SHARES), "stale chart from an earlier report");
        Files.writeString(dir.resolve("timeline.csv"),
                "time_s,cpu_alloc,mem_alloc,agents_up,tasks_pending,tasks_running\n0,0.1,0.2,10,5,0\n60,,,10,5,0\n");
        Files.writeString(dir.resolve("tasks.csv"),
                "task_id,job_id,role,kind,priority,instance,attempt,cpu_m,mem_mib,ready_s,placed_s,start_s,end_s,agent,state\n"
                        + "t0,j0,web,BATCH,1,0,0,100,64,0.0,,,,,PENDING\n");

        String html = Files.readString(RunReport.write(dir));

        assertTrue(html.contains("no share:&lt;role&gt; columns"));
        assertTrue(html.contains("No task in tasks.csv was ever placed"));
        assertTrue(html.contains("No job completed"));
        assertTrue(html.contains("No attempt ended FAILED, LOST or KILLED"));
        assertTrue(html.contains("No placed task attempt in tasks.csv names its agent"));
        assertFalse(Files.exists(dir.resolve(Figures.SHARES)), "stale chart file from an older report removed");
        assertEquals(List.of(Figures.ALLOCATION, Figures.TASKS), List.copyOf(embeddedPngs(html).keySet()));
        assertWellFormed(html);
    }

    @Test
    void aMeasuredRunSaysItsDigestIsNotReproducibleAndShowsTheScheduler() throws IOException {
        new SyntheticRun().summary("decision_time", "measured").summary("busyness", 0.25).summary("busyness_wasted", 0.05)
                .summary("job_wait_first_s", java.util.Map.of("mean", 1.5, "p90", 3.0, "n", 10))
                .summary("job_wait_full_s", java.util.Map.of("mean", 2.0, "p90", 4.0, "n", 10))
                .summary("attempts_per_job", java.util.Map.of("p90", 2, "p99", 7, "n", 10)).summary("jobs_abandoned", 1).writeTo(dir);
        String html = Files.readString(RunReport.write(dir));
        assertTrue(html.contains("event_log_sha256 is not reproducible"), "measured warns");
        assertTrue(html.contains("<td>Busyness</td><td class=\"value\">25"), "busyness row");
        assertTrue(html.contains("1.5 s mean, 3 s p90"), "job wait row");
        assertWellFormed(html);
    }

    @Test
    void aPolicyWithSeveralSchedulersShowsOneRowPerLane() throws IOException {
        java.util.Map<String, Object> service = java.util.Map.of("busyness", 0.5, "busyness_wasted", 0.1,
                "job_wait_first_s", java.util.Map.of("mean", 12.5, "n", 4), "attempts_per_job", java.util.Map.of("p99", 3), "jobs_abandoned", 0);
        java.util.Map<String, Object> batch = java.util.Map.of("busyness", 0.2, "busyness_wasted", 0.0,
                "job_wait_first_s", java.util.Map.of("mean", 0.25, "n", 40), "attempts_per_job", java.util.Map.of("p99", 1), "jobs_abandoned", 2);
        java.util.Map<String, Object> lanes = new java.util.LinkedHashMap<>();
        lanes.put("service", service);
        lanes.put("batch", batch);
        new SyntheticRun().summary("decision_time", "model").summary("busyness", 0.35).summary("busyness_wasted", 0.05).summary("lanes", 2)
                .summary("schedulers", lanes).writeTo(dir);
        String html = Files.readString(RunReport.write(dir));
        assertTrue(html.contains("<td>Scheduler service</td><td class=\"value\">busy 50"), "service lane row");
        assertTrue(html.contains("job wait to first task 0.25 s mean (n 40)"), "batch lane row");
        assertTrue(html.indexOf("Scheduler service") < html.indexOf("Scheduler batch"), "in the policy's order");
        assertWellFormed(html);
    }

    @Test
    void speaksOnlyOfTheDecisionTimeModeThatExists() throws IOException {
        // a "zero" run: the report must not speak of the "model" or "measured" modes, nor warn about them
        new SyntheticRun().writeTo(dir);
        String html = Files.readString(RunReport.write(dir));
        assertTrue(html.contains("<td>Decision time</td><td class=\"value\">zero</td>"), "decision time row");
        assertFalse(html.contains("measured"), "mentions measured decision time");
        assertFalse(html.contains("model or"), "mentions a model decision time");
        assertFalse(html.contains("not bit-for-bit reproducible"));
    }

    @Test
    void largeRunThinsCdfs() throws IOException {
        new SyntheticRun().tasks(100_000).timelineRows(1_500).writeTo(dir);

        long t0 = System.nanoTime();
        String html = Files.readString(RunReport.write(dir));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        // Timing is informative only; JMH is the place for performance assertions (DESIGN.md §10).
        System.out.println("report for 100,000 tasks and 1,500 timeline rows: " + ms + " ms");
        assertTrue(html.contains("100,000 task attempts"));
        Matcher m = Pattern.compile("drawn through ([0-9,]+) of the").matcher(html);
        assertTrue(m.find(), "latency caption reports thinning");
        assertTrue(Integer.parseInt(m.group(1).replace(",", "")) <= Cdf.MAX_POINTS);
        assertEquals(Figures.FILES.size(), embeddedPngs(html).size());
    }

    private static final Pattern EMBEDDED = Pattern.compile(
            "<figure id=\"fig\\d+\" data-chart=\"([^\"]+)\">\n<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    /** The charts embedded in the page, by name, in page order. */
    static Map<String, byte[]> embeddedPngs(String html) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Matcher m = EMBEDDED.matcher(html);
        while (m.find()) {
            out.put(m.group(1), Base64.getDecoder().decode(m.group(2)));
        }
        return out;
    }

    static void assertIsPng(String name, byte[] bytes) {
        assertTrue(bytes.length > 1024, name + " is more than 1 KB: " + bytes.length);
        byte[] head = new byte[PNG_MAGIC.length];
        System.arraycopy(bytes, 0, head, 0, head.length);
        assertArrayEquals(PNG_MAGIC, head, name + " starts with the PNG signature");
    }

    private static final Set<String> VOID = Set.of("meta", "img", "br", "hr", "link", "input", "col");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");

    /** Every non-void element is closed in order; no stray '<' in text. Enough to catch broken markup. */
    static void assertWellFormed(String html) {
        assertTrue(html.startsWith("<!DOCTYPE html>\n"));
        String body = html.substring("<!DOCTYPE html>\n".length());
        String style = body.substring(body.indexOf("<style>"), body.indexOf("</style>"));
        body = body.replace(style, "<style>");
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(body);
        int last = 0;
        while (m.find()) {
            String text = body.substring(last, m.start());
            assertFalse(text.contains("<") || text.contains(">"), "stray angle bracket in: " + text);
            last = m.end();
            String name = m.group(2).toLowerCase();
            if (VOID.contains(name)) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else {
                assertEquals(open.isEmpty() ? "(none)" : open.peek(), name, "closing tag at " + m.start());
                open.pop();
            }
        }
        assertTrue(open.isEmpty(), "unclosed: " + open);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
