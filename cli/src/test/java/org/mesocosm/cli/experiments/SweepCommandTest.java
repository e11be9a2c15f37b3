package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    static final String GRID = "policy=drf,drf:tasks-per-offer=1;nodes=10,20;load=0.5,0.9";

    @Test
    void theSameSweepTwiceGivesTheSameSweepCsvWhateverTheThreadCount(@TempDir Path tmp) throws Exception {
        Cli.Result a = Cli.run("sweep", "--grid", GRID, "--seeds", "2", "--out", tmp.resolve("a").toString(), "--quiet", "--threads", "2");
        assertEquals(0, a.exit(), a.err());
        Cli.Result b = Cli.run("sweep", "--grid", GRID, "--seeds", "2", "--out", tmp.resolve("b").toString(), "--quiet", "--threads", "1");
        assertEquals(0, b.exit(), b.err());
        for (String f : List.of("sweep.csv", "sweep-stats.csv")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
        }
        List<String> rows = Files.readAllLines(tmp.resolve("a/sweep.csv"));
        assertEquals(1 + 8 * 2, rows.size(), "one row per point and seed");
        assertTrue(rows.get(0).startsWith("policy,workload,nodes,load,seed,status,cpu_utilization,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("drf,mixed,10,0.5,1,ok,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("drf,mixed,10,0.5,2,ok,"), rows.get(2));
        assertTrue(rows.get(16).startsWith("drf:tasks-per-offer=1,mixed,20,0.9,2,ok,"), rows.get(16));
        String html = Files.readString(tmp.resolve("a/report.html"));
        assertTrue(html.contains("Against nodes") && html.contains("Against load"), "a chart section per swept numeric key");
        assertEquals(2 * SweepReport.METRICS.size(), html.split("data:image/png;base64,", -1).length - 1);
        assertTrue(Files.readString(tmp.resolve("a/sweep-timing.csv")).startsWith("policy,workload,nodes,load,seed,attempts,wall_s"));
        // load sets the arrival rate: the cluster is busier while jobs arrive at 0.9 than at 0.5.
        List<String> stats = Files.readAllLines(tmp.resolve("a/sweep-stats.csv"));
        double low = mean(stats, "0.5", "cpu_utilization_arrivals");
        double high = mean(stats, "0.9", "cpu_utilization_arrivals");
        assertTrue(high > low * 1.3, "utilization while arriving should rise with load: " + low + " -> " + high);
    }

    private static double mean(List<String> statsLines, String load, String metric) {
        for (String l : statsLines) {
            String[] c = l.split(",");
            if (c[0].equals("drf") && c[2].equals("20") && c[3].equals(load) && c[4].equals(metric)) return Double.parseDouble(c[5]);
        }
        throw new AssertionError("no row for load " + load + " " + metric);
    }
}
