package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan end to end on a tiny demand: the answer meets the SLO, one node fewer does not, and the evidence says so. */
class PlanCommandTest {

    @Test
    void findsTheSmallestClusterMeetingTheSlo(@TempDir Path tmp) throws Exception {
        Cli.Result r = Cli.run("plan", "--workload", "batch", "--workload-nodes", "10", "--policy", "drf", "--slo",
                "sched_latency_p95<3s", "--seeds", "3", "--precision", "0", "--max-nodes", "200", "--out", tmp.toString(), "--html",
                "--quiet");
        assertEquals(0, r.exit(), r.out() + r.err());
        Matcher m = Pattern.compile("you need ([0-9,]+) nodes of 32 cores, 128 GiB for sched_latency_p95 < ([0-9,]+) ms").matcher(r.out());
        assertTrue(m.find(), r.out());
        int answer = Integer.parseInt(m.group(1).replace(",", ""));
        assertEquals("3,000", m.group(2));

        List<String> csv = Files.readAllLines(tmp.resolve("plan.csv"));
        assertEquals("node_shape,nodes,metric,mean,ci95_low,ci95_high,n,slo,met,answer", csv.get(0));
        boolean sawAnswer = false;
        boolean sawJustBelow = false;
        for (String line : csv.subList(1, csv.size())) {
            String[] c = line.split(",");
            if (c[2].equals("tasks_unscheduled")) {
                assertEquals("<1", c[7], "every plan also asks that every task fit a node");
                continue;
            }
            assertEquals("sched_latency_p95", c[2]);
            int nodes = Integer.parseInt(c[1]);
            boolean met = Boolean.parseBoolean(c[8]);
            assertEquals(met, Double.parseDouble(c[5]) < 3000, "met means the upper bound is under 3 s: " + line);
            if (nodes == answer) {
                sawAnswer = true;
                assertTrue(met, line);
                assertEquals("true", c[9]);
            }
            if (nodes < answer) assertFalse(met, "a smaller size the search tried must fail: " + line);
            if (nodes == answer - 1) sawJustBelow = true;
        }
        assertTrue(sawAnswer && (sawJustBelow || answer == 1), "precision 0 pins the answer to one node: " + csv);
        String html = Files.readString(tmp.resolve("plan.html"));
        assertEquals(2, html.split("data:image/png;base64,", -1).length - 1, "one chart per SLO metric (with the implicit tasks_unscheduled)");
    }
}
