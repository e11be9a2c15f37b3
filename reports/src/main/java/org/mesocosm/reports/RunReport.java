package org.mesocosm.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes {@code report.html} for a finished run, with its charts as PNG files beside it.
 *
 * <p>Reads only the run directory's files (DESIGN.md §7): {@code summary.json} for the headline
 * table, {@code timeline.csv} for the over-time charts, {@code tasks.csv} for the latency and job
 * completion CDFs. Summary metrics are shown as written, never recomputed; the charts show the
 * distributions behind them. The page is self-contained (inline CSS, no scripts, no network) and
 * deterministic: the same run directory gives the same HTML.
 *
 * <p>Files written: {@code report.html} and {@code chart-*.png} (see {@link Figures#FILES}). A
 * chart the data does not allow (say, no role shares) is replaced by a note in the page, and a
 * stale PNG of that name from an earlier report is removed.
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

        List<Figure> figures = Figures.build(timeline, tasks);
        for (Figure f : figures) {
            Path png = runDir.resolve(f.file());
            if (f instanceof Figure.Drawn d) {
                Charts.writePng(d.chart(), png);
            } else {
                Files.deleteIfExists(png);
            }
        }
        Path report = runDir.resolve(RunFiles.REPORT);
        writeAtomically(report, ReportPage.render(summary, timeline, tasks, figures));
        return report;
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
