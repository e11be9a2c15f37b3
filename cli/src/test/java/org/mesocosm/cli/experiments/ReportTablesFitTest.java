package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline tables of report.html fit a 1,200-px page and speak in labels, not raw metric keys.
 * Width model: a header wraps at spaces, so its longest word counts; a cell does not wrap except at its <br> (a value above its interval); about 8 px
 * per character at the page's table font, plus 16 px of padding per column.
 */
class ReportTablesFitTest {
    private static final Pattern TABLE = Pattern.compile("<table>(.*?)</table>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL);

    static int estimatedWidthPx(List<List<String>> table) {
        int width = 0;
        for (int col = 0; col < table.get(0).size(); col++) {
            int chars = 0;
            for (String word : table.get(0).get(col).split(" ")) chars = Math.max(chars, word.length());
            for (List<String> row : table.subList(1, table.size())) {
                for (String line : row.get(col).split("\n")) chars = Math.max(chars, line.length());
            }
            width += chars * 8 + 16;
        }
        return width;
    }

    static List<List<String>> firstTable(Path html) throws Exception {
        Matcher t = TABLE.matcher(Files.readString(html));
        assertTrue(t.find(), html.toString());
        List<List<String>> rows = new ArrayList<>();
        Matcher r = ROW.matcher(t.group(1));
        while (r.find()) {
            List<String> cells = new ArrayList<>();
            Matcher c = CELL.matcher(r.group(1));
            while (c.find()) {
                String text = c.group(1).replace("<br>", "\n").replaceAll("<[^>]+>", ""); // a cell breaks only where the page says so
                cells.add(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void compareAndSweepHeadlinesFitAPage(@TempDir Path tmp) throws Exception {
        Cli.Result c = Cli.run("compare", "--policies", "drf,drf:tasks-per-offer=1,k8s", "--seeds", "2", "--nodes", "10",
                "--out", tmp.resolve("c").toString(), "--quiet");
        assertEquals(0, c.exit(), c.err());
        List<List<String>> headline = firstTable(tmp.resolve("c/report.html"));
        assertEquals(List.of("metric", "drf", "drf:tasks-per-offer=1", "k8s"), headline.get(0));
        assertTrue(estimatedWidthPx(headline) <= 1200, estimatedWidthPx(headline) + " px: " + headline);
        for (List<String> row : headline) {
            assertFalse(row.get(0).contains("_"), "a label, not a metric key: " + row.get(0));
            for (String cell : row) assertFalse(cell.matches("-0\\.0+ .*"), "no -0: " + row);
        }

        Cli.Result s = Cli.run("sweep", "--grid", "policy=drf,k8s;nodes=10,20", "--seeds", "2", "--out", tmp.resolve("s").toString(), "--quiet");
        assertEquals(0, s.exit(), s.err());
        List<List<String>> points = firstTable(tmp.resolve("s/report.html"));
        assertEquals(5, points.size(), points.toString());
        assertTrue(estimatedWidthPx(points) <= 1200, estimatedWidthPx(points) + " px: " + points);
        for (String h : points.get(0)) assertFalse(h.contains("_"), "a label, not a metric key: " + h);
    }
}
