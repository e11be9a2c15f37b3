package org.mesocosm.reports.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * A self-contained HTML page for an experiment (compare, sweep, plan): headings, paragraphs,
 * tables and charts, with every chart embedded as a base64 PNG, so the one file opens anywhere
 * with no server and nothing beside it. All text is escaped.
 */
public final class ExperimentPage {
    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: #222; background: #fff; margin: 0; line-height: 1.45; }
            main { max-width: 1000px; margin: 0 auto; padding: 1.5em 1.2em 3em; }
            h1 { font-size: 1.6em; margin: 0 0 .3em; }
            h2 { font-size: 1.25em; margin: 1.8em 0 .6em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
            p.sub { color: #555; }
            table { border-collapse: collapse; width: 100%; font-size: .9em; margin: .5em 0 1em; }
            th, td { text-align: left; padding: .25em .5em; border-bottom: 1px solid #eee; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td .ci { color: #555; font-size: 90%; }
            figure { margin: 1em 0 2em; }
            figure img { max-width: 100%; height: auto; border: 1px solid #e5e5e5; }
            figcaption { font-size: .92em; color: #333; margin-top: .4em; }
            """;

    private final StringBuilder body = new StringBuilder(65_536);
    private final String title;

    public ExperimentPage(String title) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        this.title = title;
        body.append("<h1>").append(esc(title)).append("</h1>\n");
    }

    public ExperimentPage heading(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    public ExperimentPage paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A table; cells that look numeric are right-aligned. */
    public ExperimentPage table(List<String> header, List<List<String>> rows) {
        body.append("<table>\n<tr>");
        for (String h : header) body.append("<th>").append(esc(h)).append("</th>");
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                body.append(numeric(cell) ? "<td class=\"num\">" : "<td>").append(cellHtml(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    public ExperimentPage figure(XYChart chart, String caption) throws IOException {
        return figure((org.knowm.xchart.internal.chartpart.Chart<?, ?>) chart, caption);
    }

    /** Any XChart chart (bar charts too), embedded as a PNG. */
    public ExperimentPage figure(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String caption) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        body.append("<figure><img alt=\"").append(esc(chart.getTitle())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + esc(title) + "</title>\n<style>\n"
                + CSS + "</style>\n</head>\n<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, html(), StandardCharsets.UTF_8);
    }

    /**
     * A value with its interval ({@code 0.654 [0.482\u20131]}, what a cut interval looks like) puts
     * the interval on a line of its own: a dense table keeps its columns narrow.
     */
    static String cellHtml(String cell) {
        int i = cell.indexOf(" [");
        if (i <= 0 || !cell.endsWith("]")) return esc(cell);
        return esc(cell.substring(0, i)) + "<br><span class=\"ci\">" + esc(cell.substring(i + 1)) + "</span>";
    }

    private static boolean numeric(String s) {
        return !s.isEmpty() && s.matches("[-+]?[0-9.,]+( ?[a-z%]+)?( \\[.*\\])?");
    }

    static String esc(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
