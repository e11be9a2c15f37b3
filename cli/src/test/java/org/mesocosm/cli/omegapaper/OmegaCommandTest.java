package org.mesocosm.cli.omegapaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.runtime.policy.PolicyRegistry;

/** The command end to end on a tiny cell and a short horizon (the full grid is not a unit test: README, bench note). */
class OmegaCommandTest {
    @TempDir
    Path dir;

    int run(Path out, String threads) {
        return Mesocosm.execute("experiment", "omega", "--cluster", "google-cell:60", "--days", "0.1", "--tjob", "10ms,2s",
                "--seeds", "2", "--threads", threads, "--quiet", "--out", out.toString());
    }

    @Test
    void writesTheCsvTheReportAndNaForWhatIsUnknown() throws IOException {
        Path out = dir.resolve("a");
        assertEquals(0, run(out, "2"));
        List<String> lines = Files.readAllLines(out.resolve("omega.csv"));
        assertEquals("architecture,scheduler,t_job_service_s,seed,busyness,wasted_busyness,wait_first_mean_s,wait_first_p90_s,"
                + "wait_full_mean_s,conflict_fraction,jobs_abandoned,jobs_total", lines.get(0));
        PolicyRegistry reg = PolicyRegistry.load();
        int available = 0;
        for (Architecture a : Architecture.values()) if (a.available(reg)) available++;
        assertEquals(1 + available * 2 * 2 * 2, lines.size(), "one row per run per scheduler (batch, service)");
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            assertEquals(12, f.length, l);
            assertTrue(f[1].equals("batch") || f[1].equals("service"), l);
            if (!f[0].equals("omega")) assertEquals("", f[9], "conflict fraction is n/a (empty), never 0, outside omega: " + l);
            assertTrue(Long.parseLong(f[11]) > 0, "every class has jobs in the window: " + l);
            if (f[0].startsWith("mono")) {
                double busy = Double.parseDouble(f[4]);
                assertTrue(busy > 0 && busy <= 1, l);
                assertEquals("0", f[10], "mono abandons nothing on an idle cell: " + l);
            }
        }
        // single-path mono charges every job the service t_job: at 2 s the batch jobs wait longer than at 10 ms
        assertTrue(wait(lines, "mono-single", "2", "1") > wait(lines, "mono-single", "0.01", "1"), String.join("\n", lines));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Findings: the paper&#39;s expectations against Mesocosm"), "findings table");
        for (Architecture a : Architecture.values()) {
            if (!a.available(reg)) assertTrue(html.contains(a.label() + " is not available in this build"), a.label());
        }
        assertTrue(Files.size(out.resolve("wait-batch.png")) > 1000);

        Path again = dir.resolve("b"); // one thread: the same bytes (each run is single-threaded and owns its seed)
        assertEquals(0, run(again, "1"));
        assertEquals(Files.readString(out.resolve("omega.csv")), Files.readString(again.resolve("omega.csv")));
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertEquals(2, Mesocosm.execute("experiment", "omega", "--tjob", "1x", "--out", dir.toString()));
        assertEquals(2, Mesocosm.execute("experiment", "omega", "--architectures", "mono,borg", "--out", dir.toString()));
        assertEquals(2, Mesocosm.execute("experiment", "omega", "--cluster", "google-cell:x", "--out", dir.toString()));
        assertEquals(2, Mesocosm.execute("experiment", "omega", "--seeds", "0", "--out", dir.toString()));
        assertFalse(Files.exists(dir.resolve("omega.csv")));
    }

    private static double wait(List<String> lines, String arch, String tJob, String seed) {
        for (String l : lines) {
            String[] f = l.split(",", -1);
            if (f[0].equals(arch) && f[1].equals("batch") && f[2].equals(tJob) && f[3].equals(seed)) return Double.parseDouble(f[6]);
        }
        throw new AssertionError("no row " + arch + " batch " + tJob + " seed " + seed);
    }
}
