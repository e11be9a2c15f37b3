package org.mesocosm.reports.omega;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdicts on hand-built rows: grows (CIs apart), flat (CIs overlap), undecided (one seed), not measured. */
class FindingsTest {
    @TempDir
    Path dir;

    static SchedulerRow row(String arch, String sched, double tJob, long seed, double wait, double conflicts, double placed) {
        return new SchedulerRow(arch, sched, tJob, seed, 0.5, 0.1, wait, 2 * wait, wait, conflicts, 0, 100, placed);
    }

    /** Three seeds per point: values around {@code center} with a spread of +-1. */
    static void add(List<SchedulerRow> rows, String arch, String sched, double tJob, double wait, double conflicts, double placed) {
        for (int s = 1; s <= 3; s++) rows.add(row(arch, sched, tJob, s, wait + (s - 2), conflicts, placed));
    }

    @Test
    void growsFlatAndNotMeasured() throws Exception {
        List<SchedulerRow> rows = new ArrayList<>();
        add(rows, "mono-single", "batch", 0.1, 1, Double.NaN, 100);
        add(rows, "mono-single", "batch", 100, 500, Double.NaN, 40);   // grows: agrees
        add(rows, "mono-multi", "batch", 0.1, 1, Double.NaN, 100);
        add(rows, "mono-multi", "batch", 100, 400, Double.NaN, 100);   // grows where the paper says flat: disagrees
        add(rows, "omega", "batch", 0.1, 5, Double.NaN, 100);
        add(rows, "omega", "batch", 100, 5.5, Double.NaN, 100);        // overlapping CIs: flat, agrees
        add(rows, "omega", "service", 0.1, 1, 0.01, 10);
        add(rows, "omega", "service", 100, 1, 0.01, 10);               // conflict fraction flat: disagrees
        Grid g = Grid.of(rows, List.of("mono-single", "mono-multi", "mesos", "omega"));
        List<Findings.Finding> f = Findings.of(g);
        assertEquals(Findings.AGREES, f.get(0).verdict(), f.get(0).toString());
        assertEquals(Findings.DISAGREES, f.get(1).verdict(), f.get(1).toString());
        assertEquals(Findings.NOT_MEASURED, f.get(2).verdict());
        assertTrue(f.get(2).evidence().contains("not available in this build"), f.get(2).evidence());
        assertEquals(Findings.AGREES, f.get(3).verdict(), f.get(3).toString());
        assertEquals(Findings.DISAGREES, f.get(4).verdict(), f.get(4).toString());
        assertTrue(f.get(0).evidence().contains("t_job 100 s: 500 s [") && f.get(0).evidence().contains("(n=3)"), f.get(0).evidence());

        OmegaReport.write(dir, "t", List.of("setup"), g);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Findings") && html.contains("disagrees"));
        assertTrue(Files.size(dir.resolve("conflicts.png")) > 1000);
    }

    @Test
    void oneSeedIsUndecidedAndAMissingMetricIsNa() {
        List<SchedulerRow> rows = List.of(row("mono-single", "batch", 0.1, 1, 1, Double.NaN, 100),
                row("mono-single", "batch", 100, 1, 900, Double.NaN, 100));
        List<Findings.Finding> f = Findings.of(Grid.of(rows, List.of("mono-single")));
        assertEquals(Findings.UNDECIDED, f.get(0).verdict());
        assertTrue(f.get(0).evidence().contains("(n=1, no CI)"), f.get(0).evidence());
        assertEquals(Findings.NOT_MEASURED, f.get(1).verdict(), "mono-multi was not asked for");
        assertEquals("n/a", Grid.format(null, 1, " s"));
    }
}
