package org.mesocosm.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes {@code report.html} for a finished run: one self-contained file, its charts embedded as
 * PNG data URIs, so it can be mailed or attached to an issue and opens in any browser offline.
 *
 * <p>Reads only the run directory's files (DESIGN.md §7): {@code summary.json} for the headline
 * table, {@code timeline.csv} for the over-time charts, {@code tasks.csv} for the latency and job
 * completion CDFs, the failure counts and the per-node heat map. Summary metrics are shown as written, never recomputed; the charts show the
 * distributions behind them. The page is self-contained (inline CSS, no scripts, no network) and
 * deterministic: the same run directory gives the same HTML.
 *
 * <p>File written: {@code report.html}. A chart the data does not allow (say, no role shares) is
 * replaced by a note in the page. Chart PNGs that earlier versions wrote beside the page
 * ({@code chart-*.png}, see {@link Figures#FILES}) are removed so they cannot go stale.
 */
public final class RunReport {
    private RunReport() {
    }

    /**
     * Reads {@code runDir}'s run files and writes the report.
     *
     * @return the path of {@code runDir/report.html}
     * @throws java.nio.file.NoSuchFileException if the directory or a required file is missing (the
     *     message names it)
     * @throws RunFileException if a file is malformed (the message names file, line and field)
     * @throws IOException if the files cannot be read or the report cannot be written
     */
    public static Path write(Path runDir) throws IOException {
        // Chart rendering needs no display. Set before AWT starts; an explicit setting wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        RunFiles.requireDirectory(runDir);
        Summary summary = Summary.read(runDir.resolve(RunFiles.SUMMARY));
        Timeline timeline = Timeline.read(runDir.resolve(RunFiles.TIMELINE));
        TaskDistributions tasks = TaskDistributions.read(runDir.resolve(RunFiles.TASKS));
        TaskActivity activity = TaskActivity.read(runDir.resolve(RunFiles.TASKS));

        List<Figure> figures = Figures.build(timeline, tasks, activity, endOfRun(summary, timeline, activity),
                summary.value("nodes"));
        for (String old : Figures.FILES) {
            // Earlier reports wrote their charts beside the page; the page now embeds them.
            Files.deleteIfExists(runDir.resolve(old));
        }
        Path report = runDir.resolve(RunFiles.REPORT);
        writeAtomically(report, ReportPage.render(summary, timeline, tasks, figures));
        return report;
    }

    /** The run's simulated length: summary.json's sim_time_s, else the latest time in the files. */
    private static double endOfRun(Summary s, Timeline t, TaskActivity a) {
        double sim = s.value("sim_time_s");
        if (Double.isFinite(sim) && sim > 0) {
            return sim;
        }
        double last = t.samples() == 0 ? 0 : t.hours()[t.samples() - 1] * 3600.0;
        return Math.max(last, a.lastTimeS());
    }

    /** Readers never see a half-written page. */
    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
