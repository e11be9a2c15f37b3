package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.reports.stats.Estimate;

/** compare end to end on a tiny cluster: files, their columns, the statistics in them, the page and the table. */
class CompareCommandTest {

    @Test
    void comparesTwoPoliciesOnTheSameSeeds(@TempDir Path tmp) throws Exception {
        Cli.Result r = Cli.run("compare", "--policies", "drf,drf:tasks-per-offer=1", "--seeds", "3", "--nodes", "20", "--out", tmp.toString(),
                "--keep-runs");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("[compare] 6/6 runs, 2/2 points done"), r.err());
        assertTrue(r.out().startsWith("policy "), r.out());
        assertTrue(r.out().contains("drf:tasks-per-offer=1"), r.out());

        List<String> compare = Files.readAllLines(tmp.resolve("compare.csv"));
        assertEquals("policy,metric,mean,ci95_low,ci95_high,n", compare.get(0));
        assertEquals(1 + 2 * Metric.values().length, compare.size());

        // The CI in compare.csv is the Student t interval of the per-seed values in runs.csv.
        List<String> runs = Files.readAllLines(tmp.resolve("runs.csv"));
        assertEquals(1 + 6, runs.size());
        int col = List.of(runs.get(0).split(",")).indexOf("cpu_utilization");
        double[] drf = new double[3];
        for (int i = 0; i < 3; i++) drf[i] = Double.parseDouble(runs.get(1 + i).split(",")[col]);
        Estimate e = Estimate.of(drf);
        String row = compare.stream().filter(l -> l.startsWith("drf,cpu_utilization,")).findFirst().orElseThrow();
        String[] c = row.split(",");
        assertEquals(e.mean(), Double.parseDouble(c[2]), 1e-12);
        assertEquals(e.ciLow(), Double.parseDouble(c[3]), 1e-12);
        assertEquals(e.ciHigh(), Double.parseDouble(c[4]), 1e-12);
        assertEquals("3", c[5]);

        List<String> paired = Files.readAllLines(tmp.resolve("paired.csv"));
        assertEquals("policy_a,policy_b,metric,mean_diff,ci95_low,ci95_high,p_value,test,n", paired.get(0));
        // a metric that is n/a in every run of a policy (e.g. a band with no task, n = 0 in compare.csv) has no pair
        long known = 0;
        for (Metric m : Metric.values()) {
            boolean both = compare.stream().filter(l -> l.split(",")[1].equals(m.key())).noneMatch(l -> l.endsWith(",0"));
            if (both) known++;
        }
        assertTrue(known >= Metric.values().length - 3, "most metrics are known on the default workload: " + known);
        assertEquals(1 + 2 * known, paired.size(), "a t-test and a Wilcoxon row per metric known in both policies");
        assertTrue(paired.get(1).startsWith("drf,drf:tasks-per-offer=1,cpu_utilization,") && paired.get(1).contains(",paired_t,3"));
        assertTrue(paired.get(2).contains(",wilcoxon,3"));

        // Same seeds for both policies: every run kept, named by policy and seed.
        for (String p : List.of("drf", "drf_tasks-per-offer=1")) {
            for (int s = 1; s <= 3; s++) assertTrue(Files.exists(tmp.resolve("runs/" + p + "-mixed-n20-s" + s + "/summary.json")), p + " " + s);
        }

        String html = Files.readString(tmp.resolve("report.html"));
        assertEquals(4, html.split("data:image/png;base64,", -1).length - 1, "four embedded charts");
        assertFalse(html.matches("(?s).*(src|href)=\"(?!data:).*"), "nothing outside the file");
        for (String t : List.of("CPU allocation over time", "Scheduling latency CDF", "Fairness over time", "Preemptions over time")) {
            assertTrue(html.contains(t), t);
        }
    }
}
